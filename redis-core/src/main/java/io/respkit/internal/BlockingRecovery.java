package io.respkit.internal;

import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.connection.OwedReplies;
import io.respkit.connection.RedisConnection;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.Decoders;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolStats;
import io.respkit.pool.PooledConnection;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.RespReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finishes, in the background, a blocking command whose caller gave up on it (interrupted, or its future cancelled
 * or timed out), so that no item is lost. Thread-safe.
 *
 * <p>The command is unblocked on the server with {@code CLIENT UNBLOCK} from a pooled connection, before it takes
 * anything; when it took items all the same (they came before the unblock), they are put back where they came from
 * ({@link PutBacks}). The connection that ran the command goes back to the pool once every reply owed on it was
 * read, and is closed otherwise.
 *
 * <p>When the server's id for the connection is unknown (a RESP2 server that refused {@code CLIENT ID}) or
 * {@code CLIENT UNBLOCK} is refused (an ACL user without {@code CLIENT}), the reply is awaited until the command's own
 * block time is over, and whatever it brings is put back; a command that blocks forever cannot be waited out, so
 * its connection is closed at once, which unblocks it on the server too (an item the server handed it in the instant
 * before the close would then be lost: grant {@code CLIENT} or use a finite block time to rule that out).
 *
 * <p>Its threads are daemons named {@code respkit-recovery-*}, created on demand and ended after a second idle.
 */
public final class BlockingRecovery {

    private static final Logger log = LoggerFactory.getLogger(BlockingRecovery.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long one read of an owed reply waits before the command is unblocked (again). */
    private static final int SLICE_MILLIS = 50;

    private static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "respkit-recovery-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private BlockingRecovery() {
    }

    /**
     * Takes over a leased connection whose caller gave up while waiting for the replies to {@code owed} (its
     * {@link RedisConnection#owedReplies()} is set), when one of them is a blocking command: the lease is moved to a
     * recovery thread, and the caller's own lease is closed without giving the connection back. Otherwise nothing
     * happens, and closing the caller's lease destroys the connection.
     *
     * @param lease the caller's lease
     * @param owed the commands whose replies are owed, oldest first, starting with the one being read when the caller
     *             gave up
     * @return {@code true} when the recovery took the connection over; the caller must then leave it alone
     */
    public static boolean takeOver(PooledConnection lease, List<? extends Command<?>> owed) {
        OwedReplies replies = lease.connection().owedReplies();
        if (replies == null || owed.stream().noneMatch(c -> c.blockMillis() >= 0)) {
            return false;
        }
        PooledConnection mine = lease.transfer();
        List<Command<?>> commands = List.copyOf(owed);
        EXECUTOR.execute(() -> recover(mine, replies, commands));
        return true;
    }

    /**
     * Like {@link #takeOver(PooledConnection, List)} for a connection that runs one command at a time: what is owed
     * is the reply to the command its caller was waiting for.
     *
     * @param lease the caller's lease
     * @return {@code true} when the recovery took the connection over
     */
    public static boolean takeOver(PooledConnection lease) {
        OwedReplies replies = lease.connection().owedReplies();
        return replies != null && takeOver(lease, List.of(replies.command()));
    }

    /**
     * Runs a blocking pop on a leased connection and returns its raw reply, so that what it took can be put back
     * ({@link #putBack}) should its caller turn out to have given up meanwhile. Like
     * {@link RedisConnection#execute(Command)} otherwise, and an interrupt while waiting hands the connection to
     * {@link #takeOver(PooledConnection)}.
     *
     * @param lease the lease
     * @param pop the blocking pop
     * @return the raw reply, not an error
     * @throws io.respkit.exceptions.RedisServerException when the server answered with an error
     * @throws io.respkit.exceptions.RedisInterruptedException when the calling thread was interrupted before or while waiting
     * @throws io.respkit.exceptions.RedisConnectionException when the connection failed
     */
    public static Object executeRaw(PooledConnection lease, Command<?> pop) {
        RedisConnection c = lease.connection();
        if (Thread.currentThread().isInterrupted()) {
            throw new RedisInterruptedException("Interrupted before " + pop.name() + " was sent to " + c.address()
                    + "; nothing was sent");
        }
        OwedReplies.askClientIdAhead(c, pop);
        c.send(pop);
        c.flush(pop);
        Object reply;
        try {
            reply = c.readReply(pop);
        } catch (RedisInterruptedException e) {
            takeOver(lease);
            throw e;
        }
        if (reply instanceof ErrorReply error) {
            throw Errors.fromReply(error, pop.name(), c.address());
        }
        c.trackSuccess(pop);
        return reply;
    }

    /**
     * Puts back what a blocking pop took, when its caller gave up after the reply was read (an asynchronous caller
     * whose future was completed first); on the calling thread, with a pooled connection.
     *
     * @param pool where to borrow the connection
     * @param pop the blocking pop
     * @param reply its raw reply
     */
    public static void putBack(ConnectionPool pool, Command<?> pop, Object reply) {
        putBack(pop, reply, putBack -> run(pool, putBack));
    }

