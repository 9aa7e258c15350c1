package io.respkit.spring.listener;

import io.respkit.DedicatedConnection;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * One consumer of a {@link QueueListenerContainer}: a loop on its own thread with its own
 * {@link DedicatedConnection}, which it opens (recovering its processing list in reliable mode), reopens with the
 * recovery back-off when it breaks, leaves when a Sentinel primary moves, and uses to take items in batches and
 * hand them to its {@link QueueDelivery} one by one. The container owns the thread and the run's lifecycle.
 *
 * <p>Thread-safe where it must be: {@link #run()} runs on the worker's thread; {@link #requestStop()} and
 * {@link #cutOff(Thread)} are called from the thread stopping the container.
 */
final class QueueWorker implements Runnable {

    // Under the container's name, as its other parts log, so that one logger setting covers a queue listener.
    private static final Logger log = LoggerFactory.getLogger(QueueListenerContainer.class);


    private final String id;
    private final String queue;
    private final boolean reliable;
    private final int index;
    private final String consumerId;
    private final String processingKey;
    private final QueueDelivery delivery;
    private final QueueOperations ops;
    private final QueueBatches batches;
    private final RedisListenerConnections connections;
    private final ListenerContainerSettings settings;
    private final RedisListenerMetrics metrics;
    /** Shared by the workers of one run, notified when the run is asked to stop. */
    private final ListenerPause backOff;
    private volatile boolean active = true;
    private volatile boolean busy;
    private volatile DedicatedConnection<byte[]> connection;
    /** Whether the last connection failed: the next one asks the cluster's topology afresh. */
    private boolean lost;
    /** Where {@link #connection} was opened, to notice that a Sentinel primary moved. */
    private RedisConfig connectedWith;

    /**
     * Creates a worker; {@link #run()} runs it on the thread of the caller's choosing.
     *
     * @param spec the container's queue and mode
     * @param index the worker index, from 0
     * @param consumerId its stable consumer id
     * @param handler the listener's handler
     * @param errorHandler told about final failures
     * @param ops the container's Redis commands
     * @param batches how the container takes items
     * @param connections where to connect
     * @param settings back-offs and timeouts
     * @param metrics the metrics
     * @param backOff where back-off waits sleep, woken by {@link #requestStop} callers
     */
    QueueWorker(QueueListenerSpec spec, int index, String consumerId, RedisMessageHandler handler,
            RedisListenerErrorHandler errorHandler, QueueOperations ops, QueueBatches batches,
            RedisListenerConnections connections, ListenerContainerSettings settings, RedisListenerMetrics metrics,
            ListenerPause backOff) {
        this.id = spec.listenerId();
        this.queue = spec.queue();
        this.reliable = spec.reliable();
        this.index = index;
        this.consumerId = consumerId;
        this.ops = ops;
        this.batches = batches;
        this.connections = connections;
        this.settings = settings;
        this.metrics = metrics;
        this.backOff = backOff;
        this.processingKey = ops.processingKey(consumerId);
        this.delivery = new QueueDelivery(spec, index, processingKey, handler, errorHandler,
                settings.retryBackoff(), metrics, ops);
    }

    String consumerId() {
        return consumerId;
    }

    /** Asks the worker to take nothing more; the caller then wakes {@code backOff} to end a back-off wait. */
    void requestStop() {
        active = false;
    }

    /**
     * Cuts off a worker still busy after the shutdown timeout: no retry or dead-lettering any more, its connection
     * closed and its thread interrupted.
     *
     * @param thread the worker's thread
     * @return whether it was handling an item
     */
    boolean cutOff(Thread thread) {
        delivery.cutOff();
        boolean wasBusy = busy;
        DedicatedConnection<byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        thread.interrupt();
        return wasBusy;
    }

    private boolean pause(Duration delay) {
        return backOff.pause(() -> active, delay);
    }

    @Override
    public void run() {
        Duration delay = settings.recovery().initialDelay();
        try {
            while (active) {
                try {
                    DedicatedConnection<byte[]> c = connection;
                    if (c != null && !connections.isCurrent(connectedWith)) {
                        leaveMovedPrimary(c);
                        c = null;
                    }
                    if (c == null || !c.isOpen()) {
                        c = connect();
                        delay = settings.recovery().initialDelay();
                        if (!active) {
                            break; // stopped while connecting: take nothing more
                        }
                    }
                    List<byte[]> batch = reliable ? batches.take(c, processingKey) : batches.pop(c);
                    if (!batch.isEmpty()) {
                        handleBatch(c, batch);
                    }
                } catch (RedisException e) {
                    closeQuietly(connection);
                    connection = null;
                    lost = true;
                    if (!active) {
                        break;
                    }
                    log.warn("Queue listener '{}' worker {} lost its connection: {}; reconnecting in {}", id,
                            index, e.getMessage(), delay);
                    if (!pause(delay)) {
                        break;
                    }
                    delay = settings.recovery().next(delay);
                }
            }
        } finally {
            closeQuietly(connection);
            connection = null;
        }
    }

    /**
     * Closes the connection to a primary the sentinels replaced, which may still run and accept pops (a
     * planned failover leaves it up until it is demoted) while producers write to the new one; the loop
     * then connects to the new primary at once, where a reliable worker recovers its processing list.
     */
    private void leaveMovedPrimary(DedicatedConnection<byte[]> c) {
        log.warn("Queue listener '{}' worker {} leaves {}: the primary moved to {}; reconnecting there", id,
                index, connectedWith.address(), connections.describe());
        connection = null;
        closeQuietly(c);
    }

    private DedicatedConnection<byte[]> connect() {
        RedisConfig target = connections.queueConfig(queue, lost);
        DedicatedConnection<byte[]> c = DedicatedConnection.open(target, ByteArrayCodec.INSTANCE);
        lost = false;
        connectedWith = target;
        connection = c;
        if (reliable) {
            ops.heartbeat(c, consumerId);
            int moved = ops.recover(c, processingKey);
            if (moved > 0) {
                log.warn("Queue listener '{}' moved {} unfinished item(s) of consumer '{}' back to '{}'", id,
                        moved, consumerId, queue);
            }
        }
        return c;
    }

    /**
     * Hands the items to the handler one by one. The first is handled even when stop was requested
     * meanwhile (it has left the queue, as with single items); the rest are put back once the worker stops.
     */
    private void handleBatch(DedicatedConnection<byte[]> c, List<byte[]> batch) {
        int handed = 0;
        try {
            while (handed < batch.size() && (handed == 0 || active)) {
                byte[] item = batch.get(handed++);
                metrics.received(id);
                busy = true;
                try {
                    delivery.deliver(c, item);
                } finally {
                    busy = false;
                }
            }
        } finally {
            if (handed < batch.size()) {
                batches.returnUnhandled(c, reliable ? processingKey : null, batch.subList(handed,
                        batch.size()), () -> connections.queueConfig(queue, false));
            }
        }
    }

    private static void closeQuietly(DedicatedConnection<byte[]> connection) {
        if (connection != null) {
            connection.close();
        }
    }
}
