package io.respkit.pool;

import io.respkit.connection.RedisConnection;
import org.apache.commons.pool2.impl.DefaultPooledObject;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pooled connection with monotonic timestamps, which the wall-clock ones of commons-pool2 are not, and what
 * {@link ConnectionPool} and {@link PooledConnections} need to know of it on its way in and out of commons-pool2.
 *
 * <p>Thread-safe: its fields are volatile or atomic; commons-pool2 hands it to one thread at a time.
 */
final class Tracked extends DefaultPooledObject<RedisConnection> {

    /** {@link #closeLater}: nobody is giving it back. */
    static final int SETTLED = 0;
    /** {@link #closeLater}: a thread is inside {@code returnObject} with it. */
    static final int RETURNING = 1;
    /** {@link #closeLater}: destroyed inside {@code returnObject}; the thread giving it back closes it after. */
    static final int CLOSE_PENDING = 2;

    final long createdNanos = System.nanoTime();
    volatile long returnedNanos = createdNanos;
    volatile boolean activated;
    /** Set while a slot connection is handed back to commons-pool2: its return time is already recorded. */
    volatile boolean keepReturnTime;
    /** Set once destroyed, so that {@link PoolGate#gone()} counts it once. */
    final AtomicBoolean destroyed = new AtomicBoolean();
    /**
     * {@link #RETURNING} while the thread giving it back is inside {@code returnObject}, where commons-pool2 holds the
     * pooled object's monitor: destroying it there leaves the close to that thread ({@link #CLOSE_PENDING}), which
     * closes it once out of the monitor. Else {@link #SETTLED}.
     */
    final AtomicInteger closeLater = new AtomicInteger();

    Tracked(RedisConnection connection) {
        super(connection);
    }

    /** Before commons-pool2's {@code returnObject}: a destroy from now on leaves the close to this thread. */
    void beginReturn() {
        closeLater.set(RETURNING);
    }

    /**
     * For {@code destroyObject}: whether a thread giving it back is inside {@code returnObject}, and so closes it
     * once out ({@link #endReturn}); else the destroying thread closes it.
     */
    boolean leaveCloseToReturner() {
        return closeLater.compareAndSet(RETURNING, CLOSE_PENDING);
    }

    /**
     * After commons-pool2's {@code returnObject}: whether this thread must close the connection now (destroyed
     * inside it). Returns overlap: once commons-pool2 has put it back idle, another thread may borrow it and give it
     * back before this one gets here, so only {@link #CLOSE_PENDING} means closing; anything else (that thread's
     * {@link #RETURNING}, or {@link #SETTLED}) means the connection may be idle or lent again, and must stay open.
     */
    boolean endReturn() {
        return !closeLater.compareAndSet(RETURNING, SETTLED) && closeLater.compareAndSet(CLOSE_PENDING, SETTLED);
    }
}