    /**
     * Puts back what a pop of a pipeline or transaction took when its caller had already given up on its response
     * (cancelled or completed it) by the time the reply was read; on the connection that read it, which is healthy
     * and still the caller's.
     *
     * @param connection the connection the pop ran on
     * @param pop the blocking pop
     * @param reply its raw reply
     */
    public static void putBack(RedisConnection connection, Command<?> pop, Object reply) {
        putBack(pop, reply, connection::execute);
    }

    /**
     * Builds the put-back for what {@code pop} took and has {@code runner} run it (e.g. through a cluster router, to
     * the node that owns the key now); a failure is logged as a loss, never thrown.
     *
     * @param pop the blocking pop
     * @param reply its raw reply
     * @param runner runs the put-back command
     */
    public static void putBack(Command<?> pop, Object reply, java.util.function.Consumer<Command<Object>> runner) {
        try {
            Command<Object> putBack = PutBacks.of(pop, reply);
            if (putBack != null) {
                runner.accept(putBack);
                log.debug("Put back what {} took after its caller gave up", pop.name());
            }
        } catch (RedisException e) {
            log.error("Could not put back what {} took after its caller gave up; it is lost: {}", pop.name(),
                    e.getMessage());
        }
    }

    private static void recover(PooledConnection lease, OwedReplies replies, List<Command<?>> owed) {
        ConnectionPool pool = lease.pool();
        long timeoutMillis = pool.config().timeout().toMillis();
        boolean resumed = false;
        try {
            for (Command<?> command : owed) {
                Object reply = command.blockMillis() >= 0 ? unblocked(pool, replies, command, timeoutMillis)
                        : replies.read(millis(timeoutMillis));
                if (reply == RespReader.INCOMPLETE) {
                    log.warn("Closing the connection to {}: no reply to {} in time after its caller gave up",
                            pool.config().address(), command.name());
                    return;
                }
                putBack(pool, command, reply);
            }
            resumed = replies.resume();
        } catch (RedisException e) {
            log.warn("Closing the connection to {}: could not read the reply to {} after its caller gave up: {}",
                    pool.config().address(), owed.get(0).name(), e.getMessage());
        } finally {
            if (!resumed) {
                lease.connection().close();
            }
            lease.close();
        }
    }

    /**
     * Reads the reply to a blocking command, unblocking it on the server whenever it is blocked there. Gives up
     * ({@link RespReader#INCOMPLETE}) when the command was not found blocked for a whole read timeout, or when it
     * cannot be unblocked and its block time is over (or infinite).
     */
    private static Object unblocked(ConnectionPool pool, OwedReplies replies, Command<?> command,
            long timeoutMillis) {
        long block = command.blockMillis();
        long start = System.nanoTime();
        boolean mayUnblock = true;
        for (;;) {
            long id = replies.clientId();
            if (id > 0 && mayUnblock) {
                Object unblocked;
                try {
                    unblocked = run(pool, Command.create(StringCodec.UTF8, CommandSpecs.CLIENT_UNBLOCK,
                            Decoders.raw()).arg(id));
                } catch (RedisException e) {
                    // Refused (an ACL user without CLIENT, a server before 5.0) or no connection to send it on.
                    log.debug("Cannot unblock {} on {}: {}", command.name(), pool.config().address(), e.getMessage());
                    unblocked = null;
                    mayUnblock = false;
                }
                if (Long.valueOf(1).equals(unblocked)) {
                    // Unblocked as if its block time had passed: the reply, a nil, is on its way.
                    log.debug("Unblocked {} on {} after its caller gave up", command.name(), pool.config().address());
                    return replies.read(millis(timeoutMillis));
                }
                // 0: not blocked, yet (the server has not read the command) or any more (the reply is on its way).
            }
            Object reply = replies.read(SLICE_MILLIS);
            if (reply != RespReader.INCOMPLETE) {
                return reply;
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (waited < timeoutMillis && (mayUnblock && id > 0 || id < 0)) {
                continue; // found not blocked, or the id is still on its way (over RESP2 it comes with the reply)
            }
            if (mayUnblock && id > 0 || block == 0 || waited > block + timeoutMillis) {
                return RespReader.INCOMPLETE;
            }
        }
    }

    private static int millis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, millis));
    }

    /**
     * Runs a command for the recovery on a pooled connection, or on a new one when the pool has none to give (it is
     * exhausted, maybe by blocked callers, or was closed meanwhile).
     */
    private static Object run(ConnectionPool pool, Command<Object> command) {
        PooledConnection lease = null;
        PoolStats stats = pool.stats();
        // A full pool (its connections held by blocked callers, say) would keep the recovery waiting.
        if (!pool.isClosed() && (stats.idle() > 0 || stats.active() < stats.maxTotal())) {
            try {
                lease = pool.borrow();
            } catch (RedisException e) {
                log.debug("No pooled connection to {} for {}: {}", pool.config().address(), command.name(),
                        e.getMessage());
            }
        }
        if (lease != null) {
            try (PooledConnection helper = lease) {
                return helper.connection().execute(command);
            }
        }
        try (RedisConnection helper = RedisConnection.open(pool.config())) {
            return helper.execute(command);
        }
    }
}
