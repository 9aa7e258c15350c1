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
}
