package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterTopology;
import io.respkit.codec.RedisCodec;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.pubsub.ClusterShardedSubscriber;
import io.respkit.pubsub.MessageListener;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link ClusterShardedSubscriber} of a {@link ClusterRouter}: which shard channel is subscribed on which node
 * ({@link ShardNode}), and the checker that places channels on their slot's owner, moves them when it changes, and
 * retires the connections of nodes that left. Messages of every node go through one queue to the reader, bounded for
 * what the nodes send (a full queue stops the node threads, and so the nodes' sockets: back-pressure as with one
 * {@link Subscriber}). The gap report of a moved channel is queued past that bound: there is at most one per channel
 * and move, and it is queued under the lock right before the channel's {@code SSUBSCRIBE} is sent to its new owner,
 * which is how it comes before that owner's confirmation without the lock ever waiting for the reader.
 *
 * <p>Thread-safe: placements change under one lock, by the caller's thread ({@code ssubscribe}, {@code sunsubscribe}),
 * the node threads (a node dropping a channel) and the checker thread. Nothing that can wait long happens under it:
 * not waiting for room in the queue (a slow reader, or a reader that itself subscribes, would stall or deadlock every
 * caller), not opening a node connection (a node that does not answer would hold every caller for its timeout).
 * It does write subscription commands, so it is a {@link ReentrantLock}, not a monitor, as is the reader's lock,
 * held while a reader waits for a message: a virtual thread blocking inside a monitor pins its carrier on JDK 21–23.
 *
 * @param <V> the payload type
 */
public final class ShardedSubscriptions<V> implements ClusterShardedSubscriber<V> {

