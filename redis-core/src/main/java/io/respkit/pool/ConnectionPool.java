package io.respkit.pool;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.internal.connection.NodeTarget;
import io.respkit.internal.connection.PoolAccess;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A pool of {@link RedisConnection}s to one server, backed by commons-pool2's {@link GenericObjectPool}. Borrowing
 * is scoped: use {@link #borrow()} with try-with-resources or {@link #withConnection(Function)}. A connection that
 * broke (I/O error, timeout, protocol error) or was left dirty (open MULTI, WATCH, another database, a subscription)
 * is destroyed, never handed to the next borrower.
 *
 * <p>Closed and stale connections: a connection that sat idle for {@link PoolConfig#probeAfterIdle()} (50 ms) or
 * longer is probed before it is handed out, without writing to it ({@link RedisConnection#checkIdle(boolean)}). A server
 * that closed it (restarted, killed, or closed an idle client) has already sent its FIN, so the probe finds it at
 * once, and the borrower gets another connection instead: after a server restart that kept it away for at least
 * that long, which any real restart does, no caller sees an error and no command has to be replayed. A connection
 * found closed that way, or one that comes back broken (an I/O error, a timeout or a malformed reply), makes every
 * connection opened before that moment suspect, and none of them is handed out again: each is closed when next
 * borrowed (the borrower gets another one, or a new one) or when the evictor next looks at it. When the timeout came
 * from a slow command rather than a dead server, the only cost is that the pool reconnects. The probe costs about
 * 1.1 ms on a healthy connection (a read that waits out a 1 ms timeout), so a connection borrowed again within
 * 50 ms, as under steady load, is never probed. A connection idle for {@link PoolConfig#validateAfterIdle()} or
 * longer is also checked with {@code PING}, which finds a server that went silent without closing anything.
 *
 * <p>Unread input: a connection given back with bytes no command read (a reply too many from a faulty server or
 * proxy) is destroyed, never handed out, since the next borrower would read them as its reply; bytes that arrive
 * on an idle connection later are found by the probe.
 *
 * <p>The last connection given back waits in a single lock-free slot in front of commons-pool2, whose borrow and
 * return (locks, wall-clock timestamps, statistics) cost about a microsecond each: a caller that runs one command
 * after another, the common case, then takes it back without touching commons-pool2. The slot gives way whenever
 * the pool has to decide: a connection in it that is stale, idle for {@link PoolConfig#validateAfterIdle()} or
 * longer, or found once the pool is closing goes back through commons-pool2, which checks, pings or
 * destroys it as before; the evictor first moves it back, so idle connections are still evicted (at most one
 * eviction period later) and tested; and
 * with {@link PoolConfig#testOnBorrow()} or {@code maxIdle} 0 the slot is not used at all. {@link #stats()} counts
 * the connection in the slot as idle.
 *
 * <p>A pool created for a Sentinel-monitored primary follows it: once the primary has moved, a connection opened
 * for the old one is destroyed as it is borrowed, given back or found in the slot, and never handed out again.
 *
 * <p><b>Virtual threads</b>: borrowing, growing and giving back never wait on a monitor nor open a connection inside
 * one, so a virtual thread never pins its carrier here on JDK 21–23. commons-pool2 2.13's {@link GenericObjectPool}
 * keeps its bound in monitors: {@code create()} waits in {@code makeObjectCountLock.wait()} while the pool is full
 * counting connections still being opened, and {@code returnObject} opens a replacement ({@code ensureIdle})
 * inside {@code synchronized (pooledObject)} when a destroyed connection leaves borrowers waiting. So commons-pool2
 * is given no bound and no waiting ({@code maxTotal} -1, {@code blockWhenExhausted} false), and:
 * <ol>
 * <li>in {@code create()}, {@code newCreateCount > localMaxTotal} cannot hold ({@code localMaxTotal} is then
 * {@code Integer.MAX_VALUE}), so the {@code wait} under it is never reached;</li>
 * <li>{@code borrowObject} takes an idle connection or opens one, never waits, so no thread waits for one inside
 * commons-pool2 ({@code hasTakeWaiters()} is never true) and {@code returnObject}'s {@code ensureIdle} never opens a
 * connection inside its monitor; {@code invalidateObject} and {@code addObject}, which open one too, are never
 * called (the evictor, on commons-pool2's own platform thread, fills {@code minIdle});</li>
 * <li>a connection destroyed inside {@code returnObject}'s monitor (refused, or beyond {@code maxIdle}) has its
 * socket closed once {@code returnObject} has returned: a TLS close writes.</li>
 * </ol>
 * The bound is respkit's ({@code PoolGate}): a borrower first takes one of {@code maxTotal} leases (a fair
 * {@link java.util.concurrent.Semaphore}, where it parks when the pool is exhausted) and gives it back with the
 * connection; the factory opens a connection only while fewer than {@code maxTotal} are open or being opened. A
 * borrower holding a lease that still finds {@code maxTotal} open knows one of them is not held by another lease
 * (at most {@code maxTotal - 1} are): it is idle, in the slot, under the evictor's test or being opened by the
 * evictor for {@code minIdle}, so the borrower looks again, parking briefly between looks. What is left of
 * commons-pool2's monitors on a caller's path are short updates of memory. ({@link #close()} still enters
 * commons-pool2's, once per pool, to stop its evictor.)
 *
 * <p>Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

    static {
        PoolAccess.register(ConnectionPool::new);
    }

    private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

    /** The longest park between two looks of a borrower that found the pool full holding a lease (see above). */
    private static final long MAX_LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Where connections go; {@link #config()} names the node of the moment. */
    private final NodeTarget target;
    private final PoolGate gate;
    private final PooledConnections connections;
    private final GenericObjectPool<RedisConnection> pool;
    /** The connection given back last, still borrowed as far as commons-pool2 knows; see the class comment. */
    private final AtomicReference<Tracked> slot = new AtomicReference<>();
    private final boolean slotEnabled;
    private final long idleLimitNanos;
    private final AtomicLong slotBorrows = new AtomicLong();
    private final AtomicLong slotReturns = new AtomicLong();
    /** Slot connections handed back to commons-pool2, whose return count then counts them a second time. */
    private final AtomicLong slotDrains = new AtomicLong();
    private volatile boolean closed;

    private ConnectionPool(NodeTarget target) {
        this.target = target;
        PoolConfig p = target.current().pool();
        this.gate = new PoolGate(p.maxTotal());
        this.connections = new PooledConnections(target, gate);
        GenericObjectPoolConfig<RedisConnection> c = new GenericObjectPoolConfig<>();
        // No bound and no waiting in commons-pool2, whose are monitors: PoolGate keeps both (see the class comment).
        c.setMaxTotal(-1);
        c.setBlockWhenExhausted(false);
        c.setMaxIdle(p.maxIdle());
        c.setMinIdle(p.minIdle());
        c.setTestOnBorrow(p.testOnBorrow());
        c.setTestWhileIdle(p.testWhileIdle());
        c.setTimeBetweenEvictionRuns(p.timeBetweenEvictionRuns());
        c.setMinEvictableIdleDuration(p.minEvictableIdleTime());
        c.setJmxEnabled(false);
        c.setLifo(true);
        this.pool = new SlotAwarePool(connections, c);
        this.slotEnabled = !p.testOnBorrow() && p.maxIdle() != 0;
        this.idleLimitNanos = p.validateAfterIdle().toNanos();
    }

    /**
     * Creates a pool. No connection is opened until the first borrow (or until the evictor fills {@code minIdle}).
     *
     * @param config the server and pool configuration
     * @return the pool
     */
    public static ConnectionPool create(RedisConfig config) {
        return new ConnectionPool(NodeTarget.fixed(config));
    }

    /**
     * Borrows a connection; close the lease to give it back.
     *
     * @return the lease
     * @throws RedisPoolExhaustedException when none became free within the pool's maximum wait
     * @throws RedisConnectionException when a new connection could not be opened
     * @throws io.respkit.exceptions.RedisAuthenticationException when the server refused the credentials
     * @throws RedisInterruptedException when the calling thread was interrupted while it waited
     */
    public PooledConnection borrow() {
        // One deadline for both waits: a switch settling and a connection coming free each take from maxWait.
        long wait = maxWaitNanos();
        long deadline = System.nanoTime() + wait;
        target.awaitSettled(wait);
        enter(deadline);
        boolean lent = false;
        try {
            // Only a followed primary moves. Then every connection opened for the old one is refused (stale) and
            // destroyed on its way out; one just opened for the old node can still come back once per connection.
            for (int left = gate.maxTotal() + 2; ; left--) {
                Tracked t = borrowAny(deadline);
                RedisConfig now = target.current();
                if (t.getObject().config() == now) {
                    lent = true;
                    return new PooledConnection(this, t.getObject(), t);
                }
                connections.markStale();
                giveBack(t.getObject(), t); // refused by passivateObject: destroyed
                if (left <= 0) {
                    throw new RedisConnectionException("The primary kept moving while a connection to it was "
                            + "borrowed; last known at " + now.address());
                }
            }
        } finally {
            if (!lent) {
                gate.leave();
            }
        }
    }

    private long maxWaitNanos() {
        return target.current().pool().maxWait().toNanos();
    }

    /** Takes a lease: the one wait of a borrower on a full pool. */
    private void enter(long deadline) {
        try {
            if (!gate.enter(deadline)) {
                throw exhausted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisInterruptedException("Interrupted while waiting for a connection to " + config().address(),
                    e);
        }
    }

    /**
     * Takes the slot's connection, an idle one or a new one, holding a lease. When the factory finds
     * {@code maxTotal} connections open, one of them is on its way back (see the class comment): looks again, at
     * once, then parking a little longer each time, until {@code deadline}.
     */
    private Tracked borrowAny(long deadline) {
        for (long park = 0; ; park = Math.min(MAX_LOOK_AGAIN_NANOS, Math.max(10_000L, park * 2))) {
            if (closed) {
                throw new RedisException("Connection pool for " + config().address() + " is closed");
            }
            Tracked fast = takeSlot();
            if (fast != null) {
                return fast;
            }
            try {
                return connections.tracked(pool.borrowObject());
            } catch (RedisException e) {
                throw e;
            } catch (IllegalStateException e) {
                throw new RedisException("Connection pool for " + config().address() + " is closed", e);
            } catch (NoSuchElementException e) {
                if (pool.isClosed()) {
                    throw new RedisException("Connection pool for " + config().address() + " is closed");
                }
                throw new RedisConnectionException("Unable to get a connection to " + config().address(), e);
            } catch (Exception e) {
                if (e != PoolGate.AT_CAPACITY) {
                    throw new RedisConnectionException("Unable to get a connection to " + config().address(), e);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw exhausted();
            }
            if (park == 0) {
                Thread.yield();
                continue;
            }
            LockSupport.parkNanos(Math.min(park, left));
            if (Thread.currentThread().isInterrupted()) {
                throw new RedisInterruptedException("Interrupted while waiting for a connection to "
                        + config().address());
            }
        }
    }

    /**
     * Runs {@code work} with a borrowed connection and gives it back, also when {@code work} throws.
     *
     * @param work what to do with the connection
     * @param <T> the result type
     * @return what {@code work} returned
     * @throws RedisPoolExhaustedException when no connection became free in time
     */
    public <T> T withConnection(Function<RedisConnection, T> work) {
        try (PooledConnection lease = borrow()) {
            return work.apply(lease.connection());
        }
    }

    /**
     * Takes the connection in the slot when it can be handed out as is; one that is stale, idle too long or found
     * after close goes back through commons-pool2, which decides as for any idle connection.
     */
    private Tracked takeSlot() {
        if (!slotEnabled || slot.get() == null) {
            return null;
        }
        Tracked t = slot.getAndSet(null);
        if (t == null) {
            return null;
        }
        RedisConnection c = t.getObject();
        long idle = System.nanoTime() - t.returnedNanos;
        boolean fresh = !closed && c.isUsable() && !connections.isStale(t)
                && (idleLimitNanos <= 0 || idle < idleLimitNanos) && connections.idleCheck(c, idle);
        if (fresh) {
            slotBorrows.incrementAndGet();
            return t;
        }
        drain(t);
        return null;
    }

    /** Hands a slot connection back to commons-pool2, keeping the time it was really given back. */
    private void drain(Tracked t) {
        slotDrains.incrementAndGet();
        t.keepReturnTime = true;
        returnObject(t.getObject(), t);
    }

    private void drainSlot() {
        Tracked t = slot.getAndSet(null);
        if (t != null) {
            drain(t);
        }
    }

    /** Gives back a lease's connection, then the lease. */
    void release(RedisConnection connection, Tracked t) {
        try {
            giveBack(connection, t);
        } finally {
            gate.leave();
        }
    }

    /** Puts a connection in the slot when it may wait there, else hands it to commons-pool2. */
    private void giveBack(RedisConnection connection, Tracked t) {
        if (slotEnabled && t != null && !closed && connection.isUsable() && connection.isClean()
                && connection.config() == target.current()) {
            // Nobody waits inside commons-pool2 for it: whoever gets the lease given back looks here first.
            t.returnedNanos = System.nanoTime();
            if (slot.compareAndSet(null, t)) {
                slotReturns.incrementAndGet();
                if (closed) {
                    drainSlot(); // close() ran meanwhile and may have missed it
                }
                return;
            }
        }
        if (connection.isBroken()) {
            // The socket failed (I/O error, timeout, protocol error): the server may have restarted or become
            // unreachable, so every connection opened until now may be dead as well. activateObject refuses them
            // when they are next borrowed. Lazily rather than with pool.clear(): closing the live idle connections
            // of a healthy server, after a mere timeout, would only cost reconnects.
            connections.markStale();
            log.debug("A connection to {} failed; connections opened before the failure will not be reused",
                    config().address());
        }
        // Always hand it back: the factory's passivateObject refuses a broken or dirty connection, which makes the
        // pool destroy it. (invalidateObject would instead open a replacement at once, on the releasing thread,
        // which costs a connect and handshake timeout when the server is down or hung.)
        returnObject(connection, t);
    }

    /**
     * commons-pool2's {@code returnObject}, which runs inside {@code synchronized (pooledObject)}: a connection it
     * destroys there (refused, or one idle too many) is closed here, after it ({@link Tracked#closeLater}).
     */
    private void returnObject(RedisConnection connection, Tracked t) {
        if (t != null) {
            t.beginReturn();
        }
        try {
            pool.returnObject(connection);
        } catch (RuntimeException e) {
            connection.close();
        }
        if (t != null && t.endReturn()) {
            connection.close();
        }
    }

    /**
     * Returns the pool's current state and counters.
     *
     * @return a snapshot
     */
    public PoolStats stats() {
        int inSlot = slot.get() != null ? 1 : 0;
        return new PoolStats(gate.maxTotal(), Math.max(0, pool.getNumActive() - inSlot), pool.getNumIdle() + inSlot,
                gate.waiters(), pool.getCreatedCount(), pool.getDestroyedCount(),
                pool.getBorrowedCount() + slotBorrows.get(),
                pool.getReturnedCount() + slotReturns.get() - slotDrains.get());
    }

    /**
     * Returns the configuration the pool opens connections with.
     *
     * @return the configuration
     */
    public RedisConfig config() {
        return target.current();
    }

    /**
     * Returns whether the pool was closed.
     *
     * @return {@code true} after {@link #close()}
     */
    public boolean isClosed() {
        return closed || pool.isClosed();
    }

    /**
     * Closes idle connections and refuses new borrows; borrowers waiting for a connection fail at once; borrowed
     * connections are closed when given back.
     */
    @Override
    public void close() {
        closed = true;
        drainSlot();
        connections.closing(pool::close);
        gate.close(); // after commons-pool2's close: a waiter it wakes finds no idle connection left to take
    }

    private RedisPoolExhaustedException exhausted() {
        PoolStats s = stats();
        return new RedisPoolExhaustedException("Connection pool exhausted: no connection to " + config().address()
                + " became free within " + config().pool().maxWait().toMillis() + " ms (maxTotal=" + s.maxTotal()
                + ", active=" + s.active() + ", idle=" + s.idle() + ", waiters=" + s.waiters() + ")", null);
    }

    @Override
    public String toString() {
        PoolStats s = stats();
        return "ConnectionPool[" + config().address() + ", maxTotal=" + s.maxTotal() + ", active=" + s.active()
                + ", idle=" + s.idle() + "]";
    }

    /**
     * Moves the slot connection back before each eviction run, so that the evictor sees every idle connection. Its
     * idle clock (commons-pool2's) then starts at that move: eviction comes at most one eviction period later.
     */
    private final class SlotAwarePool extends GenericObjectPool<RedisConnection> {
        SlotAwarePool(PooledConnections factory, GenericObjectPoolConfig<RedisConnection> c) {
            super(factory, c);
        }

        @Override
        public void evict() throws Exception {
            drainSlot();
            super.evict();
        }
    }
}
