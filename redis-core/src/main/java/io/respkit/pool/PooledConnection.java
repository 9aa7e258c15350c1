package io.respkit.pool;

import io.respkit.connection.RedisConnection;

/**
 * A connection borrowed from a {@link ConnectionPool}. Closing the lease gives the connection back, or destroys it
 * when it broke or was left dirty. Closing twice is harmless.
 *
 * <p>Not thread-safe: a lease belongs to the thread that borrowed it.
 */
public final class PooledConnection implements AutoCloseable {

    private final ConnectionPool pool;
    private final RedisConnection connection;
    private final Tracked tracked;
    private boolean released;

    PooledConnection(ConnectionPool pool, RedisConnection connection, Tracked tracked) {
        this.pool = pool;
        this.connection = connection;
        this.tracked = tracked;
    }

    /**
     * Returns the borrowed connection.
     *
     * @return the connection
     * @throws IllegalStateException when the lease was already closed
     */
    public RedisConnection connection() {
        if (released) {
            throw new IllegalStateException("connection was already returned to the pool");
        }
        return connection;
    }

    /**
     * Returns the pool the connection was borrowed from.
     *
     * @return the pool
     */
    public ConnectionPool pool() {
        return pool;
    }

    /**
     * Tells whether the connection still goes to the node its pool connects to now: always, except in a pool that
     * follows a Sentinel-monitored primary, after the primary moved. Nothing more should then be sent on it: the old
     * primary is about to be demoted, and writes it takes are lost.
     *
     * @return {@code false} when the pool's node has changed since the connection was opened
     */
    public boolean isCurrent() {
        return connection.config() == pool.config();
    }

    /**
     * Moves the borrowed connection to a new lease, for another thread to finish with it (respkit's recovery of a
     * blocking command whose caller gave up); this lease is then closed without giving the connection back.
     *
     * @return the new lease, which gives the connection back when closed
     * @throws IllegalStateException when this lease was already closed
     */
    public PooledConnection transfer() {
        if (released) {
            throw new IllegalStateException("connection was already returned to the pool");
        }
        released = true;
        return new PooledConnection(pool, connection, tracked);
    }

    /**
     * Gives the connection back to the pool, or destroys it when it is broken or dirty.
     */
    @Override
    public void close() {
        if (!released) {
            released = true;
            pool.release(connection, tracked);
        }
    }
}
