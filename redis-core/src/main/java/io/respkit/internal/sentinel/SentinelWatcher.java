package io.respkit.internal.sentinel;

import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.internal.connection.NodeTarget;
import io.respkit.sentinel.SentinelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Follows the primary of a Sentinel-monitored master and is the {@link NodeTarget} of the pool, the multiplexed
 * connection and the subscribers of a client created from a {@link SentinelConfig}.
 *
 * <p>How it learns of a switch, fastest first: a failover's leader announces the replica it selected
 * ({@code +selected-slave}), and from then on commands are held (at most {@link #MAX_HOLD_NANOS}, or the command
 * timeout when shorter) while that replica's {@code ROLE} is polled every {@link #POLL_MILLIS} ms; the moment it says
 * {@code master} the client switches, before the sentinels announce {@code +switch-master}: a write is then never sent to the old primary after its replica
 * stopped copying from it, unless it was already on its way. Then {@code +switch-master} from any sentinel (each
 * sentinel's events are read by a {@link SentinelEvents} subscriber that reconnects); a {@code READONLY} error seen by
 * the client; and the periodic check ({@link SentinelConfig#checkInterval()}), which asks the sentinels and the
 * primary's own {@code ROLE}. A node becomes the primary only once its own {@code ROLE} says {@code master}.
 *
 * <p>Thread-safe. Checks and polls run one at a time on the watcher's own thread. Callers held during a switch
 * wait on a {@link Condition}, not a monitor, so that virtual threads do not pin their carriers on JDK 21–23.
 */
public final class SentinelWatcher implements NodeTarget, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentinelWatcher.class);
    /** How often a replica being promoted is asked whether it is primary yet. */
    static final long POLL_MILLIS = 10;
    /**
     * The longest commands are held for a failover in progress (the command timeout when shorter); after it they go
     * to the old primary again. A promotion takes about 100 ms from the leader's announcement.
     */
    static final long MAX_HOLD_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final SentinelConfig config;
    private final SentinelNodes nodes;
    private final ScheduledExecutorService executor;
    private final List<Runnable> switchListeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock settle = new ReentrantLock();
    private final Condition settled = settle.newCondition();
    private final AtomicLong switches = new AtomicLong();
    private final long holdNanos;
    private volatile RedisConfig primary;
    private volatile HostAndPort primaryAddress;
    /** Until when commands are held for a failover in progress ({@link System#nanoTime()}); 0 when settled. */
    private volatile long holdUntilNanos;
    /** The replica a failover in progress is promoting; touched on the watcher's thread only. */
    private HostAndPort promoting;
    /**
     * Whether the sentinels have named the current primary since the client switched to it; touched on the watcher's
     * thread only. After a switch ahead of them (the promoted replica's {@code ROLE}), they go on naming the old
     * primary for a second or more, and the old primary still says it is one until they demote it: their answer is
     * then old news, not a reason to switch back.
     */
    private boolean confirmed = true;
    private ScheduledFuture<?> poll;
    private SentinelEvents events;
    private volatile boolean closed;

    private SentinelWatcher(SentinelConfig config) {
        this.config = config;
        this.nodes = new SentinelNodes(config);
        this.holdNanos = Math.min(MAX_HOLD_NANOS, config.nodeConfig().timeout().toNanos());
        String name = "respkit-sentinel-" + config.masterName();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Finds the primary (asking each sentinel in turn, confirmed by the node's {@code ROLE}), then starts following
     * it.
     *
     * @param config the sentinels and the master name
     * @return the watcher, which owns a thread until {@link #close()}
     * @throws RedisConnectionException when no sentinel answered, none knows the master name, or no node they named
     *         confirmed that it is the primary; the message names the sentinels and the master, never a password
     */
    public static SentinelWatcher start(SentinelConfig config) {
        SentinelWatcher w = new SentinelWatcher(config);
        try {
            HostAndPort found = w.nodes.discoverPrimary(config.nodeConfig().connectTimeout().toNanos()
                    + config.nodeConfig().timeout().toNanos());
            w.primaryAddress = found;
            w.primary = config.configFor(found);
            w.nodes.refreshReplicas(); // before the first read a ReadFrom may send to a replica
            w.events = SentinelEvents.start(config, w::onEvent, () -> w.submit(w::check));
            long every = config.checkInterval().toMillis();
            if (every > 0) {
                w.executor.scheduleWithFixedDelay(w::check, every, every, TimeUnit.MILLISECONDS);
            }
            log.debug("Following master '{}' at {}", config.masterName(), found);
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    @Override
    public RedisConfig current() {
        return primary;
    }

    @Override
    public boolean isSettled() {
        return holdUntilNanos == 0;
    }

    @Override
    public void awaitSettled(long maxNanos) {
        if (holdUntilNanos == 0) {
            return;
        }
        long start = System.nanoTime();
        settle.lock();
        try {
            for (;;) {
                long until = holdUntilNanos;
                long now = System.nanoTime();
                long left = Math.min(until - now, maxNanos - (now - start));
                if (until == 0 || left <= 0 || closed) {
                    return;
                }
                settled.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            settle.unlock();
        }
    }

    /**
     * Returns the address of the primary followed now.
     *
     * @return the primary
     */
    public HostAndPort primaryAddress() {
        return primaryAddress;
    }

    /**
     * Returns the replicas the sentinels last reported as reachable and attached, without the current primary.
     *
     * @return the replicas, possibly empty
     */
    public List<HostAndPort> replicas() {
        List<HostAndPort> all = nodes.replicas();
        HostAndPort p = primaryAddress;
        // Right after a switch ahead of the sentinels, they still list the promoted node as a replica.
        return all.contains(p) ? all.stream().filter(r -> !r.equals(p)).toList() : all;
    }

    /**
     * Returns how many times the primary was switched since the start.
     *
     * @return the count
     */
    public long switches() {
        return switches.get();
    }

    /**
     * Registers work to run after each switch, on the watcher's thread (quickly: other checks wait).
     *
     * @param listener e.g. closing connections to the old primary
     */
    public void onSwitch(Runnable listener) {
        switchListeners.add(listener);
    }

    /**
     * Asks the sentinels and the primary's own {@code ROLE} now: after a {@code READONLY} error, the primary the client
     * uses was demoted.
     */
    public void requestCheck() {
        submit(() -> check(true));
    }

    private void check() {
        check(false);
    }

    private void onEvent(SentinelEvent event) {
        submit(() -> handle(event));
    }

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void handle(SentinelEvent event) {
        switch (event.kind()) {
            case PROMOTING -> {
                if (event.node() != null && !event.node().equals(primaryAddress) && promoting == null) {
                    startPromotionWatch(event.node());
                }
            }
            case SWITCHED -> {
                if (event.node() != null && event.node().equals(primaryAddress)) {
                    confirmed = true;
                } else if (event.node() != null && nodes.isPrimary(event.node())) {
                    switchTo(event.node(), "+switch-master", true);
                } else {
                    check();
                }
            }
            case ABORTED -> {
                stopPromotionWatch();
                check();
            }
            case CHECK -> check();
        }
    }

    /** Holds commands and polls the replica a failover is promoting until it says it is the primary. */
    private void startPromotionWatch(HostAndPort replica) {
        promoting = replica;
        holdUntilNanos = System.nanoTime() + holdNanos;
        log.info("Failover of master '{}' in progress: {} is being promoted; holding commands until it is primary "
                + "(at most {} ms)", config.masterName(), replica, TimeUnit.NANOSECONDS.toMillis(holdNanos));
        poll = executor.scheduleWithFixedDelay(this::pollPromotion, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void pollPromotion() {
        HostAndPort replica = promoting;
        if (replica == null) {
            return;
        }
        if (nodes.isPrimary(replica)) {
            switchTo(replica, "ROLE of the promoted replica", false);
        } else if (System.nanoTime() - holdUntilNanos >= 0) {
            log.warn("{} did not become primary of '{}' within {} ms; commands go to {} again", replica,
                    config.masterName(), TimeUnit.NANOSECONDS.toMillis(holdNanos), primaryAddress);
            stopPromotionWatch();
        }
    }

    private void stopPromotionWatch() {
        promoting = null;
        if (poll != null) {
            poll.cancel(false);
            poll = null;
        }
        release();
    }

    private void release() {
        settle.lock();
        try {
            holdUntilNanos = 0;
            settled.signalAll();
        } finally {
            settle.unlock();
        }
    }

    /**
     * The safety net: what the sentinels say and, when {@code askPrimary} (a {@code READONLY} error), what the primary
     * says of itself. Only then is the primary asked: a frozen one would hold the watcher's thread for a probe
     * timeout, and with it the failover events queued behind.
     */
    private void check(boolean askPrimary) {
        if (closed) {
            return;
        }
        try {
            HostAndPort said = nodes.askSentinels();
            HostAndPort current = primaryAddress;
            if (said.equals(current)) {
                confirmed = true;
            } else if (nodes.isPrimary(said)
                    && (!nodes.isPrimary(current) || confirmed && nodes.majorityNames(said))) {
                // Both say they are primary right after a failover (the old one until it is demoted): then only a
                // majority of the sentinels moves a confirmed client, never one that lags; and a client that switched
                // ahead of them (not confirmed yet) waits for them to catch up.
                switchTo(said, "sentinels", true);
                return;
            }
            if (askPrimary) {
                HostAndPort itsPrimary = nodes.primaryOf(current);
                if (itsPrimary != null && !itsPrimary.equals(current) && nodes.isPrimary(itsPrimary)) {
                    switchTo(itsPrimary, "ROLE of the demoted primary", false);
                    return;
                }
            }
            nodes.refreshReplicas();
        } catch (RedisException e) {
            log.debug("Checking master '{}' failed: {}", config.masterName(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Checking master '{}' failed", config.masterName(), e);
        }
    }

    private void switchTo(HostAndPort node, String how, boolean bySentinels) {
        HostAndPort old = primaryAddress;
        confirmed = bySentinels;
        settle.lock();
        try {
            primaryAddress = node;
            primary = config.configFor(node);
            holdUntilNanos = 0;
            settled.signalAll();
        } finally {
            settle.unlock();
        }
        promoting = null;
        if (poll != null) {
            poll.cancel(false);
            poll = null;
        }
        switches.incrementAndGet();
        nodes.forgetDataNodes();
        log.warn("Master '{}' moved from {} to {} (learned from the {}); connections to {} are closed as they come "
                + "back", config.masterName(), old, node, how, old);
        for (Runnable l : switchListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.warn("A switch listener failed", e);
            }
        }
        nodes.refreshReplicas();
    }

    /** Stops following: the thread, the sentinel subscribers and connections end; held callers go on. */
    @Override
    public void close() {
        closed = true;
        release();
        if (events != null) {
            events.close();
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        nodes.close();
    }

    @Override
    public String toString() {
        return "SentinelWatcher[" + config.masterName() + " at " + primaryAddress + ", sentinels="
                + config.sentinels() + "]";
    }
}
