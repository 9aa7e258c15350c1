package io.respkit.internal;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.connection.ConnectionMode;
import io.respkit.connection.ReadFrom;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisDurabilityException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisReadOnlyException;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.KeyspaceDefs;
import io.respkit.internal.multiplex.Multiplexer;
import io.respkit.internal.sentinel.ReplicaPools;
import io.respkit.internal.sentinel.SentinelWatcher;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PooledConnection;
import io.respkit.sentinel.DurableWrites;
import io.respkit.sentinel.SentinelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a {@link io.respkit.RedisClient} runs one command: on the shared multiplexed connection when the command may
 * share it and the {@link ConnectionMode} says so (always, or in the adaptive mode while other callers' commands are
 * in flight), else on a pooled connection, with the one retry of a read-only command after a
 * connection failure. A client of a Sentinel-monitored primary also sends reads where its {@link ReadFrom} says,
 * waits for replicas after writes in the {@link DurableWrites} mode, and asks the sentinels at once after a
 * {@code READONLY} error.
 *
 * <p>Thread-safe.
 */
public final class CommandExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("io.respkit.RedisClient");

    private final ConnectionPool pool;
    private final Multiplexer multiplexer;
    private final SentinelWatcher sentinel;
    private final ReplicaPools replicas;
    private final ReadFrom readFrom;
    private final DurableWrites durable;
    /** Callers in {@link #onPrimary} now, for the adaptive mode. */
    private final AtomicInteger callers = new AtomicInteger();

    private CommandExecutor(ConnectionPool pool, Multiplexer multiplexer, SentinelWatcher sentinel,
            SentinelConfig config) {
        this.pool = pool;
        this.multiplexer = multiplexer;
        this.sentinel = sentinel;
        this.readFrom = config != null ? config.readFrom() : ReadFrom.PRIMARY;
        this.replicas = readFrom != ReadFrom.PRIMARY ? new ReplicaPools(config, sentinel) : null;
        this.durable = config != null ? config.durableWrites() : null;
    }

    /**
     * An executor for one fixed server.
     *
     * @param pool its pool
     * @param multiplexer its shared connection
     * @return the executor
     */
    public static CommandExecutor of(ConnectionPool pool, Multiplexer multiplexer) {
        return new CommandExecutor(pool, multiplexer, null, null);
    }

    /**
     * An executor for the primary a watcher follows.
     *
     * @param pool the pool following the primary
     * @param multiplexer the shared connection following it
     * @param watcher the watcher
     * @param config the read-from and durable-write settings
     * @return the executor; it owns the replica pools, not the watcher
     */
    public static CommandExecutor following(ConnectionPool pool, Multiplexer multiplexer, SentinelWatcher watcher,
            SentinelConfig config) {
        return new CommandExecutor(pool, multiplexer, watcher, config);
    }

    /**
     * Runs a command; see {@link io.respkit.RedisClient#execute(Command)} for what it throws.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisDurabilityException in the durable-write mode, when too few replicas confirmed a write in time
     */
    public <T> T execute(Command<T> command) {
        if (sentinel == null) {
            return onPrimary(command);
        }
        try {
            if (replicas != null && command.isReadOnly()) {
                return read(command);
            }
            if (durable != null && mayWrite(command)) {
                return durably(command);
            }
            return onPrimary(command);
        } catch (RedisReadOnlyException e) {
            sentinel.requestCheck(); // the primary was demoted: the sentinels know where the new one is
            throw e;
        }
    }

    private <T> T onPrimary(Command<T> command) {
        ConnectionMode mode = pool.config().connectionMode();
        if (mode != ConnectionMode.ADAPTIVE || !Multiplexer.shareable(command)) {
            // what never shares (a blocking pop parked for minutes, SELECT) is no company for others either
            return onPrimary(command, mode == ConnectionMode.MULTIPLEXED);
        }
        // A lone caller borrows (its reply never waits behind another's); with company, commands share the
        // multiplexed connection, where one write and one read serve many callers.
        boolean company = callers.getAndIncrement() != 0;
        try {
            return onPrimary(command, company);
        } finally {
            callers.decrementAndGet();
        }
    }

    private <T> T onPrimary(Command<T> command, boolean multiplexed) {
        boolean retry = command.isReadOnly() && pool.config().retryReads();
        if (multiplexed && Multiplexer.shareable(command)) {
            try {
                return multiplexer.execute(command);
            } catch (RedisConnectionException e) {
                if (!retry) {
                    throw e;
                }
                log.debug("Retrying read-only {} on a fresh connection after: {}", command.name(), e.getMessage());
                return multiplexer.execute(command);
            }
        }
        try (PooledConnection lease = pool.borrow()) {
            try {
                return run(lease, command);
            } catch (RedisConnectionException e) {
                // Only failures on a borrowed connection qualify: a failed borrow (server unreachable, pool
                // exhausted) would most likely fail the same way again, and only cost another timeout.
                if (!retry) {
                    throw e;
                }
                log.debug("Retrying read-only {} on a fresh connection after: {}", command.name(), e.getMessage());
            }
        }
        // The failed connection is broken, so the pool destroyed it on release and, having seen a connection
        // fail, no longer hands out idle connections opened before the failure: this borrow gets a fresh one.
        try (PooledConnection lease = pool.borrow()) {
            return run(lease, command);
        }
    }

    /** A read-only command where {@link #readFrom} says; a read is idempotent, so a failed node gets one fallback. */
    private <T> T read(Command<T> command) {
        boolean toReplica = switch (readFrom) {
            case PRIMARY, PRIMARY_PREFERRED -> false;
            case REPLICA, REPLICA_PREFERRED -> true;
            case ANY -> java.util.concurrent.ThreadLocalRandom.current().nextInt(sentinel.replicas().size() + 1) > 0;
        };
        if (!toReplica) {
            try {
                return onPrimary(command);
            } catch (RedisConnectionException e) {
                ConnectionPool replica = readFrom == ReadFrom.PRIMARY_PREFERRED ? replicas.pick() : null;
                if (replica == null) {
                    throw e;
                }
                log.debug("Reading {} from a replica: the primary failed with {}", command.name(), e.getMessage());
                return onReplica(replica, command);
            }
        }
        ConnectionPool replica = replicas.pick();
        if (replica == null) {
            if (readFrom == ReadFrom.REPLICA) {
                throw new RedisConnectionException("No replica of the primary at " + pool.config().address()
                        + " is reachable for " + command.name() + " (ReadFrom.REPLICA never reads from the primary)");
            }
            return onPrimary(command);
        }
        try {
            return onReplica(replica, command);
        } catch (RedisConnectionException e) {
            if (readFrom == ReadFrom.REPLICA) {
                throw e;
            }
            log.debug("Reading {} from the primary: the replica failed with {}", command.name(), e.getMessage());
            return onPrimary(command);
        }
    }

    private static <T> T onReplica(ConnectionPool replica, Command<T> command) {
        try (PooledConnection lease = replica.borrow()) {
            return run(lease, command);
        }
    }

    /**
     * Whether a durable write must wait for the replicas after the command: anything not read-only, since scripts and
     * functions ({@code EVAL}, {@code FCALL}) write without the server's write flag. {@code WAIT} itself is exempt.
     */
    private static boolean mayWrite(Command<?> command) {
        return !command.isReadOnly() && command.spec() != CommandSpecs.WAIT && command.spec() != CommandSpecs.WAITAOF;
    }

    /** A write, then {@code WAIT} on the same connection: the count it returns is about this connection's writes. */
    private <T> T durably(Command<T> command) {
        try (PooledConnection lease = pool.borrow()) {
            T result = run(lease, command);
            int required = durable.replicas() == DurableWrites.ALL_REPLICAS ? Math.max(1, sentinel.replicas().size())
                    : durable.replicas();
            long confirmed = lease.connection().execute(KeyspaceDefs.waitReplicas(StringCodec.UTF8, required,
                    durable.timeout()));
            if (confirmed < required) {
                throw new RedisDurabilityException(command.name() + " ran on " + lease.connection().address()
                        + ", but only " + confirmed + " of the " + required + " replicas asked for confirmed it within "
                        + durable.timeout().toMillis() + " ms: a failover could lose it", confirmed, required);
            }
            return result;
        }
    }

    /** Runs a command on a lease; a blocking command whose caller is interrupted is finished in the background. */
    public static <T> T run(PooledConnection lease, Command<T> command) {
        try {
            return lease.connection().execute(command);
        } catch (RedisInterruptedException e) {
            BlockingRecovery.takeOver(lease);
            throw e;
        }
    }

    /** Closes the replica pools; the primary's pool and the watcher belong to the client. */
    @Override
    public void close() {
        if (replicas != null) {
            replicas.close();
        }
    }
}
