package io.respkit.spring.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The bounded inbox of one pub/sub listener. The subscriber's reader thread puts messages in; at most one drain
 * task per mailbox runs on the shared executor at any time, which is what keeps each listener's messages in order
 * while different listeners run in parallel. A drain hands its thread back after a batch so one busy listener cannot
 * starve the others.
 *
 * <p>Thread-safe.
 */
final class ListenerMailbox implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ListenerMailbox.class);
    private static final int BATCH = 64;

    private final String id;
    private final LinkedBlockingQueue<RedisMessage<byte[]>> queue;
    private final Consumer<RedisMessage<byte[]>> deliver;
    private final Supplier<ExecutorService> executor;
    /** A lock and condition, not a monitor: {@link #awaitIdle} waits, maybe on a virtual thread. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private boolean scheduled;

    ListenerMailbox(String id, int capacity, Consumer<RedisMessage<byte[]>> deliver,
            Supplier<ExecutorService> executor) {
        this.id = id;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.deliver = deliver;
        this.executor = executor;
    }

    /**
     * Adds a message, waiting while the mailbox is full (back-pressure on the reader) for as long as
     * {@code keepWaiting} holds.
     *
     * @return {@code false} when the message was dropped because waiting stopped
     */
    boolean offer(RedisMessage<byte[]> message, Duration wait, BooleanSupplier keepWaiting) {
        try {
            while (!queue.offer(message, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                if (!keepWaiting.getAsBoolean()) {
                    return false;
                }
                log.warn("Listener '{}' is {} messages behind; the subscriber waits for it", id, queue.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        schedule();
        return true;
    }

    private void schedule() {
        lock.lock();
        try {
            if (scheduled) {
                return;
            }
            scheduled = true;
        } finally {
            lock.unlock();
        }
        ExecutorService e = executor.get();
        try {
            if (e == null) {
                throw new RejectedExecutionException("no executor");
            }
            e.execute(this);
        } catch (RejectedExecutionException ex) {
            // Stopping: the executor takes no more tasks, so drain here rather than drop messages.
            run();
        }
    }

    /** Drains a batch on an executor thread, then reschedules itself while messages remain. */
    @Override
    public void run() {
        for (;;) {
            for (int i = 0; i < BATCH; i++) {
                RedisMessage<byte[]> m = queue.poll();
                if (m == null) {
                    break;
                }
                deliver.accept(m);
            }
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    scheduled = false;
                    drained.signalAll();
                    return;
                }
            } finally {
                lock.unlock();
            }
            ExecutorService e = executor.get();
            if (e != null && !e.isShutdown()) {
                try {
                    e.execute(this); // still scheduled: the next batch continues in order
                    return;
                } catch (RejectedExecutionException ignored) {
                    // shut down meanwhile: keep draining on this thread
                }
            }
        }
    }

    /** Waits until every message taken in has been delivered, or the deadline passes. */
    void awaitIdle(long deadlineNanos) {
        lock.lock();
        try {
            while (scheduled || !queue.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    log.warn("Listener '{}' stopped with {} messages not yet handled", id, queue.size());
                    return;
                }
                try {
                    drained.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets what an earlier run left behind (messages abandoned at a forced shutdown, whose drain task the
     * executor discarded), so that a restarted listener is scheduled again.
     */
    void reset() {
        lock.lock();
        try {
            int dropped = queue.size();
            queue.clear();
            scheduled = false;
            if (dropped > 0) {
                log.warn("Listener '{}' restarts without {} messages abandoned at its last shutdown", id, dropped);
            }
        } finally {
            lock.unlock();
        }
    }
}
