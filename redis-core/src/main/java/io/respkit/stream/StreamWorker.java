package io.respkit.stream;

import io.respkit.DedicatedConnection;
import io.respkit.commands.AutoClaimResult;
import io.respkit.commands.PendingEntry;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamOffset;
import io.respkit.commands.XClaimArgs;
import io.respkit.commands.XPendingArgs;
import io.respkit.commands.XReadArgs;
import io.respkit.connection.Backoff;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One worker of a {@link StreamConsumer}: a thread with a connection of its own and a consumer name of its own. It
 * loops: retries that fell due ({@code XCLAIM} back to itself), idle entries of other consumers at the claim interval
 * ({@code XAUTOCLAIM}), else new entries ({@code XREADGROUP ... >}, blocking at most until the next retry is due).
 * After each (re)connection it first makes sure the group exists and handles its own pending entries left from before
 * ({@code XREADGROUP ... 0}).
 *
 * <p><b>Stopping.</b> The worker is in one of three phases: idle, talking to Redis, or handling entries (handler,
 * acknowledgement, dead letter). {@link #requestStop()} closes the connection at once unless the worker is handling,
 * so that a blocked read ends; a handling worker finishes its current entry or batch and then sees the stop before
 * handing on any further entry. {@link #forceStop()} interrupts and closes regardless. The phase and the stop flag
 * change under one lock, so a read that returned entries just as the stop came never hands them on: they stay
 * pending, for this consumer's next run or another consumer's claim.
 *
 * <p>Thread-safe for {@link #requestStop()} and {@link #forceStop()}; everything else runs on the worker's thread.
 */
final class StreamWorker<V> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

    private enum Phase { IDLE, IO, HANDLING }

    private final StreamConsumerSettings<V> settings;
    private final String consumer;
    private final StreamGroup group;
    private final StreamDelivery<V> delivery;
    private final PriorityQueue<StreamDelivery.Retry<V>> retries =
            new PriorityQueue<>(Comparator.comparingLong(r -> r.dueNanos()));

    private final Object lock = new Object();
    private Phase phase = Phase.IDLE;
    private boolean stopping;
    private volatile DedicatedConnection<V> connection;
    private volatile Thread thread;

    private StreamEntryId claimCursor = StreamEntryId.MIN;
    private long nextClaimNanos;

    StreamWorker(StreamConsumerSettings<V> settings, String consumer, StreamGroup group) {
        this.settings = settings;
        this.consumer = consumer;
        this.group = group;
        this.delivery = new StreamDelivery<>(settings, consumer, this);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        Duration wait = null;
        try {
            while (!isStopping()) {
                try {
                    DedicatedConnection<V> current = connection;
                    if (current != null && current.isOpen() && !settings.source().isCurrent(settings.stream(), current)) {
                        // The primary moved (a Sentinel failover, a cluster failover or slot migration): read from the new one (between reads, nothing is
                        // lost: unacked entries stay pending in the group and are taken up again there).
                        log.info("Stream consumer '{}' of group '{}' on '{}' moves to the new primary", consumer,
                                settings.group(), settings.stream());
                        closeConnection();
                    }
                    if (connection == null || !connection.isOpen()) {
                        connect();
                        recoverOwn();
                        nextClaimNanos = System.nanoTime();
                    }
                    pollOnce();
                    wait = null;
                } catch (RedisServerException e) {
                    if (isStopping()) {
                        break;
                    }
                    if (StreamGroup.isNoGroup(e) && connection != null && connection.isOpen()) {
                        // The stream or the group went away (a restart without persistence, a failover, a delete):
                        // recreate it and read on; pending entries the old group held are gone with it.
                        retries.clear();
                        try {
                            ensureGroupGuarded();
                        } catch (RuntimeException again) {
                            if (isStopping()) {
                                break;
                            }
                            wait = failed(again, wait);
                        }
                        continue;
                    }
                    wait = failed(e, wait);
                } catch (RuntimeException e) {
                    if (isStopping()) {
                        break;
                    }
                    wait = failed(e, wait);
                }
            }
        } finally {
            closeConnection();
            log.debug("Stream consumer '{}' of group '{}' on '{}' stopped", consumer, settings.group(),
                    settings.stream());
        }
    }

    /** Reports a failure of the worker's own work, drops the connection, and waits before the next attempt. */
    private Duration failed(RuntimeException e, Duration previous) {
        StreamDelivery.safely(() -> settings.errorListener().onError(null, e));
        closeConnection();
        Backoff backoff = settings.reconnectBackoff();
        Duration wait = previous == null ? backoff.initialDelay() : backoff.next(previous);
        pause(wait);
        return wait;
    }

    private void ensureGroupGuarded() {
        DedicatedConnection<V> c = beginIo();
        if (c != null) {
            try {
                group.ensure(c);
            } finally {
                endPhase();
            }
        }
    }

    private void connect() {
        DedicatedConnection<V> c = settings.source().open(settings.stream());
        boolean stopped;
        synchronized (lock) {
            stopped = stopping;
            if (!stopped) {
                connection = c;
            }
        }
        if (stopped) {
            c.close(); // outside the lock: a socket close may write (TLS)
            return;
        }
        ensureGroupGuarded();
    }

    /**
     * Hands on this consumer's own pending entries, left from before a reconnection or an earlier run
     * ({@code XREADGROUP ... 0}, which also counts a delivery), and forgets scheduled retries: they are among them.
     */
    private void recoverOwn() {
        retries.clear();
        StreamEntryId after = StreamEntryId.MIN;
        int total = 0;
        while (!isStopping()) {
            DedicatedConnection<V> c = beginIo();
            if (c == null) {
                return;
            }
            List<StreamEntry<V>> entries;
            Map<StreamEntryId, Long> counts;
            try {
                entries = read(c, XReadArgs.count(settings.batchSize()), after);
                counts = deliveryCounts(c, entries);
            } finally {
                endPhase();
            }
            if (entries.isEmpty()) {
                break;
            }
            after = entries.get(entries.size() - 1).id();
            total += entries.size();
            handOn(entries, counts, 2);
        }
        if (total > 0) {
            log.info("Stream consumer '{}' of group '{}' on '{}' took up {} entries it had pending from before",
                    consumer, settings.group(), settings.stream(), total);
            int n = total;
            StreamDelivery.safely(() -> settings.listener().claimed(consumer, n));
        }
    }

    private void pollOnce() {
        long now = System.nanoTime();
        StreamDelivery.Retry<V> next = retries.peek();
        if (next != null && next.dueNanos() - now <= 0) {
            retryDue(now);
            return;
        }
        if (now - nextClaimNanos >= 0) {
            claimIdle();
            return;
        }
        Duration block = settings.block();
        if (next != null) {
            long untilDue = Math.max(1_000_000L, next.dueNanos() - now);
            if (untilDue < block.toNanos()) {
                block = Duration.ofNanos(untilDue);
            }
        }
        DedicatedConnection<V> c = beginIo();
        if (c == null) {
            return;
        }
        List<StreamEntry<V>> entries;
        try {
            entries = read(c, XReadArgs.count(settings.batchSize()).withBlock(block), StreamOffset.undelivered());
        } finally {
            endPhase();
        }
        if (!entries.isEmpty()) {
            handOn(entries, Map.of(), 1);
        }
    }

    /** Takes back the retries that fell due and hands them on; one whose {@code XCLAIM} finds nothing is dropped. */
    private void retryDue(long now) {
        List<StreamEntry<V>> due = new ArrayList<>();
        Map<StreamEntryId, Long> counts = new HashMap<>();
        while (!retries.isEmpty() && retries.peek().dueNanos() - now <= 0) {
            StreamDelivery.Retry<V> r = retries.poll();
            DedicatedConnection<V> c = beginIo();
            if (c == null) {
                return;
            }
            List<StreamEntry<V>> claimed;
            try {
                // Only when idle for about the back-off: an entry another consumer claimed meanwhile (it was idle
                // past claim-idle) has been idle for less, and stays with that consumer.
                claimed = c.xclaim(settings.stream(), settings.group(), consumer,
                        r.delay().dividedBy(2), List.of(r.message().id()), XClaimArgs.NONE);
            } finally {
                endPhase();
            }
            for (StreamEntry<V> e : claimed) {
                if (!e.isDeleted()) {
                    due.add(e);
                    counts.put(e.id(), r.message().deliveryCount() + 1);
                }
            }
        }
        if (!due.isEmpty()) {
            due.sort(Comparator.comparing(StreamEntry::id));
            handOn(due, counts, 2);
        }
    }

    /** One {@code XAUTOCLAIM} step: entries idle past claim-idle in any consumer's pending list come to this one. */
    /** Reads the group's pending count and lag ({@code XINFO GROUPS}) for the listener; a failure only skips it. */
    private void reportGroupState() {
        DedicatedConnection<V> c = beginIo();
        if (c == null) {
            return;
        }
        List<io.respkit.commands.StreamGroupInfo> groups;
        try {
            groups = c.xinfoGroups(settings.stream());
        } catch (RedisException e) {
            log.debug("Stream consumer '{}' could not read the state of group '{}': {}", consumer, settings.group(),
                    e.getMessage());
            return;
        } finally {
            endPhase();
        }
        for (io.respkit.commands.StreamGroupInfo g : groups) {
            if (g.name().equals(settings.group())) {
                StreamDelivery.safely(() -> settings.listener().groupState(g.name(), g.pending(), g.lag()));
            }
        }
    }

    private void claimIdle() {
        DedicatedConnection<V> c = beginIo();
        if (c == null) {
            return;
        }
        AutoClaimResult<StreamEntry<V>> result;
        Map<StreamEntryId, Long> counts;
        try {
            result = c.xautoclaim(settings.stream(), settings.group(), consumer, settings.claimIdle(),
                    claimCursor, settings.batchSize());
            counts = deliveryCounts(c, result.claimed());
        } finally {
            endPhase();
        }
        if (result.isComplete()) {
            claimCursor = StreamEntryId.MIN;
            nextClaimNanos = System.nanoTime() + settings.claimInterval().toNanos();
            reportGroupState();
        } else {
            claimCursor = result.nextStart();
        }
        List<StreamEntry<V>> claimed = new ArrayList<>(result.claimed().size());
        for (StreamEntry<V> e : result.claimed()) {
            if (!e.isDeleted()) {
                claimed.add(e);
            }
        }
        if (claimed.isEmpty()) {
            return;
        }
        // A retry of ours that sat idle past claim-idle came back this way: deliver it now, not twice.
        retries.removeIf(r -> counts.containsKey(r.message().id()));
        log.info("Stream consumer '{}' of group '{}' on '{}' claimed {} entries idle for over {}", consumer,
                settings.group(), settings.stream(), claimed.size(), settings.claimIdle());
        int n = claimed.size();
        StreamDelivery.safely(() -> settings.listener().claimed(consumer, n));
        handOn(claimed, counts, 2);
    }

    private List<StreamEntry<V>> read(DedicatedConnection<V> c, XReadArgs args, StreamOffset offset) {
        List<StreamEntry<V>> entries = c.xreadgroup(settings.group(), consumer, args, settings.stream(), offset);
        if (!entries.isEmpty()) {
            group.seen(entries.get(entries.size() - 1).id());
        }
        return entries;
    }

    /** The delivery counts of {@code entries} as this consumer's pending list has them ({@code XPENDING}). */
    private Map<StreamEntryId, Long> deliveryCounts(DedicatedConnection<V> c, List<StreamEntry<V>> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        StreamEntryId first = entries.get(0).id();
        StreamEntryId last = first;
        for (StreamEntry<V> e : entries) {
            last = e.id().compareTo(last) > 0 ? e.id() : last;
            first = e.id().compareTo(first) < 0 ? e.id() : first;
        }
        // This consumer's pending entries in the range are these, plus retries waiting between them.
        List<PendingEntry> pending = c.xpending(settings.stream(), settings.group(),
                XPendingArgs.of(entries.size() + retries.size()).withRange(first, last).withConsumer(consumer));
        Map<StreamEntryId, Long> counts = new HashMap<>(pending.size() * 2);
        for (PendingEntry p : pending) {
            counts.put(p.id(), p.deliveryCount());
        }
        return counts;
    }

    /**
     * Hands entries to the handler unless a stop came; entries deleted from the stream (still pending, fields gone)
     * are acknowledged, there being nothing to handle.
     */
    private void handOn(List<StreamEntry<V>> entries, Map<StreamEntryId, Long> counts, long fallbackCount) {
        DedicatedConnection<V> c = beginHandling();
        if (c == null) {
            return;
        }
        try {
            delivery.deliver(c, entries, counts, fallbackCount);
        } finally {
            endPhase();
        }
    }

    /** Called by the delivery for an entry to deliver again after its back-off. */
    void schedule(StreamDelivery.Retry<V> retry) {
        retries.add(retry);
    }

    /** Enters the talking-to-Redis phase: returns the connection, or {@code null} when stopping. */
    private DedicatedConnection<V> beginIo() {
        return begin(Phase.IO);
    }

    /** Enters the handling phase: returns the connection, or {@code null} when stopping (nothing is handed on). */
    private DedicatedConnection<V> beginHandling() {
        return begin(Phase.HANDLING);
    }

    private DedicatedConnection<V> begin(Phase next) {
        synchronized (lock) {
            if (stopping || connection == null) {
                return null;
            }
            phase = next;
            return connection;
        }
    }

    private void endPhase() {
        synchronized (lock) {
            phase = Phase.IDLE;
        }
    }

    /** @return {@code true} once a stop was requested; entries not yet handed on stay pending */
    boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /**
     * Asks the worker to stop after the entry or batch it is handling: a worker waiting in a read or a pause stops at
     * once (its connection is closed, ending a blocked read on the server too).
     */
    void requestStop() {
        DedicatedConnection<V> reading;
        synchronized (lock) {
            stopping = true;
            reading = phase != Phase.HANDLING ? connection : null;
        }
        if (reading != null) {
            reading.close(); // outside the lock: stopping is set, so the worker starts no phase on it meanwhile
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Stops the worker now: interrupts a handler still running and closes the connection. */
    void forceStop() {
        synchronized (lock) {
            stopping = true;
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        closeConnection();
    }

    private void closeConnection() {
        DedicatedConnection<V> c;
        synchronized (lock) {
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
    }

    /** Waits {@code d} or until a stop is requested. */
    private void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0 && !isStopping(); left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            // A stray interrupt (a stop's comes with the stop flag) would make parkNanos return at once: clear it.
            Thread.interrupted();
        }
    }
}
