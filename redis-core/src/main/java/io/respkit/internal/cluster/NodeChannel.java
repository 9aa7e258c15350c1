package io.respkit.internal.cluster;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.Command;
import io.respkit.connection.ConnectionMode;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.Decoders;
import io.respkit.internal.multiplex.Multiplexer;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PooledConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections to one cluster node: a pool with the single-node guarantees (a connection that failed is never
 * handed out again), and, in multiplexed mode, or once the asynchronous API or (in the adaptive mode) overlapping
 * commands used the node, one shared connection. A failure to get a connection, before anything was written, is reported as a {@link NotSentException}, so the router may run the command on another node.
 *
 * <p>Thread-safe.
 */
final class NodeChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeChannel.class);

    private final HostAndPort address;
    private final ConnectionPool pool;
    private final RedisConfig config;
    /** The shared connection of multiplexed mode, used by {@link #execute}; null otherwise. */
    private final Multiplexer multiplexer;
    /** The shared connection of the asynchronous API and the adaptive mode, when the mode is not multiplexed. */
    private volatile Multiplexer asyncMultiplexer;
    private volatile boolean closed;
    /** Callers in {@link #execute} now, for the adaptive mode. */
    private final AtomicInteger callers = new AtomicInteger();
    /** Connections that were sent READONLY; weak, because the pool destroys connections without telling us. */
    private final Set<RedisConnection> readOnly = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    NodeChannel(HostAndPort address, RedisConfig config) {
        this.address = address;
        this.config = config;
        this.pool = ConnectionPool.create(config);
        this.multiplexer = config.multiplexed() ? newMultiplexer() : null;
    }

    private Multiplexer newMultiplexer() {
        return new Multiplexer(config, push -> log.debug("Ignoring push frame '{}' from {}", push.kind(), address));
    }

    /**
     * Returns this node's one shared auto-pipelined connection owner, for the asynchronous API: the one
     * {@link #execute} uses in multiplexed mode, else one made on first call (its connection opens on first use).
     * Nothing else changes: {@link #execute} keeps using the pool when the mode is not multiplexed.
     *
     * @return the multiplexer; a closed one (whose commands fail, nothing sent) once this channel was closed
     */
    Multiplexer multiplexer() {
        if (multiplexer != null) {
            return multiplexer;
        }
        Multiplexer m = asyncMultiplexer;
        if (m == null) {
            boolean closeIt = false;
            synchronized (this) {
                m = asyncMultiplexer;
                if (m == null) {
                    m = newMultiplexer(); // opens nothing until its first command
                    closeIt = closed;
                    asyncMultiplexer = m;
                }
            }
            if (closeIt) {
                m.close(); // a channel closed meanwhile must not leave a connection behind
            }
        }
        return m;
    }

    HostAndPort address() {
        return address;
    }

    ConnectionPool pool() {
        return pool;
    }

    /**
     * Runs a command on this node.
     *
     * @param command the command
     * @param asking send {@code ASKING} first, on the same connection (an {@code ASK} redirect)
     * @param replicaRead the command is a read routed to this node as a replica: its connection is put in
     *                    {@code READONLY} mode first (once per connection)
     * @return the decoded reply
     * @throws NotSentException when no connection could be had (nor the shared one opened); nothing was sent
     */
    <T> T execute(Command<T> command, boolean asking, boolean replicaRead) {
        if (asking || replicaRead || !Multiplexer.shareable(command)) {
            return pooled(command, asking, replicaRead);
        }
        if (multiplexer != null) {
            return shared(multiplexer, command);
        }
        if (config.connectionMode() != ConnectionMode.ADAPTIVE) {
            return pooled(command, false, false);
        }
        // as a single-node client: a lone caller borrows, callers with company share the node's connection
        boolean company = callers.getAndIncrement() != 0;
        try {
            return company ? shared(multiplexer(), command) : pooled(command, false, false);
        } finally {
            callers.decrementAndGet();
        }
    }

    private <T> T shared(Multiplexer multiplexer, Command<T> command) {
        try {
            multiplexer.open();
        } catch (RedisConnectionException e) {
            throw new NotSentException(e); // as a pool that cannot connect: the router may wait for a failover
        } catch (RedisException e) {
            if (closed) {
                throw new NotSentException(e); // closed by a topology change meanwhile: route again
            }
            throw e;
        }
        return multiplexer.execute(command);
    }

    private <T> T pooled(Command<T> command, boolean asking, boolean replicaRead) {
        try (PooledConnection lease = borrow()) {
            // The catch is inside the try-with-resources on purpose: a catch clause of the try-with-resources itself
            // would run after the lease was closed, when the connection (and the reply to a pop the server already
            // served on it) is gone, and the recovery could not take it over: a cancelled pop would lose its item.
            try {
                RedisConnection connection = lease.connection();
                if (replicaRead && !readOnly.contains(connection)) {
                    connection.execute(Command.create(ByteArrayCodec.INSTANCE, CommandSpecs.READONLY,
                            Decoders.raw()));
                    readOnly.add(connection);
                }
                if (asking) {
                    connection.execute(Command.create(ByteArrayCodec.INSTANCE, CommandSpecs.ASKING, Decoders.raw()));
                }
                return connection.execute(command);
            } catch (RedisInterruptedException e) {
                BlockingRecovery.takeOver(lease); // a blocking command is unblocked, what it took put back
                throw e;
            }
        }
    }

    /** Borrows a connection; a failure here happened before anything was sent. */
    PooledConnection borrow() {
        try {
            return pool.borrow();
        } catch (RedisConnectionException | RedisPoolExhaustedException e) {
            throw new NotSentException(e);
        } catch (RedisException e) {
            if (pool.isClosed()) {
                throw new NotSentException(e); // closed by a topology change after the caller picked it
            }
            throw e;
        }
    }

    @Override
    public void close() {
        Multiplexer lazy;
        synchronized (this) {
            closed = true;
            lazy = asyncMultiplexer;
        }
        if (lazy != null) {
            lazy.close();
        }
        if (multiplexer != null) {
            multiplexer.close();
        }
        pool.close();
    }

    @Override
    public String toString() {
        return "NodeChannel[" + address + "]";
    }
}
