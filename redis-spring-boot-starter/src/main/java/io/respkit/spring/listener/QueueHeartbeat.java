package io.respkit.spring.listener;

import io.respkit.DedicatedConnection;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of one run of a reliable {@link QueueListenerContainer}: one platform thread, on its own
 * connection, keeps {@code <queue>:consumer:<consumerId>} of every worker alive and, at start and then every 30 s,
 * moves the items of processing lists whose heartbeat is gone (consumers that crashed) back to the queue.
 *
 * <p>Thread-safe: {@link #start()} and {@link #stop()} may be called from any thread, once each; everything else
 * runs on the heartbeat thread.
 */
final class QueueHeartbeat {

    // The container's logger, so that what operators configured for the container keeps covering its heartbeat.
    private static final Logger log = LoggerFactory.getLogger(QueueListenerContainer.class);
    private static final Duration RECOVERY_SCAN_INTERVAL = Duration.ofSeconds(30);

    private final String id;
    private final String queue;
    private final List<String> ids;
    private final RedisListenerConnections connections;
    private final ListenerContainerSettings settings;
    private final QueueOperations ops;
    private final ListenerPause backOff = new ListenerPause();
    // Stopped only after the workers: heartbeats must go on while in-flight items finish, or another instance could
    // recover (and process again) items that are still being handled here.
    private volatile boolean running = true;
    private Thread thread;

    /**
     * Creates a heartbeat that is not started yet.
     *
     * @param id the listener id, for logs and the thread name
     * @param queue the queue recovered items go back to
     * @param ids the consumer ids of this run's workers, whose heartbeats it keeps and whose lists it leaves alone
     * @param connections where to connect
     * @param settings poll timeout (the beat interval) and recovery back-off
     * @param ops the queue commands
     */
    QueueHeartbeat(String id, String queue, List<String> ids, RedisListenerConnections connections,
            ListenerContainerSettings settings, QueueOperations ops) {
        this.id = id;
        this.queue = queue;
        this.ids = List.copyOf(ids);
        this.connections = connections;
        this.settings = settings;
        this.ops = ops;
    }

    /** Starts the heartbeat thread. */
    void start() {
        thread = ListenerThreads.factory("respkit-queue-heartbeat-" + id + "-", false).newThread(this::run);
        thread.start();
    }

    /**
     * Stops beating, clears the heartbeat keys (so that other instances can recover at once whatever a cut-off
     * worker left behind) and waits for the thread up to twice the poll timeout.
     */
    void stop() {
        running = false;
        backOff.wakeAll();
        Thread t = thread;
        if (t != null) {
            long left = settings.pollTimeout().toNanos() * 2;
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        DedicatedConnection<byte[]> connection = null;
        RedisConfig connectedWith = null;
        Duration delay = settings.recovery().initialDelay();
        long nextScan = System.nanoTime();
        boolean failed = false;
        try {
            while (running) {
                try {
                    if (connection != null && !connections.isCurrent(connectedWith)) {
                        // A Sentinel failover: beats on the old primary would not be seen by the new one's
                        // instances, which would then recover items still being handled here.
                        log.info("Heartbeat of queue listener '{}' leaves {}: the primary moved to {}", id,
                                connectedWith.address(), connections.describe());
                        closeQuietly(connection);
                        connection = null;
                    }
                    if (connection == null || !connection.isOpen()) {
                        connectedWith = connections.queueConfig(queue, failed);
                        connection = DedicatedConnection.open(connectedWith, ByteArrayCodec.INSTANCE);
                        failed = false;
                        delay = settings.recovery().initialDelay();
                    }
                    for (String consumerId : ids) {
                        ops.heartbeat(connection, consumerId);
                    }
                    if (System.nanoTime() - nextScan >= 0) {
                        recoverAbandoned(connection);
                        nextScan = System.nanoTime() + RECOVERY_SCAN_INTERVAL.toNanos();
                    }
                    if (!pause(settings.pollTimeout())) {
                        break;
                    }
                } catch (RedisException e) {
                    closeQuietly(connection);
                    connection = null;
                    failed = true;
                    log.warn("Heartbeat of queue listener '{}' failed: {}; retrying in {}", id, e.getMessage(), delay);
                    if (!pause(delay)) {
                        break;
                    }
                    delay = settings.recovery().next(delay);
                }
            }
        } finally {
            // Gone for good: let other instances recover whatever a cut-off worker left behind right away.
            try {
                if (connection == null || !connection.isOpen() || !connections.isCurrent(connectedWith)) {
                    closeQuietly(connection);
                    connection = DedicatedConnection.open(connections.queueConfig(queue, false),
                            ByteArrayCodec.INSTANCE);
                }
                ops.clearHeartbeats(connection, ids);
            } catch (RedisException e) {
                log.debug("Could not clear heartbeats of queue listener '{}': {}", id, e.getMessage());
            }
            closeQuietly(connection);
        }
    }

    private void recoverAbandoned(DedicatedConnection<byte[]> connection) {
        for (String owner : ops.abandonedConsumers(connection, ids::contains)) {
            int moved = ops.recover(connection, ops.processingKey(owner));
            if (moved > 0) {
                log.warn("Queue listener '{}' moved {} item(s) left by dead consumer '{}' back to '{}'", id, moved,
                        owner, queue);
            }
        }
    }

    private boolean pause(Duration delay) {
        return backOff.pause(() -> running, delay);
    }

    private static void closeQuietly(DedicatedConnection<byte[]> connection) {
        if (connection != null) {
            connection.close();
        }
    }
}
