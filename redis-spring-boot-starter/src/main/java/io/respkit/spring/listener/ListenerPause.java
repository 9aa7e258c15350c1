package io.respkit.spring.listener;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A back-off wait of listener threads that a stop ends at once ({@link #wakeAll()}). They wait on a
 * {@link Condition}, never a monitor: listener threads may be virtual, and a virtual thread waiting inside a monitor
 * pins its carrier on JDK 21–23.
 *
 * <p>Thread-safe.
 */
final class ListenerPause {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();

    /**
     * Waits up to {@code delay} while {@code going} says the caller should go on; {@link #wakeAll()} makes it look
     * again at once.
     *
     * @param going whether the caller is still meant to run
     * @param delay how long to wait
     * @return {@code true} when the whole delay passed and the caller should go on; {@code false} when it should stop
     *         (stopped meanwhile, or interrupted: the interrupt flag is then set again)
     */
    boolean pause(BooleanSupplier going, Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            while (going.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                woken.awaitNanos(left);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends every wait now; callers set what {@code going} reads first. */
    void wakeAll() {
        lock.lock();
        try {
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
