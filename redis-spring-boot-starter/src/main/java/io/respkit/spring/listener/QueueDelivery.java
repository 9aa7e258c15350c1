package io.respkit.spring.listener;

import io.respkit.DedicatedConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Hands the items of one {@link QueueListenerContainer} worker to the handler: once in plain mode; in reliable mode
 * with retries, then acknowledgement ({@code LREM}) or dead-lettering, and with the item left in the processing
 * list when the worker is cut off by a forced shutdown.
 *
 * <p>Not thread-safe: {@link #deliver} runs on the worker's thread only. {@link #cutOff()} may be called from any
 * thread (the flag is volatile, and the shutdown interrupts the worker after setting it).
 */
final class QueueDelivery {

    // The container's logger, so that what operators configured for the container keeps covering its deliveries.
    private static final Logger log = LoggerFactory.getLogger(QueueListenerContainer.class);

    private final String id;
    private final String queue;
    private final boolean reliable;
    private final int maxAttempts;
    private final String deadLetterQueue;
    private final int index;
    private final String processingKey;
    private final RedisMessageHandler handler;
    private final RedisListenerErrorHandler errorHandler;
    private final Duration retryBackoff;
    private final RedisListenerMetrics metrics;
    private final QueueOperations ops;
    private volatile boolean forced;

    /**
     * Creates the delivery of one worker.
     *
     * @param spec the listener's queue, mode, attempts and dead-letter list
     * @param index the worker index, for logs
     * @param processingKey the worker's processing list (reliable mode)
     * @param handler the handler
     * @param errorHandler told about final failures
     * @param retryBackoff the pause between attempts
     * @param metrics the metrics
     * @param ops the queue commands
     */
    QueueDelivery(QueueListenerSpec spec, int index, String processingKey, RedisMessageHandler handler,
            RedisListenerErrorHandler errorHandler, Duration retryBackoff, RedisListenerMetrics metrics,
            QueueOperations ops) {
        this.id = spec.listenerId();
        this.queue = spec.queue();
        this.reliable = spec.reliable();
        this.maxAttempts = spec.maxAttempts();
        this.deadLetterQueue = spec.deadLetterQueue();
        this.index = index;
        this.processingKey = processingKey;
        this.handler = handler;
        this.errorHandler = errorHandler;
        this.retryBackoff = retryBackoff;
        this.metrics = metrics;
        this.ops = ops;
    }

    /** Marks the worker as cut off by a forced shutdown: its current item is given up, not retried. */
    void cutOff() {
        forced = true;
    }

    /**
     * Hands one item to the handler (with retries in reliable mode).
     *
     * @param c the worker's connection, for acknowledgement and dead-lettering
     * @param item the item
     * @throws io.respkit.exceptions.RedisException when acknowledging or dead-lettering fails; the item then stays in the
     *         processing list for recovery
     */
    void deliver(DedicatedConnection<byte[]> c, byte[] item) {
        if (reliable) {
            handleReliably(c, item);
        } else {
            handleOnce(item);
        }
    }

    private void handleOnce(byte[] item) {
        RedisMessage<byte[]> message = new RedisMessage<>(queue, null, item, RedisMessage.Kind.QUEUE, 1);
        try {
            handler.handle(message);
            metrics.processed(id);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            metrics.failed(id);
            reportFailure(message, e);
        } finally {
            clearStrayInterrupt();
        }
    }

    /**
     * Clears an interrupt that did not come from a forced shutdown (the container interrupts its workers only
     * then). Left set, it would make every later retry pause and every interruptible handler fail at once,
     * stranding items in the processing list until the next restart, and on virtual threads it would close the
     * worker's socket.
     */
    private void clearStrayInterrupt() {
        if (!forced && Thread.interrupted()) {
            log.warn("Queue listener '{}' worker {} was interrupted outside a shutdown; the interrupt is cleared and "
                    + "the worker goes on", id, index);
        }
    }

    private void handleReliably(DedicatedConnection<byte[]> c, byte[] item) {
        for (int attempt = 1; ; attempt++) {
            RedisMessage<byte[]> message = new RedisMessage<>(queue, null, item, RedisMessage.Kind.QUEUE, attempt);
            try {
                handler.handle(message);
                clearStrayInterrupt();
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                metrics.failed(id);
                clearStrayInterrupt();
                if (forced) {
                    // Cut off by shutdown: the item stays in the processing list for recovery.
                    return;
                }
                if (attempt < maxAttempts) {
                    log.debug("Queue listener '{}' attempt {} of {} failed: {}", id, attempt, maxAttempts,
                            e.toString());
                    if (!retryBackoff.isZero() && !sleep(retryBackoff)) {
                        return;
                    }
                    continue;
                }
                reportFailure(message, e);
                ops.deadLetter(c, processingKey, deadLetterQueue, item);
                metrics.deadLettered(id);
                return;
            }
            // After a cut-off the connection is closed and this throws: the item then stays for recovery.
            ops.acknowledge(c, processingKey, item);
            metrics.processed(id);
            return;
        }
    }

    /**
     * Sleeps between attempts; returns {@code false} on a forced shutdown. Any other interrupt is not a reason to
     * give up the item: the sleep goes on and the item is retried.
     */
    private boolean sleep(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            if (forced) {
                return false;
            }
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                if (forced) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                log.warn("Queue listener '{}' worker {} was interrupted between attempts outside a shutdown; the "
                        + "item is retried all the same", id, index);
            }
        }
    }

    private void reportFailure(RedisMessage<byte[]> message, Throwable e) {
        Throwable cause = e instanceof ListenerExecutionFailedException && e.getCause() != null ? e.getCause() : e;
        try {
            errorHandler.handleError(id, message, cause);
        } catch (RuntimeException handlerFailure) {
            log.error("Error handler of listener '{}' failed", id, handlerFailure);
        }
    }
}
