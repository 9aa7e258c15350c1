package io.respkit.internal.server;

import io.respkit.commands.Command;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolStats;
import io.respkit.pool.PooledConnection;

import java.util.Objects;

/**
 * Runs the command table's own commands ({@code COMMAND INFO}, {@code COMMAND GETKEYS}) on a connection borrowed from
 * a pool for that command alone, never on a connection a caller holds. These commands change nothing, so a failure
 * on the borrowed connection (a connection gone stale while idle, reset) is followed by one more attempt on a fresh
 * one, as {@code retryReads} does for reads: otherwise the first use of a name after a network blip would leave that
 * use without the server's flags. A timeout is not retried: the caller's own command waits behind the lookup.
 * Thread-safe, as the pool is.
 */
public final class PooledCommandRunner implements CommandRunner {

    private final ConnectionPool pool;

    /**
     * Creates a runner over a pool.
     *
     * @param pool the pool to borrow from
     * @throws NullPointerException when the pool is null
     */
    public PooledCommandRunner(ConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Runs a command that changes nothing on the server on a borrowed connection, once more on a fresh connection
     * after a failure of the borrowed one other than a timeout.
     *
     * @param command the command, with a raw decoder; it must change nothing on the server
     * @return the reply
     * @throws io.respkit.exceptions.RedisException when the command fails (after the second attempt, for a
     *         connection failure other than a timeout), or no connection could be borrowed
     */
    @Override
    public Object run(Command<Object> command) {
        try (PooledConnection lease = pool.borrow()) {
            try {
                return lease.connection().execute(command);
            } catch (RedisTimeoutException e) {
                throw e; // a server this slow would keep the caller's own command waiting twice as long again
            } catch (RedisConnectionException e) {
                // Only a failure on a borrowed connection: a failed borrow would most likely fail the same way again.
                // The broken connection is destroyed on release, and the pool then hands out no connection older.
            }
        }
        try (PooledConnection lease = pool.borrow()) {
            return lease.connection().execute(command);
        }
    }

    /**
     * Returns whether the pool has a connection to lend without waiting: an idle one, or room for a new one. A
     * snapshot, good enough to keep a caller holding one of the pool's connections from waiting for another.
     *
     * @return {@code true} when a borrow would most likely not wait
     */
    public boolean hasFreeConnection() {
        PoolStats stats = pool.stats();
        return stats.idle() > 0 || stats.maxTotal() < 0 || stats.active() < stats.maxTotal();
    }
}
