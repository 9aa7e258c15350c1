package io.respkit.internal.multiplex;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.commands.Command;
import io.respkit.connection.RedisConfig;
import io.respkit.internal.connection.CallDeadline;
import io.respkit.internal.connection.NodeTarget;
import io.respkit.protocol.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Owns the shared {@link MultiplexedConnection} of a client: opens it on first use, and replaces it after it failed,
 * so one failure costs only the commands that were in flight. Decides which commands may share it, from their
 * specs. Following a Sentinel-monitored primary, it opens a new connection once the primary has moved, and closes the
 * old one after the commands still in flight on it had their time to answer.
 *
 * <p>Thread-safe. The connection is opened (connect and handshake) under a {@link ReentrantLock}, not a monitor:
 * callers that wait for it meanwhile, maybe thousands of virtual threads, park without pinning their carriers.
 */
public final class Multiplexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Multiplexer.class);

    /** Threads holding asynchronous commands during a switch of primary; idle ones end after a minute. */
    private static final java.util.concurrent.ExecutorService HOLD = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "respkit-switch-hold");
                t.setDaemon(true);
                return t;
            });

    private final NodeTarget target;
    /** Connections to an earlier primary, closed once their commands had time to answer, or on {@link #close}. */
    private final java.util.Set<MultiplexedConnection> retired = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Consumer<PushMessage> pushHandler;
    private final ReentrantLock openLock = new ReentrantLock();
    private volatile MultiplexedConnection current;
    private volatile boolean closed;

    /**
     * Creates the owner; nothing is opened until the first command.
     *
     * @param config the configuration
     * @param pushHandler receives RESP3 push frames
     */
    public Multiplexer(RedisConfig config, Consumer<PushMessage> pushHandler) {
        this(NodeTarget.fixed(config), pushHandler);
    }

    /**
     * Creates the owner for a node that may move; nothing is opened until the first command.
     *
     * @param target where to connect
     * @param pushHandler receives RESP3 push frames
     */
    public Multiplexer(NodeTarget target, Consumer<PushMessage> pushHandler) {
        this.target = target;
        this.pushHandler = pushHandler;
    }

    /**
     * Returns whether a command may run on the shared connection: its {@linkplain Command#spec() spec} does not ask
     * for a {@linkplain io.respkit.commands.CommandSpec#isDedicated() dedicated} connection (it neither blocks nor
     * changes connection state), and it was not marked {@linkplain Command#blocking blocking} either.
     *
     * @param command the command
     * @return {@code true} when it may be multiplexed
     */
    public static boolean shareable(Command<?> command) {
        return !command.spec().isDedicated() && command.blockMillis() < 0;
    }

    /**
     * Runs a command on the shared connection and waits for its reply. The configured timeout is enforced by the
     * connection's watchdog: once the oldest command on it is overdue (checked every tenth of the timeout, at most
     * every 100 ms), every command on it fails with a {@link RedisTimeoutException}.
     *
     * @param command a shareable command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws io.respkit.exceptions.RedisServerException when the server answered with an error
     * @throws RedisTimeoutException when no reply came in time; the shared connection is replaced
     * @throws RedisConnectionException when the connection failed; it is replaced
     * @throws RedisInterruptedException when the calling thread was interrupted before the command was sent
     *         (nothing was sent) or while it waited (the command still runs; its reply is dropped)
     */
    public <T> T execute(Command<T> command) {
        if (Thread.currentThread().isInterrupted()) {
            throw new RedisInterruptedException("Interrupted before " + command.name() + " was sent to "
                    + target.current().address() + "; nothing was sent");
        }
        target.awaitSettled(target.current().timeout().toNanos());
        MultiplexedConnection c = connection();
        SyncCall<T> call = c.call(command);
        long deadline = command.blockMillis() < 0 ? CallDeadline.get() : 0;
        if (!call.await(deadline)) {
            if (!Thread.currentThread().isInterrupted()) {
                throw new RedisTimeoutException("No reply to " + command.name() + " on " + c.address()
                        + " before the call's deadline; it may still run", null);
            }
            throw new RedisInterruptedException("Interrupted while waiting for " + command.name() + " on "
                    + c.address());
        }
        return call.result(); // a timeout arrives as the connection's failure, set by its watchdog
    }

    /**
     * Submits a command to the shared connection without waiting.
     *
     * @param command a shareable command
     * @param <T> the reply type
     * @return the future reply
     * @throws RedisConnectionException when no connection can be opened
     */
    public <T> CompletableFuture<T> submit(Command<T> command) {
        if (!target.isSettled()) {
            return submitWhenSettled(command);
        }
        return connection().submit(command);
    }

    /**
     * Holds a command while a switch of primary is under way, as {@link #execute} holds a caller, but on a thread of
     * its own: the caller of an asynchronous command never waits.
     */
    private <T> CompletableFuture<T> submitWhenSettled(Command<T> command) {
        CompletableFuture<T> held = new CompletableFuture<>();
        HOLD.execute(() -> {
            target.awaitSettled(target.current().timeout().toNanos());
            try {
                connection().submit(command).whenComplete((value, error) -> {
                    if (error != null) {
                        held.completeExceptionally(error);
                    } else {
                        held.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                held.completeExceptionally(e);
            }
        });
        return held;
    }

    /**
     * Opens the shared connection unless a usable one is open, so that a caller can tell a node it cannot reach
     * (nothing sent) from a connection that failed under a command it sent.
     *
     * @throws RedisConnectionException when no connection can be opened
     * @throws RedisException when this owner was closed
     */
    public void open() {
        connection();
    }

    /**
     * Returns whether a usable shared connection is open now, so that a command would not wait for one to be opened.
     *
     * @return {@code true} when {@link #submit} would not connect first
     */
    public boolean isConnected() {
        MultiplexedConnection c = current;
        return c != null && c.isUsable();
    }

    /**
     * Fails the current shared connection (if any) with {@code cause}, so that the next command opens a new one.
     *
     * @param cause why, e.g. a timeout seen by an asynchronous caller
     */
    public void failCurrent(RedisException cause) {
        MultiplexedConnection c = current;
        if (c != null) {
            c.fail(cause);
        }
    }

    private MultiplexedConnection connection() {
        MultiplexedConnection c = current;
        RedisConfig node = target.current();
        if (c != null && c.isUsable() && c.config() == node) {
            return c;
        }
        openLock.lock();
        try {
            if (closed) {
                throw new RedisException("Client for " + node.address() + " is closed");
            }
            c = current;
            node = target.current();
            if (c == null || !c.isUsable() || c.config() != node) {
                if (c != null && c.isUsable()) {
                    retire(c);
                } else if (c != null) {
                    log.debug("Replacing failed multiplexed connection to {}", node.address());
                }
                c = MultiplexedConnection.open(node, pushHandler);
                current = c;
            }
            return c;
        } finally {
            openLock.unlock();
        }
    }

    /**
     * Closes a connection to a node that is no longer the primary once the commands in flight on it had their
     * timeout to answer: closing it now would fail commands the old primary may well have run.
     */
    private void retire(MultiplexedConnection old) {
        log.debug("Primary moved; closing the multiplexed connection to {} after its commands in flight",
                old.address());
        retired.add(old);
        long delay = old.config().timeout().toMillis() * 2 + 100;
        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
            retired.remove(old);
            old.close();
        });
    }

    /** @return the shared connection as it stands, possibly failed, or {@code null} before the first command */
    MultiplexedConnection current() {
        return current;
    }

    /** Closes the shared connection; later calls fail. */
    @Override
    public void close() {
        openLock.lock();
        try {
            closed = true;
            MultiplexedConnection c = current;
            if (c != null) {
                c.close();
            }
            retired.forEach(MultiplexedConnection::close);
            retired.clear();
        } finally {
            openLock.unlock();
        }
    }
}
