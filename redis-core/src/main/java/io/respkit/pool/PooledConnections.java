package io.respkit.pool;

import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.internal.connection.NodeTarget;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The life of {@link ConnectionPool}'s connections inside commons-pool2, as its factory: opening one within
 * {@link PoolGate}'s bound, the checks of an idle one before it is handed out (unread input, the probe, {@code PING}),
 * which connections are stale (opened before a failure), refusing a broken or dirty one given back, and closing a
 * destroyed one outside commons-pool2's monitors.
 *
 * <p>Thread-safe.
 */
final class PooledConnections extends BasePooledObjectFactory<RedisConnection> {

    private static final Logger log = LoggerFactory.getLogger(ConnectionPool.class);

    /**
     * How young a connection is when the borrow that opened it activates it: younger ones are never checked on their
     * first activation (commons-pool2 would report a refusal as an exhausted pool); older ones were opened by the
     * evictor for {@code minIdle} and sat idle.
     */
    private static final long FIRST_USE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * A connection idle at least this long, but not long enough to be probed, is checked for unread input as it is
     * borrowed (about a microsecond): a reply too many that arrived meanwhile never reaches the next caller. A
     * connection taken back within this time, in a caller's tight loop, is not checked.
     */
    private static final long INPUT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final NodeTarget target;
    private final PoolGate gate;
    /** {@link PoolConfig#probeAfterIdle()} in nanoseconds, 0 when the probe is off. */
    private final long probeAfterNanos;
    /** The wrappers of live connections, to find a connection's timestamps after a commons-pool2 borrow. */
    private final Map<RedisConnection, Tracked> tracked = new ConcurrentHashMap<>();
    /** Connections opened before this {@link System#nanoTime()} are stale: a connection failed after they opened. */
    private volatile long staleBeforeNanos = System.nanoTime();
    /** Whether a connection with unread input was reported at WARN: a faulty proxy would otherwise flood the log. */
    private volatile boolean warnedUnread;
    /** The thread closing the pool, whose commons-pool2 close destroys the idle connections inside a monitor. */
    private volatile Thread closer;
    /** Connections destroyed by {@link #closer} inside commons-pool2's close, closed after it. */
    private final Queue<RedisConnection> closeAfterPool = new ConcurrentLinkedQueue<>();

    PooledConnections(NodeTarget target, PoolGate gate) {
        this.target = target;
        this.gate = gate;
        this.probeAfterNanos = target.current().pool().probeAfterIdle().toNanos();
    }

    /** @return the wrapper of a live connection */
    Tracked tracked(RedisConnection c) {
        return tracked.get(c);
    }

    /** Makes every connection opened until now stale: a connection failed, so they may all be dead. */
    void markStale() {
        staleBeforeNanos = System.nanoTime();
    }

    /** @return whether it was opened before the last failure, or for a node that is no longer the one */
    boolean isStale(Tracked t) {
        return t.createdNanos - staleBeforeNanos < 0 || t.getObject().config() != target.current();
    }

    /**
     * Runs commons-pool2's close on this thread; the connections it destroys inside its close lock are closed after.
     *
     * @param close commons-pool2's close
     */
    void closing(Runnable close) {
        closer = Thread.currentThread();
        try {
            close.run();
        } finally {
            closer = null;
        }
        RedisConnection c;
        while ((c = closeAfterPool.poll()) != null) {
            c.close();
        }
    }

    /**
     * Opens a connection, unless {@code maxTotal} are open or being opened: then {@link PoolGate#AT_CAPACITY},
     * which a borrower holding a lease answers by looking again. Outside every commons-pool2 monitor: its
     * {@code create()} calls this after its counting block, and {@code returnObject} never does (nobody waits inside
     * commons-pool2, see {@link ConnectionPool}).
     */
    @Override
    public RedisConnection create() throws Exception {
        gate.reserve();
        try {
            return RedisConnection.open(target.current());
        } catch (RuntimeException | Error e) {
            gate.gone();
            throw e;
        }
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
        if (isStale(t)) {
            throw new RedisConnectionException("Connection to " + c.address()
                    + " was opened before a connection failure; discarding it");
        }
        long idle = System.nanoTime() - t.returnedNanos;
        if (!idleCheck(c, idle)) {
            throw new RedisConnectionException("Idle connection to " + c.address() + " was "
                    + (c.isBroken() ? "closed by the server" : "sent bytes no command asked for")
                    + "; discarding it");
        }
        long idleLimit = target.current().pool().validateAfterIdle().toNanos();
        if (idleLimit > 0 && idle >= idleLimit && !c.ping()) {
            // A dead idle connection says the same as a failed one: the others opened before it are suspect.
            markStale();
            throw new RedisConnectionException("Idle connection to " + c.address()
                    + " did not answer PING; discarding it");
        }
    }

    @Override
    public void destroyObject(PooledObject<RedisConnection> p) {
        Tracked t = (Tracked) p;
        RedisConnection c = t.getObject();
        tracked.remove(c);
        if (t.destroyed.compareAndSet(false, true)) {
            gate.gone();
        }
        if (t.leaveCloseToReturner()) {
            return; // inside returnObject's monitor: the thread giving it back closes it after
        }
        if (closer == Thread.currentThread()) {
            closeAfterPool.add(c); // inside commons-pool2's close lock: closed after it
            return;
        }
        c.close();
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

    /**
     * Checks a connection idle for {@code idle} nanoseconds before it is handed out (from the slot or commons-pool2):
     * nothing in a tight loop, a look for unread input after a moment, the probe after
     * {@link PoolConfig#probeAfterIdle()}.
     *
     * @return {@code true} when it can be handed out
     */
    boolean idleCheck(RedisConnection c, long idle) {
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
     */
    private boolean probe(RedisConnection c) {
        if (c.checkIdle(true)) {
            return true;
        }
        if (c.isBroken()) {
            markStale();
            log.debug("Idle connection to {} was closed by the server; connections opened before it will not be "
                    + "reused", address());
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

    private String address() {
        RedisConfig config = target.current();
        return config.address();
    }
}