    private static final Logger log = LoggerFactory.getLogger(ShardedSubscriptions.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int QUEUE_CAPACITY = 10_000;
    private static final long CHECK_MILLIS = 250;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long after a node connection came back its channels are checked against the topology. */
    private static final long VERIFY_AFTER_RECONNECT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ClusterRouter router;
    private final RedisCodec<V> codec;
    private final ShardQueue<V> queue = new ShardQueue<>(QUEUE_CAPACITY);
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ScheduledExecutorService checker;
    // guarded by lock
    private final Map<HostAndPort, ShardNode<V>> nodes = new HashMap<>();
    /** Every channel subscribed by the caller, with the node holding it (absent while waiting for an owner). */
    private final Map<String, HostAndPort> placed = new ConcurrentHashMap<>();
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    /** Channels a node dropped, with that node and the topology then: not placed there again until it changes. */
    private final Map<String, Lost> lost = new HashMap<>();
    private volatile boolean ignoreSubscribeMessages;
    private volatile boolean closed;

    private record Lost(HostAndPort node, ClusterTopology seen) {
    }

    /**
     * Creates a subscriber subscribed to nothing; node connections open on first use.
     *
     * @param router the cluster
     * @param codec the payload codec
     */
    public ShardedSubscriptions(ClusterRouter router, RedisCodec<V> codec) {
        this.router = router;
        this.codec = codec;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "respkit-sharded-subscriber-check-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public ClusterShardedSubscriber<V> ignoreSubscribeMessages(boolean ignore) {
        this.ignoreSubscribeMessages = ignore;
        return this;
    }

    @Override
    public void ssubscribe(String... channels) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("ssubscribe needs at least one shard channel");
        }
        checkNames(channels);
        Map<HostAndPort, List<String>> missing;
        lock.lock();
        try {
            ensureOpen();
            Map<HostAndPort, List<String>> again = new LinkedHashMap<>();
            for (String c : channels) {
                HostAndPort at = placed.get(c);
                if (at != null) {
                    again.computeIfAbsent(at, a -> new ArrayList<>()).add(c); // a confirmation is expected
                }
                wanted.add(c);
            }
            again.forEach((node, names) -> send(nodes.get(node), true, names));
            missing = place(router.topology());
        } finally {
            lock.unlock();
        }
        // only the connections these channels need: another channel's node that does not answer is the checker's
        List<String> mine = List.of(channels);
        missing.values().removeIf(waiting -> Collections.disjoint(waiting, mine));
        connect(missing.keySet());
    }

    @Override
    public void sunsubscribe(String... channels) {
        checkNames(channels);
        lock.lock();
        try {
            ensureOpen();
            Set<String> names = channels.length == 0 ? new HashSet<>(wanted) : Set.of(channels);
            Map<HostAndPort, List<String>> byNode = new LinkedHashMap<>();
            for (String c : names) {
                wanted.remove(c);
                lost.remove(c);
                HostAndPort at = placed.remove(c);
                if (at != null) {
                    byNode.computeIfAbsent(at, a -> new ArrayList<>()).add(c);
                }
            }
            byNode.forEach((node, list) -> send(nodes.get(node), false, list));
        } finally {
            lock.unlock();
        }
    }

    private static void checkNames(String[] channels) {
        for (String c : channels) {
            if (c == null) {
                throw new IllegalArgumentException("a shard channel must not be null");
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new RedisConnectionException("The sharded subscriber is closed");
        }
    }

    /**
     * Places every wanted channel that no node holds on its slot's owner, where a connection to it is open; a channel
     * that was held before gets a gap report first. Under the lock.
     *
     * @return the owners without a connection yet, with the channels waiting for them: the caller opens them with
     *         {@link #connect} after the lock
     */
    private Map<HostAndPort, List<String>> place(ClusterTopology topology) {
        Map<HostAndPort, List<String>> byOwner = new LinkedHashMap<>();
        for (String c : wanted) {
            if (placed.containsKey(c)) {
                continue;
            }
            ClusterNode owner = topology.primary(SlotHash.slot(c, codec.charset()));
            Lost l = lost.get(c);
            if (owner == null || l != null && l.seen() == topology && l.node().equals(owner.address())) {
                router.requestTopologyRefresh(); // the topology does not know the new owner yet
                continue;
            }
            byOwner.computeIfAbsent(owner.address(), a -> new ArrayList<>()).add(c);
        }
        Map<HostAndPort, List<String>> missing = new LinkedHashMap<>();
        for (Map.Entry<HostAndPort, List<String>> e : byOwner.entrySet()) {
            ShardNode<V> node = nodes.get(e.getKey());
            if (node == null) {
                missing.put(e.getKey(), e.getValue());
                continue;
            }
            for (String c : e.getValue()) {
                if (lost.remove(c) != null) {
                    log.warn("Shard channel '{}' moved to {}; messages published to it meanwhile were not received",
                            c, node.address);
                    // queued before the SSUBSCRIBE below is sent, so before the new owner's confirmation
                    queue.addGap(new SubscriptionEvent<>(SubscriptionEvent.Kind.RECONNECTED, c, 1));
                }
                placed.put(c, node.address);
            }
            send(node, true, e.getValue());
        }
        return missing;
    }

    /**
     * Opens the connections {@link #place} found missing, outside the lock, then places the channels waiting for
     * them. Two threads may open one node at once: the second connection is closed. A node that cannot be reached
     * now is left to the checker, which tries again. Not under the lock.
     */
    private void connect(Set<HostAndPort> addresses) {
        if (addresses.isEmpty()) {
            return;
        }
        Map<HostAndPort, Subscriber<V>> opened = new LinkedHashMap<>();
        for (HostAndPort address : addresses) {
            try {
                opened.put(address, Subscriber.open(router.config().configFor(address), codec));
            } catch (RedisException e) {
                log.warn("Sharded subscriber cannot connect to {} yet: {}", address, e.getMessage());
                router.requestTopologyRefresh();
            }
        }
        if (opened.isEmpty()) {
            return;
        }
        List<Subscriber<V>> spare = new ArrayList<>();
        lock.lock();
        try {
            for (Map.Entry<HostAndPort, Subscriber<V>> e : opened.entrySet()) {
                if (closed || nodes.containsKey(e.getKey())) {
                    spare.add(e.getValue());
                    continue;
                }
                ShardNode<V> node = new ShardNode<>(e.getKey(), e.getValue(), this::onMessage, this::onLost);
                nodes.put(e.getKey(), node);
                node.start();
            }
            if (!closed) {
                place(router.topology()); // owners that changed meanwhile are the checker's next job
            }
        } finally {
            lock.unlock();
        }
        spare.forEach(Subscriber::close);
    }

    /** SSUBSCRIBE or SUNSUBSCRIBE on one node, one command per slot (a cluster refuses channels of two slots). */
    private void send(ShardNode<V> node, boolean subscribe, List<String> channels) {
        Map<Integer, List<String>> bySlot = new LinkedHashMap<>();
        for (String c : channels) {
            bySlot.computeIfAbsent(SlotHash.slot(c, codec.charset()), s -> new ArrayList<>()).add(c);
        }
        for (List<String> group : bySlot.values()) {
            String[] names = group.toArray(String[]::new);
            try {
                if (subscribe) {
                    node.subscriber.ssubscribe(names);
                } else {
                    node.subscriber.sunsubscribe(names);
                }
            } catch (RedisConnectionException e) {
                log.debug("Sharded subscriber: {} on {} failed: {}", subscribe ? "SSUBSCRIBE" : "SUNSUBSCRIBE",
                        node.address, e.getMessage());
            }
        }
    }

    /** Our own SUNSUBSCRIBE of a channel that stays wanted (it moves): its confirmation is not for the reader. */
    private void dropRecord(ShardNode<V> node, String channel) {
        if (node.subscriber.isOpen()) {
            node.cleanups.merge(channel, 1, Integer::sum);
        }
        send(node, false, List.of(channel));
    }

    /** On a node's reading thread. */
    private void onMessage(ShardNode<V> node, PubSubMessage<V> m) {
        if (m instanceof SubscriptionEvent<V> e) {
            if (e.kind() == SubscriptionEvent.Kind.SUNSUBSCRIBE && e.channel() != null && !forReader(node, e)) {
                return;
            }
            if (e.kind() == SubscriptionEvent.Kind.RECONNECTED) {
                lock.lock();
                try {
                    node.cleanups.clear(); // their confirmations died with the old connection
                } finally {
                    lock.unlock();
                }
                router.requestTopologyRefresh(); // slots may have moved while it was down
            } else if (ignoreSubscribeMessages) {
                return;
            }
        }
        queue.put(m, () -> closed);
    }

    /** Whether a node's SUNSUBSCRIBE confirms the caller's; a node dropping a wanted channel starts its move. */
    private boolean forReader(ShardNode<V> node, SubscriptionEvent<V> e) {
        String c = e.channel();
        lock.lock();
        try {
            Integer pending = node.cleanups.get(c);
            if (pending != null) {
                if (pending == 1) {
                    node.cleanups.remove(c);
                } else {
                    node.cleanups.put(c, pending - 1);
                }
                return false;
            }
            if (closed || !node.address.equals(placed.get(c))) {
                return !wanted.contains(c);
            }
            // The node gave the channel's slot away (a migration): drop it there, subscribe it on the new owner.
            log.info("Node {} dropped shard channel '{}' (its slot moved); following it", node.address, c);
            placed.remove(c);
            lost.put(c, new Lost(node.address, router.topology()));
            dropRecord(node, c);
        } finally {
            lock.unlock();
        }
        router.requestTopologyRefresh();
        trigger();
        return false;
    }

    private void onLost() {
        router.requestTopologyRefresh();
    }

    private void trigger() {
        try {
            checker.execute(this::check);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** On the checker thread: places waiting channels, moves those of lost nodes, retires nodes that left. */
    private void check() {
        try {
            Map<HostAndPort, List<String>> missing;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                ClusterTopology topology = router.topology();
                long now = System.nanoTime();
                for (ShardNode<V> node : new ArrayList<>(nodes.values())) {
                    boolean down = node.lostSinceNanos() != 0;
                    boolean suspect = down || topology.node(node.address) == null
                            || node.reconnectedAtNanos() != 0
                            && now - node.reconnectedAtNanos() < VERIFY_AFTER_RECONNECT_NANOS;
                    int held = 0;
                    for (Map.Entry<String, HostAndPort> p : placed.entrySet()) {
                        if (!p.getValue().equals(node.address)) {
                            continue;
                        }
                        ClusterNode owner = topology.primary(SlotHash.slot(p.getKey(), codec.charset()));
                        if (suspect && owner != null && !owner.address().equals(node.address)) {
                            log.info("Shard channel '{}' leaves {} (connection {}), now served by {}", p.getKey(),
                                    node.address, down ? "lost" : "restored", owner.address());
                            placed.remove(p.getKey());
                            lost.put(p.getKey(), new Lost(node.address, null));
                            dropRecord(node, p.getKey());
                        } else {
                            held++;
                        }
                    }
                    if (held == 0 && down) {
                        log.info("Sharded subscriber closes its connection to {}: it serves none of its channels",
                                node.address);
                        nodes.remove(node.address);
                        node.retire();
                    }
                }
                missing = place(topology);
            } finally {
                lock.unlock();
            }
            connect(missing.keySet());
        } catch (RuntimeException e) {
            log.warn("Sharded subscriber check failed: {}", e.toString());
        }
    }

    @Override
    public PubSubMessage<V> next(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long nanos = timeout.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L / 2 ? Long.MAX_VALUE : timeout.toNanos();
        return take(nanos);
    }

    @Override
    public PubSubMessage<V> next() {
        return take(Long.MAX_VALUE);
    }

    private PubSubMessage<V> take(long timeoutNanos) {
        readLock.lock();
        try {
            long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
            try {
                for (;;) {
                    if (closed) {
                        return null;
                    }
                    long left = deadline == Long.MAX_VALUE ? SLICE_NANOS : deadline - System.nanoTime();
                    PubSubMessage<V> m = queue.poll(Math.min(left, SLICE_NANOS));
                    if (m != null || left <= 0) {
                        return closed ? null : m;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisInterruptedException("Interrupted while waiting for a shard message; the subscriber "
                        + "stays usable");
            }
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void run(MessageListener<V> listener) {
        for (PubSubMessage<V> message : listen()) {
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                log.warn("Pub/sub listener failed on a message from '{}'", message.channel(), e);
            }
        }
    }

    @Override
    public Thread start(MessageListener<V> listener) {
        Thread t = new Thread(() -> {
            try {
                run(listener);
            } catch (RedisException e) {
                log.warn("Sharded subscriber stopped: {}", e.getMessage());
            }
        }, "respkit-sharded-listener-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public Set<String> shardChannels() {
        return Collections.unmodifiableSet(wanted);
    }

    @Override
    public Set<HostAndPort> nodes() {
        lock.lock();
        try {
            return Set.copyOf(nodes.keySet());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        List<ShardNode<V>> all;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(nodes.values());
            nodes.clear();
        } finally {
            lock.unlock();
        }
        checker.shutdownNow();
        all.forEach(ShardNode::retire);
        queue.clear();
    }

    @Override
    public String toString() {
        return "ClusterShardedSubscriber[shardChannels=" + wanted + ", nodes=" + nodes() + "]";
    }
}
