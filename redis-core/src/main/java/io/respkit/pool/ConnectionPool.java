package io.respkit.pool;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.internal.connection.NodeTarget;
import io.respkit.internal.connection.PoolAccess;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * longer, or found while the pool is full or closing goes back through commons-pool2, which checks, pings or
 * destroys it as before; the evictor first moves it back, so idle connections are still evicted (at most one
 * eviction period later) and tested; and
 * with {@link PoolConfig#testOnBorrow()} or {@code maxIdle} 0 the slot is not used at all. {@link #stats()} counts
 * the connection in the slot as idle.
 *
 * <p>A pool created for a Sentinel-monitored primary follows it: once the primary has moved, a connection opened
 * for the old one is destroyed as it is borrowed, given back or found in the slot, and never handed out again.
 *
 * <p>Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

    static {
        PoolAccess.register(ConnectionPool::new);
    }

    private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

    /**
     * How young a connection is when the borrow that opened it activates it: younger ones are never checked on their
     * first activation (commons-pool2 would report a refusal as an exhausted pool); older ones were opened by the
     * evictor for {@code minIdle} and sat idle.
     */
    private static final long FIRST_USE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * A connection idle at least this long, but not long enough to be probed, is checked for unread input as it is
     * borrowed (about a microsecond): a reply too many that arrived meanwhile never reaches the next caller. A
     * connection taken back within this time, in a caller's tight loop, is not checked.
     */
    private static final long INPUT_CHECK_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);

    /** Where connections go; {@link #config()} names the node of the moment. */
    private final NodeTarget target;
    private final GenericObjectPool<RedisConnection> pool;
    /** The connection given back last, still borrowed as far as commons-pool2 knows; see the class comment. */
    private final AtomicReference<Tracked> slot = new AtomicReference<>();
    private final boolean slotEnabled;
    private final long idleLimitNanos;
    /** {@link PoolConfig#probeAfterIdle()} in nanoseconds, 0 when the probe is off. */
    private final long probeAfterNanos;
    /** The wrappers of live connections, to find a connection's timestamps after a commons-pool2 borrow. */
    private final Map<RedisConnection, Tracked> tracked = new ConcurrentHashMap<>();
    private final AtomicLong slotBorrows = new AtomicLong();
    private final AtomicLong slotReturns = new AtomicLong();
    /** Slot connections handed back to commons-pool2, whose return count then counts them a second time. */
    private final AtomicLong slotDrains = new AtomicLong();
    private volatile boolean closed;
    /** Connections opened before this {@link System#nanoTime()} are stale: a connection failed after they opened. */
    private volatile long staleBeforeNanos = System.nanoTime();
    /** Whether a connection with unread input was reported at WARN: a faulty proxy would otherwise flood the log. */
    private volatile boolean warnedUnread;

    private ConnectionPool(NodeTarget target) {
        this.target = target;
        PoolConfig p = target.current().pool();
        GenericObjectPoolConfig<RedisConnection> c = new GenericObjectPoolConfig<>();
        c.setMaxTotal(p.maxTotal());
        c.setMaxIdle(p.maxIdle());
        c.setMinIdle(p.minIdle());
        c.setMaxWait(p.maxWait());
        c.setBlockWhenExhausted(true);
        c.setTestOnBorrow(p.testOnBorrow());
        c.setTestWhileIdle(p.testWhileIdle());
        c.setTimeBetweenEvictionRuns(p.timeBetweenEvictionRuns());
        c.setMinEvictableIdleDuration(p.minEvictableIdleTime());
        c.setJmxEnabled(false);
        c.setLifo(true);
        this.pool = new SlotAwarePool(new Factory(), c);
        this.slotEnabled = !p.testOnBorrow() && p.maxIdle() != 0;
        this.idleLimitNanos = p.validateAfterIdle().toNanos();
        this.probeAfterNanos = p.probeAfterIdle().toNanos();
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
        target.awaitSettled(maxWaitNanos());
        // Only a followed primary moves. Then every connection opened for the old one is refused (stale) and
        // destroyed on its way out; one just opened for the old node can still come back once per connection.
        for (int left = pool.getMaxTotal() < 0 ? 64 : pool.getMaxTotal() + 2; ; left--) {
            PooledConnection lease = borrowAny();
            RedisConfig now = target.current();
            if (lease.connection().config() == now) {
                return lease;
            }
            staleBeforeNanos = System.nanoTime();
            lease.close(); // refused by passivateObject: destroyed
            if (left <= 0) {
                throw new RedisConnectionException("The primary kept moving while a connection to it was borrowed; "
                        + "last known at " + now.address());
            }
        }
    }

    private long maxWaitNanos() {
        java.time.Duration d = target.current().pool().maxWait();
        return d.isNegative() ? Long.MAX_VALUE : d.toNanos();
    }

    private PooledConnection borrowAny() {
        Tracked fast = takeSlot();
        if (fast != null) {
            return new PooledConnection(this, fast.getObject(), fast);
        }
        try {
            RedisConnection connection = pool.borrowObject();
            return new PooledConnection(this, connection, tracked.get(connection));
        } catch (RedisException e) {
            throw e;
        } catch (NoSuchElementException e) {
            if (pool.isClosed()) {
                throw new RedisException("Connection pool for " + config().address() + " is closed");
            }
            // A connection may have reached the slot while this borrower was already waiting inside
            // commons-pool2 (see release): rather than fail, take it.
            Tracked late = takeSlot();
            if (late != null) {
                return new PooledConnection(this, late.getObject(), late);
            }
            throw exhausted(e);
        } catch (IllegalStateException e) {
            throw new RedisException("Connection pool for " + config().address() + " is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisInterruptedException("Interrupted while waiting for a connection to " + config().address(),
                    e);
        } catch (Exception e) {
            throw new RedisConnectionException("Unable to get a connection to " + config().address(), e);
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
        boolean fresh = !closed && c.isUsable() && t.createdNanos - staleBeforeNanos >= 0
                && c.config() == target.current()
                && (idleLimitNanos <= 0 || idle < idleLimitNanos) && idleCheck(c, idle);
        if (fresh) {
            slotBorrows.incrementAndGet();
            return t;
        }
        drain(t);
        return null;
    }

    /**
     * Checks a connection idle for {@code idle} nanoseconds before it is handed out (from the slot or commons-pool2):
     * nothing in a tight loop, a look for unread input after a moment, the probe after
     * {@link PoolConfig#probeAfterIdle()}.
     */
    private boolean idleCheck(RedisConnection c, long idle) {
        if (idle < INPUT_CHECK_NANOS) {
            return true;
        }
        if (probeAfterNanos > 0 && idle >= probeAfterNanos) {
            return probe(c);
        }
        if (c.checkIdle(false)) {
            return true;
        }
        unreadInput(c);
        return false;
    }

    /**
     * Probes an idle connection before it is handed out. One the server closed says the same as a failed one: the
     * server may have restarted, so every connection opened before it is suspect (and is not probed, but dropped).
     *
     * @return {@code true} when it can be handed out
     */
    private boolean probe(RedisConnection c) {
        if (c.checkIdle(true)) {
            return true;
        }
        if (c.isBroken()) {
            staleBeforeNanos = System.nanoTime();
            log.debug("Idle connection to {} was closed by the server; connections opened before it will not be "
                    + "reused", config().address());
        } else {
            unreadInput(c);
        }
        return false;
    }

    private void unreadInput(RedisConnection c) {
        if (!warnedUnread) {
            warnedUnread = true;
            log.warn("Connection to {} received bytes no command read (a reply too many from a faulty server or "
                    + "proxy, or the stream of a command such as MONITOR); destroying it so that they never reach "
                    + "another caller", c.address());
        } else {
            log.debug("Destroying connection to {}: it received bytes no command asked for", c.address());
        }
    }

    /** Hands a slot connection back to commons-pool2, keeping the time it was really given back. */
    private void drain(Tracked t) {
        slotDrains.incrementAndGet();
        t.keepReturnTime = true;
        try {
            pool.returnObject(t.getObject());
        } catch (RuntimeException e) {
            t.getObject().close();
        }
    }

    private void drainSlot() {
        Tracked t = slot.getAndSet(null);
        if (t != null) {
            drain(t);
        }
    }

    void release(RedisConnection connection, Tracked t) {
        if (slotEnabled && t != null && !closed && connection.isUsable() && connection.isClean()
                && connection.config() == target.current()
                && pool.getCreatedCount() - pool.getDestroyedCount() < pool.getMaxTotal()) {
            // Only while the pool could still open another connection: then nobody can be left waiting inside
            // commons-pool2 for the one that sits in the slot.
            t.returnedNanos = System.nanoTime();
            if (slot.compareAndSet(null, t)) {
                slotReturns.incrementAndGet();
                if (closed) {
                    drainSlot(); // close() ran meanwhile and may have missed it
                }
                return;
            }
        }
        release(connection);
    }

    void release(RedisConnection connection) {
        if (connection.isBroken()) {
            // The socket failed (I/O error, timeout, protocol error): the server may have restarted or become
            // unreachable, so every connection opened until now may be dead as well. activateObject refuses them
            // when they are next borrowed. Lazily rather than with pool.clear(): closing the live idle connections
            // of a healthy server, after a mere timeout, would only cost reconnects.
            staleBeforeNanos = System.nanoTime();
            log.debug("A connection to {} failed; connections opened before the failure will not be reused",
                    config().address());
        }
        // Always hand it back: the factory's passivateObject refuses a broken or dirty connection, which makes the
        // pool destroy it. (invalidateObject would instead open a replacement at once, on the releasing thread,
        // which costs a connect and handshake timeout when the server is down or hung.)
        try {
            pool.returnObject(connection);
        } catch (RuntimeException e) {
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
        return new PoolStats(pool.getMaxTotal(), Math.max(0, pool.getNumActive() - inSlot), pool.getNumIdle() + inSlot,
                pool.getNumWaiters(), pool.getCreatedCount(), pool.getDestroyedCount(),
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
     * Closes idle connections and refuses new borrows; borrowed connections are closed when given back.
     */
    @Override
    public void close() {
        closed = true;
        drainSlot();
        pool.close();
    }

    private RedisPoolExhaustedException exhausted(Exception cause) {
        PoolStats s = stats();
        return new RedisPoolExhaustedException("Connection pool exhausted: no connection to " + config().address()
                + " became free within " + config().pool().maxWait().toMillis() + " ms (maxTotal=" + s.maxTotal()
                + ", active=" + s.active() + ", idle=" + s.idle() + ", waiters=" + s.waiters() + ")", cause);
    }

    @Override
    public String toString() {
        PoolStats s = stats();
        return "ConnectionPool[" + config().address() + ", maxTotal=" + s.maxTotal() + ", active=" + s.active()
                + ", idle=" + s.idle() + "]";
    }

    /** A pooled connection with monotonic timestamps, which the wall-clock ones of commons-pool2 are not. */
    static final class Tracked extends DefaultPooledObject<RedisConnection> {
        private final long createdNanos = System.nanoTime();
        private volatile long returnedNanos = createdNanos;
        private volatile boolean activated;
        /** Set while a slot connection is handed back to commons-pool2: its return time is already recorded. */
        private volatile boolean keepReturnTime;

        Tracked(RedisConnection connection) {
            super(connection);
        }
    }

    /**
     * Moves the slot connection back before each eviction run, so that the evictor sees every idle connection. Its
     * idle clock (commons-pool2's) then starts at that move: eviction comes at most one eviction period later.
     */
    private final class SlotAwarePool extends GenericObjectPool<RedisConnection> {
        SlotAwarePool(Factory factory, GenericObjectPoolConfig<RedisConnection> c) {
            super(factory, c);
        }

        @Override
        public void evict() throws Exception {
            drainSlot();
            super.evict();
        }
    }

    private final class Factory extends BasePooledObjectFactory<RedisConnection> {

        @Override
        public RedisConnection create() {
            return RedisConnection.open(target.current());
        }

        @Override
        public PooledObject<RedisConnection> wrap(RedisConnection connection) {
            Tracked t = new Tracked(connection);
            tracked.put(connection, t);
            return t;
        }

        /**
         * Refuses a stale or dead idle connection; the pool then destroys it and tries the next one (or opens a new
         * one). A connection opened for this very borrow is never refused: commons-pool2 would report that as an
         * exhausted pool. One the evictor opened for {@code minIdle} is activated for the first time too, but only
         * after sitting idle; its age tells it apart (the borrow that opened one activates it microseconds later).
         */
        @Override
        public void activateObject(PooledObject<RedisConnection> p) {
            Tracked t = (Tracked) p;
            if (!t.activated) {
                t.activated = true;
                if (System.nanoTime() - t.createdNanos < FIRST_USE_NANOS) {
                    return;
                }
            }
            RedisConnection c = t.getObject();
            if (t.createdNanos - staleBeforeNanos < 0 || c.config() != target.current()) {
                throw new RedisConnectionException("Connection to " + c.address()
                        + " was opened before a connection failure; discarding it");
            }
            long idle = System.nanoTime() - t.returnedNanos;
            if (!idleCheck(c, idle)) {
                throw new RedisConnectionException("Idle connection to " + c.address() + " was "
                        + (c.isBroken() ? "closed by the server" : "sent bytes no command asked for")
                        + "; discarding it");
            }
            long idleLimit = config().pool().validateAfterIdle().toNanos();
            if (idleLimit > 0 && idle >= idleLimit && !c.ping()) {
                // A dead idle connection says the same as a failed one: the others opened before it are suspect.
                staleBeforeNanos = System.nanoTime();
                throw new RedisConnectionException("Idle connection to " + c.address()
                        + " did not answer PING; discarding it");
            }
        }

        @Override
        public void destroyObject(PooledObject<RedisConnection> p) {
            tracked.remove(p.getObject());
            p.getObject().close();
        }

        @Override
        public void passivateObject(PooledObject<RedisConnection> p) {
            RedisConnection c = p.getObject();
            if (c.config() != target.current()) {
                throw new RedisConnectionException("Connection to " + c.address() + " goes to a node that is no "
                        + "longer the primary; destroying it");
            }
            if (!c.isUsable() || !c.isClean()) {
                if (c.isUsable() && c.hasUnreadInput()) {
                    unreadInput(c);
                }
                throw new RedisConnectionException("Connection to " + c.address() + " is "
                        + (c.isUsable() ? "dirty" : "broken") + "; destroying it");
            }
            Tracked t = (Tracked) p;
            if (t.keepReturnTime) {
                t.keepReturnTime = false;
            } else {
                t.returnedNanos = System.nanoTime();
            }
        }

        @Override
        public boolean validateObject(PooledObject<RedisConnection> p) {
            RedisConnection c = p.getObject();
            return c.isUsable() && c.isClean() && c.ping();
        }
    }
}
