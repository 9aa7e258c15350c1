package io.respkit.spring.listener;

import io.respkit.DedicatedConnection;
import io.respkit.connection.RedisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Consumes one Redis list with {@code concurrency} workers, each on its own {@link DedicatedConnection}
 * (opened from the {@link RedisConfig}, not borrowed from the pool, because a blocking pop holds it for up to the
 * poll timeout). Thread-safe.
 *
 * <p><b>Plain mode</b> ({@code reliable = false}): {@code BRPOP queue pollTimeout} in a loop; with {@code LPUSH}
 * producers items are consumed first in, first out. When the handler throws, the error handler is told and the
 * item is lost by design (at-most-once); a forced shutdown loses the in-flight item the same way.
 *
 * <p><b>Reliable mode</b>: {@code BLMOVE queue <queue>:processing:<consumerId> RIGHT LEFT pollTimeout}, then
 * {@code LREM} from the processing list once the method returned. A throwing handler is retried after
 * {@code retryBackoff} up to {@code maxAttempts} attempts in total, then the error handler is told and the item
 * moves to the dead-letter list in one {@code MULTI}. Consumer ids are stable per worker
 * ({@code <prefix>:<listenerId>:<index>}); a per-container heartbeat thread keeps
 * {@code <queue>:consumer:<consumerId>} alive ({@code PX 3*pollTimeout}) independently of how long handlers take,
 * and at start and then every 30 s moves the items of processing lists whose heartbeat is gone (consumers that
 * crashed) back to the consumption end of the queue. Each worker also recovers its own processing list whenever it
 * (re)connects: what is there was taken by an earlier incarnation that did not finish it, or was moved by a pop
 * whose reply was lost with the connection. Delivery is at-least-once: make handlers idempotent. Attempt counts
 * are not persisted, so a recovered item starts again at attempt 1.
 *
 * <p><b>Batches</b> ({@code batchSize} n &gt; 1): each worker round trip takes up to n items that are already
 * there, but the handler is still called once per item, in queue order, and metrics count per item. In plain mode
 * the round trip is {@code BLMPOP pollTimeout 1 queue RIGHT COUNT n} (Redis 7.0+), which blocks for the first item
 * and returns up to n, oldest first. When the server answers "unknown command" the container remembers it and uses
 * {@code BRPOP} followed by {@code RPOP queue n-1} (Redis 6.2+) instead, both written in one flush. A handler
 * failure on one item goes to the error handler and the rest of the batch goes on; every item of a fetched batch
 * has left the queue, so each is still delivered at most once. In reliable mode the round trip is {@code BLMOVE}
 * followed by up to n-1 pipelined {@code LMOVE queue processing RIGHT LEFT}: every item of the batch is in the
 * processing list and is retried, acknowledged or dead-lettered on its own, exactly as a single item. With
 * several workers a batch only ever goes to one of them, so FIFO order holds across batches with one worker only.
 *
 * <p><b>Shutdown</b> ({@link #stop()}): workers stop taking items; in-flight items finish within the shutdown
 * timeout. Workers still busy after it are cut off (connection closed, thread interrupted): their reliable item
 * stays in the processing list and is recovered on restart. Items of a fetched batch that were not yet handed to
 * the handler when the worker stops are put back at the consumption end of the queue ({@code RPUSH}, newest first,
 * so that they are consumed next and in their original order; reliable mode moves them out of the processing list
 * in the same {@code MULTI}); after a cut-off, plain mode puts them back over a fresh connection, and reliable mode
 * leaves them in the processing list for recovery.
 *
 * <p>Workers whose connection breaks reconnect with the recovery back-off. Each blocking pop blocks at most the
 * poll timeout and at most {@link RedisConfig#healthCheckInterval()}, so that a server gone without FIN or RST is
 * caught by the read timeout within the interval plus that timeout. With Redis Sentinel, workers and the heartbeat
 * check between round trips that the primary has not moved ({@link RedisListenerConnections#isCurrent}) and, when
 * it has, reconnect to the new primary at once, even while the old one still runs.
 *
 * <p>This class owns the lifecycle (runs, threads, shutdown); each worker's connection loop is a
 * {@code QueueWorker}, its per-item policy a {@code QueueDelivery}, its batching {@code QueueBatches}, the
 * Redis commands {@code QueueOperations} and the reliable heartbeat {@code QueueHeartbeat}.
 */
public final class QueueListenerContainer implements RedisListenerContainer {

    private static final Logger log = LoggerFactory.getLogger(QueueListenerContainer.class);

    private final QueueListenerSpec spec;
    private final String id;
    private final String queue;
    private final int concurrency;
    private final boolean reliable;
    private final RedisMessageHandler handler;
    private final RedisListenerErrorHandler errorHandler;
    private final boolean autoStartup;
    private final RedisListenerConnections connections;
    private final ListenerContainerSettings settings;
    private final RedisListenerMetrics metrics;
    private final QueueOperations ops;
    private final QueueBatches batches;
    /** A lock, not a monitor: held while a stop waits for the workers. */
    private final ReentrantLock lifecycleLock = new ReentrantLock();

    private volatile Run current;

    /**
     * Creates a stopped container.
     *
     * @param spec what to consume and how
     * @param handler the handler
     * @param errorHandler told about final failures
     * @param config where workers connect
     * @param settings poll timeout, shutdown timeout, back-offs, threading
     * @param metrics the metrics
     * @throws IllegalArgumentException when concurrency, maxAttempts or batchSize is below 1
     */
    public QueueListenerContainer(QueueListenerSpec spec, RedisMessageHandler handler,
            RedisListenerErrorHandler errorHandler, RedisConfig config, ListenerContainerSettings settings,
            RedisListenerMetrics metrics) {
        this(spec, handler, errorHandler, RedisListenerConnections.of(Objects.requireNonNull(config, "config")),
                settings, metrics);
    }

    /**
     * Creates a stopped container that connects to one server or, on a Redis Cluster, to the primary serving the
     * queue's hash slot; its processing lists and heartbeat keys are then named with
     * {@link RedisListenerConnections#queueKeyPrefix(String)}.
     *
     * @param spec what to consume and how
     * @param handler the handler
     * @param errorHandler told about final failures
     * @param connections where workers connect
     * @param settings poll timeout, shutdown timeout, back-offs, threading
     * @param metrics the metrics
     * @throws IllegalArgumentException when concurrency, maxAttempts or batchSize is below 1, or the queue's name
     *         cannot be used on a cluster (see {@link RedisListenerConnections#queueKeyPrefix(String)})
     */
    public QueueListenerContainer(QueueListenerSpec spec, RedisMessageHandler handler,
            RedisListenerErrorHandler errorHandler, RedisListenerConnections connections,
            ListenerContainerSettings settings, RedisListenerMetrics metrics) {
        this.spec = spec;
        this.id = spec.listenerId();
        this.queue = spec.queue();
        this.concurrency = spec.concurrency();
        this.reliable = spec.reliable();
        this.autoStartup = spec.autoStartup();
        this.handler = Objects.requireNonNull(handler, "handler");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        // Each blocking pop is bounded by the health-check interval, so that a silent server is caught by the read
        // timeout within the interval plus that timeout, whatever the poll timeout.
        Duration block = QueueOperations.blockFor(settings.pollTimeout(), connections.healthCheckInterval());
        this.ops = new QueueOperations(queue, connections.queueKeyPrefix(queue), settings.pollTimeout(), block);
        this.batches = new QueueBatches(id, queue, spec.batchSize(), block, ops);
    }

    @Override
    public String getListenerId() {
        return id;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public boolean isRunning() {
        return current != null;
    }

    /**
     * Returns the most items a worker takes per round trip.
     *
     * @return the batch size, at least 1
     */
    public int batchSize() {
        return batches.batchSize();
    }

    /**
     * Returns the stable consumer id of worker {@code index}.
     *
     * @param index the worker index, from 0
     * @return {@code <prefix>:<listenerId>:<index>}
     */
    public String consumerId(int index) {
        return settings.consumerIdPrefix() + ":" + id + ":" + index;
    }

    /**
     * Returns the processing list of worker {@code index} (reliable mode).
     *
     * @param index the worker index, from 0
     * @return {@code <queue>:processing:<consumerId>}
     */
    public String processingKey(int index) {
        return ops.processingKey(consumerId(index));
    }

    /**
     * Starts the workers (and, in reliable mode, the heartbeat thread); does nothing when running. Connections
     * are opened by the workers, so a server that is down delays consumption rather than failing the start.
     */
    @Override
    public void start() {
        lifecycleLock.lock();
        try {
            if (current != null) {
                return;
            }
            Run run = new Run();
            current = run;
            run.start();
        } finally {
            lifecycleLock.unlock();
        }
    }

    @Override
    public void requestStop() {
        Run run = current;
        if (run != null) {
            run.requestStop();
        }
    }

    /**
     * Stops taking items, waits up to the shutdown timeout for in-flight ones, then cuts off workers still busy.
     */
    @Override
    public void stop() {
        lifecycleLock.lock();
        try {
            Run run = current;
            if (run == null) {
                return;
            }
            run.requestStop();
            run.awaitStop(System.nanoTime() + settings.shutdownTimeout().toNanos());
            current = null;
        } finally {
            lifecycleLock.unlock();
        }
    }

    /** One start-to-stop run: its workers share nothing with those of earlier or later runs. */
    private final class Run {

        private final List<QueueWorker> workers = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final ListenerPause backOff = new ListenerPause();
        private QueueHeartbeat heartbeat;

        void start() {
            boolean virtual = settings.virtualThreads();
            ThreadFactory factory = ListenerThreads.factory("respkit-queue-" + id + "-", virtual);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                ids.add(consumerId(i));
            }
            if (reliable) {
                heartbeat = new QueueHeartbeat(id, queue, ids, connections, settings, ops);
                heartbeat.start();
            }
            for (int i = 0; i < concurrency; i++) {
                QueueWorker w = new QueueWorker(spec, i, consumerId(i), handler, errorHandler, ops, batches,
                        connections, settings, metrics, backOff);
                Thread t = factory.newThread(w);
                workers.add(w);
                threads.add(t);
                t.start();
            }
        }

        void requestStop() {
            for (QueueWorker w : workers) {
                w.requestStop();
            }
            backOff.wakeAll();
        }

        void awaitStop(long deadline) {
            List<String> forced = new ArrayList<>();
            for (int i = 0; i < workers.size(); i++) {
                Thread t = threads.get(i);
                join(t, deadline);
                if (t.isAlive() && workers.get(i).cutOff(t)) {
                    forced.add(workers.get(i).consumerId());
                }
            }
            if (!forced.isEmpty()) {
                log.warn("Queue listener '{}' stopped with {} in-flight item(s) unfinished after {}{}", id,
                        forced.size(), settings.shutdownTimeout(), reliable
                                ? "; they stay in their processing lists and are recovered on restart"
                                : "; they are lost (use reliable = true to keep them)");
            }
            // Only now: heartbeats must go on while in-flight items finish, or another instance could recover
            // (and process again) items that are still being handled here.
            if (heartbeat != null) {
                heartbeat.stop();
            }
        }
    }

    private static void join(Thread t, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "QueueListenerContainer[" + id + ", queue=" + queue + ", concurrency=" + concurrency + ", reliable="
                + reliable + ", batchSize=" + batches.batchSize() + "]";
    }
}
