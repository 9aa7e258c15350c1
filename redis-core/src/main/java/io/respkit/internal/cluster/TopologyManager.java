package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterConfig;
import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterTopology;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.Command;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisClusterDownException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.internal.commands.AdminSpecs;
import io.respkit.internal.commands.Decoders;
import io.respkit.pool.PooledConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cluster as the client sees it: the current {@link ClusterTopology}, the slots a {@code MOVED} reported since
 * it was read, and one {@link NodeChannel} per node. The topology is read at start (from the seeds), periodically, and
 * when a caller reports a sign of change ({@link #requestRefresh()}: a {@code MOVED}, a node that cannot be reached,
 * {@code CLUSTERDOWN}). Refreshes never pile up: at most one runs at a time, at most one waits, and two start at
 * least {@link ClusterConfig#refreshMinInterval()} apart, however many callers ask. A refresh asks up to
 * {@value #SOURCES} nodes at once and keeps the view most of them agree on ({@link TopologyChoice}).
 *
 * <p>Thread-safe.
 */
final class TopologyManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopologyManager.class);
    /** How many nodes a refresh asks: enough to out-vote a stale one, few enough to stay cheap on big clusters. */
    static final int SOURCES = 5;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ClusterConfig config;
    private final Map<HostAndPort, NodeChannel> channels = new ConcurrentHashMap<>();
    /**
     * Slots whose owner a MOVED named, until a topology read confirms it. A read that disagrees may be older than
     * the MOVED (nodes learn of a migration one by one), so an entry is dropped only by the second read that started
     * after it and still disagrees.
     */
    private final Map<Integer, Moved> moved = new ConcurrentHashMap<>();
    /** Nodes that failed to answer, and when; each topology read clears those marked before it began. */
    private final Map<HostAndPort, Long> suspects = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService askers;
    private final Object lock = new Object();
    /** A lock, not a monitor: applying closes the channels of nodes that left (sockets, pools). */
    private final ReentrantLock applyLock = new ReentrantLock();
    /** When the read applied last began; guarded by applyLock. */
    private long lastApplied = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile ClusterTopology topology;
    private final AtomicLong reads = new AtomicLong();
    /** Why the last read that got no view failed, for the message when the first read fails. */
    private volatile Throwable lastFailure;
    private volatile boolean closed;
    // guarded by lock
    private long lastStart = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private boolean scheduled;
    private CompletableFuture<ClusterTopology> next = new CompletableFuture<>();

    /**
     * Reads the topology from the seeds and starts the periodic refresh.
     *
     * @throws RedisConnectionException when no seed answered with a topology
     */
    TopologyManager(ClusterConfig config) {
        this.config = config;
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "respkit-cluster-topology-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemons);
        this.askers = Executors.newCachedThreadPool(daemons);
        try {
            synchronized (lock) {
                lastStart = System.nanoTime();
            }
            ClusterTopology first = read(new ArrayList<>(config.seeds()));
            if (first == null) {
                Throwable why = lastFailure;
                if (why instanceof RedisServerException refused) {
                    throw refused; // WRONGPASS, NOPERM, ...: the same for every node, and the caller must see it
                }
                throw new RedisConnectionException("No seed node of the cluster answered with its topology: "
                        + config.seeds(), why);
            }
            apply(first, System.nanoTime());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        long period = config.refreshPeriod().toNanos();
        if (period > 0) {
            scheduler.scheduleWithFixedDelay(this::requestRefresh, period, period, TimeUnit.NANOSECONDS);
        }
    }

    ClusterTopology topology() {
        return topology;
    }

    ClusterConfig config() {
        return config;
    }

    /** The channel of a node, opened on first use (a node named by a MOVED may not be in the topology yet). */
    NodeChannel channel(HostAndPort address) {
        if (closed) {
            throw new IllegalStateException("the cluster client is closed");
        }
        NodeChannel channel = channels.computeIfAbsent(address, a -> new NodeChannel(a, config.configFor(a)));
        if (closed && channels.remove(address, channel)) {
            channel.close(); // created while close() was clearing the map: nobody else would close it
            throw new IllegalStateException("the cluster client is closed");
        }
        return channel;
    }

    /**
     * Returns the node serving a slot's writes: the one a {@code MOVED} named since the last refresh, else the
     * topology's primary.
     *
     * @throws RedisClusterDownException when no node serves the slot
     */
    HostAndPort primaryFor(int slot) {
        Moved m = moved.get(slot);
        if (m != null) {
            return m.owner();
        }
        ClusterNode primary = topology.primary(slot);
        if (primary == null) {
            throw new RedisClusterDownException("No node of the cluster serves hash slot " + slot
                    + " (in the topology last read)");
        }
        return primary.address();
    }

    /**
     * Returns whether the cluster marks a node as failed: its replica is about to take over, so sending it anything
     * would only wait out a timeout.
     */
    boolean markedFailed(HostAndPort address) {
        ClusterNode node = topology.node(address);
        return node != null && node.health() == ClusterNode.Health.FAILED;
    }

    /**
     * Returns a serving primary chosen at random, for a keyless command; a seed while no topology names one.
     */
    HostAndPort anyPrimary() {
        List<ClusterNode> primaries = topology.servingPrimaries();
        if (primaries.isEmpty()) {
            return config.seeds().get(0);
        }
        return primaries.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(primaries.size())).address();
    }

    /** Records a MOVED: the slot is served elsewhere now; the rest of the map is probably stale too. */
    void moved(int slot, HostAndPort owner) {
        moved.put(slot, new Moved(owner, System.nanoTime(), false));
        requestRefresh();
    }

    /** Asks for a refresh, rate-limited and coalesced; returns at once. */
    void requestRefresh() {
        synchronized (lock) {
            if (scheduled || closed) {
                return;
            }
            scheduled = true;
            long wait = Math.max(0, lastStart + config.refreshMinInterval().toNanos() - System.nanoTime());
            scheduler.schedule(this::refresh, wait, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Waits for the next refresh to finish, after asking for one.
     *
     * @param deadline a {@link System#nanoTime()} not to wait past
     * @return {@code false} when the deadline came first
     */
    boolean awaitRefresh(long deadline) {
        CompletableFuture<ClusterTopology> f;
        synchronized (lock) {
            f = next;
        }
        requestRefresh();
        long wait = deadline - System.nanoTime();
        if (wait <= 0) {
            return false;
        }
        try {
            f.get(wait, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.respkit.exceptions.RedisInterruptedException("Interrupted while waiting for the cluster "
                    + "topology", e);
        }
    }

    /** Refreshes now, on the calling thread (also when the rate limit would make it wait). */
    ClusterTopology refreshNow() {
        long started = System.nanoTime();
        synchronized (lock) {
            lastStart = started;
        }
        ClusterTopology t = read(sources());
        if (t != null) {
            apply(t, started);
        }
        return topology;
    }

    private void refresh() {
        CompletableFuture<ClusterTopology> done;
        long started = System.nanoTime();
        synchronized (lock) {
            scheduled = false;
            lastStart = started;
            done = next;
            next = new CompletableFuture<>();
        }
        try {
            ClusterTopology t = read(sources());
            if (t != null) {
                apply(t, started);
            }
        } catch (RuntimeException e) {
            log.warn("Cluster topology refresh failed: {}", e.toString());
        } finally {
            done.complete(topology);
        }
    }

    /** Known primaries first (they hold the truth about their slots), then replicas, then the seeds. */
    private List<HostAndPort> sources() {
        Set<HostAndPort> out = new LinkedHashSet<>();
        ClusterTopology t = topology;
        if (t != null) {
            t.servingPrimaries().forEach(n -> out.add(n.address()));
            t.replicas().forEach(n -> out.add(n.address()));
        }
        out.addAll(config.seeds());
        List<HostAndPort> list = new ArrayList<>(out);
        return list.size() > SOURCES ? list.subList(0, SOURCES) : list;
    }

    /**
     * Asks the nodes at once and returns the view most of those that answered agree on, or null when none did. It
     * stops waiting as soon as more than half of the nodes that did not fail agree, so a node that hangs (frozen,
     * blackholed) costs nothing while the others answer, and waits at most the connect and read timeouts.
     */
    private ClusterTopology read(List<HostAndPort> nodes) {
        reads.incrementAndGet();
        BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        List<CompletableFuture<ClusterTopology>> asks = new ArrayList<>(nodes.size());
        for (HostAndPort node : nodes) {
            CompletableFuture<ClusterTopology> ask = CompletableFuture.supplyAsync(() -> ask(node), askers);
            ask.whenComplete((view, failure) -> answers.add(view != null ? view : failure));
            asks.add(ask);
        }
        long start = System.nanoTime();
        Duration budget = config.nodeConfig().connectTimeout().plus(config.nodeConfig().timeout());
        long deadline = start + budget.toNanos();
        List<ClusterTopology> views = new ArrayList<>();
        Throwable firstFailure = null;
        int failed = 0;
        try {
            for (int received = 0; received < asks.size(); received++) {
                Object answer = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (answer == null) {
                    break;
                }
                if (answer instanceof ClusterTopology view) {
                    views.add(view);
                } else {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = (Throwable) answer;
                    }
                }
                // enough once most of the nodes that can answer agree: a hung node is not waited for, and one
                // node's own view (a primary just back from a freeze still believes it serves its slots) never
                // decides alone while others have yet to answer
                int agreeing = largestAgreement(views);
                if (agreeing * 2 > asks.size() - failed) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CompletableFuture<ClusterTopology> ask : asks) {
            ask.cancel(false); // a hung ask keeps its thread until its own timeout; its answer is ignored
        }
        views.removeIf(v -> v.slotsCovered() == 0);
        if (views.isEmpty()) {
            lastFailure = firstFailure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : firstFailure;
            if (firstFailure != null) {
                log.debug("No node answered with a cluster topology; first failure: {}", firstFailure.toString());
            }
            return null;
        }
        return TopologyChoice.choose(views);
    }

    /** The size of the largest group of views with the same slot owners (views serving no slot do not count). */
    private static int largestAgreement(List<ClusterTopology> views) {
        int best = 0;
        for (ClusterTopology a : views) {
            if (a.slotsCovered() == 0) {
                continue;
            }
            int same = 0;
            for (ClusterTopology b : views) {
                if (b.slotsCovered() > 0 && a.sameSlotOwners(b)) {
                    same++;
                }
            }
            best = Math.max(best, same);
        }
        return best;
    }

    /** CLUSTER SHARDS, or CLUSTER SLOTS from a server older than 7.0. */
    private ClusterTopology ask(HostAndPort node) {
        NodeChannel channel = channel(node);
        try (PooledConnection lease = channel.pool().borrow()) {
            try {
                Object reply = lease.connection().execute(
                        Command.create(ByteArrayCodec.INSTANCE, AdminSpecs.CLUSTER_SHARDS, Decoders.raw()));
                return TopologyParser.fromShards(reply, node, config.nodeConfig().ssl() != null);
            } catch (RedisServerException e) {
                if (!"ERR".equals(e.code())) {
                    throw e;
                }
                Object reply = lease.connection().execute(
                        Command.create(ByteArrayCodec.INSTANCE, AdminSpecs.CLUSTER_SLOTS, Decoders.raw()));
                return TopologyParser.fromSlots(reply, node);
            }
        }
    }

    private void apply(ClusterTopology t, long started) {
        applyLock.lock();
        try {
            // a read that began before the one applied last is older news: a user's refreshNow() and a scheduled
            // refresh may finish in either order
            if (started - lastApplied < 0) {
                return;
            }
            lastApplied = started;
            applyNewer(t, started);
        } finally {
            applyLock.unlock();
        }
    }

    private void applyNewer(ClusterTopology t, long started) {
        ClusterTopology before = topology;
        topology = t;
        suspects.values().removeIf(markedAt -> markedAt - started < 0);
        boolean recheck = false;
        for (Map.Entry<Integer, Moved> e : moved.entrySet()) {
            Moved m = e.getValue();
            ClusterNode owner = t.primary(e.getKey());
            if (owner != null && owner.address().equals(m.owner())) {
                moved.remove(e.getKey(), m); // confirmed: the map says so now
            } else if (m.at() - started > 0) {
                recheck = true; // newer than this read
            } else if (!m.contested()) {
                moved.replace(e.getKey(), m, new Moved(m.owner(), m.at(), true));
                recheck = true;
            } else {
                moved.remove(e.getKey(), m); // two reads since disagree: the redirect was the stale one
            }
        }
        if (recheck) {
            requestRefresh();
        }
        if (before != null && !before.sameSlotOwners(t)) {
            log.info("Cluster topology changed: {} primaries, {} replicas, {} of 16384 slots served",
                    t.servingPrimaries().size(), t.replicas().size(), t.slotsCovered());
        }
        // Nodes that left the cluster: their pools are closed (connections lent out close when given back).
        for (HostAndPort address : channels.keySet()) {
            if (t.node(address) == null && !config.seeds().contains(address) && !namedByMoved(address)) {
                NodeChannel gone = channels.remove(address);
                if (gone != null) {
                    gone.close();
                }
            }
        }
    }

    /**
     * Marks a node that just failed to answer (refused, timed out): until the next topology read, callers wait for
     * that read instead of each spending a timeout on the node.
     */
    void suspect(HostAndPort node) {
        suspects.put(node, System.nanoTime());
        requestRefresh();
    }

    /** Whether a node failed to answer since the last topology read began. */
    boolean suspected(HostAndPort node) {
        return !suspects.isEmpty() && suspects.containsKey(node);
    }

    /** A MOVED not yet confirmed by a topology read: the owner it named, when, and whether a read disagreed. */
    private record Moved(HostAndPort owner, long at, boolean contested) {
    }

    /** How many times the topology was read: at start, periodically, adaptively and on request. */
    long reads() {
        return reads.get();
    }

    /** Whether a MOVED not yet confirmed routes to the node: a node just added may not be in most views yet. */
    private boolean namedByMoved(HostAndPort address) {
        for (Moved m : moved.values()) {
            if (m.owner().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** The channels open now, for fan-out and health. */
    Map<HostAndPort, NodeChannel> channels() {
        return channels;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            next.complete(topology);
        }
        scheduler.shutdownNow();
        askers.shutdownNow();
        for (NodeChannel c : channels.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                log.debug("Closing {} failed: {}", c, e.toString());
            }
        }
        channels.clear();
    }
}
