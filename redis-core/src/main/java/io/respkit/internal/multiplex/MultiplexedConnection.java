package io.respkit.internal.multiplex;

import io.respkit.RedisConnectionException;
import io.respkit.RedisException;
import io.respkit.RedisProtocolException;
import io.respkit.commands.Command;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.internal.Errors;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One connection shared by many threads with automatic pipelining. Callers submit commands to a queue; whichever
 * caller gets the write lock writes every queued command (its own and other callers') into the buffer and flushes
 * once, so commands that arrive together share one socket write. A dedicated reader thread matches replies to
 * commands in order and completes their futures. RESP3 push frames go to the push handler, never to a command.
 *
 * <p>Thread-safe. Any I/O error, protocol error or caller timeout fails every command in flight with a typed
 * exception and kills the connection for good; {@link Multiplexer} then opens a fresh one. Commands that change
 * connection state or block must never be submitted here (see {@link Multiplexer#shareable(Command)}).
 */
public final class MultiplexedConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MultiplexedConnection.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final RedisConnection connection;
    private final String address;
    private final Consumer<PushMessage> pushHandler;
    private final ConcurrentLinkedQueue<Pending<?>> submitted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Pending<?>> inflight = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Thread reader;
    private volatile RedisException failure;

    private MultiplexedConnection(RedisConnection connection, Consumer<PushMessage> pushHandler) {
        this.connection = connection;
        this.address = connection.address();
        this.pushHandler = pushHandler;
        connection.enterMultiplexedMode();
        this.reader = new Thread(this::readLoop, "respkit-multiplexed-reader-" + IDS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens a connection (with the usual handshake) and starts its reader thread.
     *
     * @param config the configuration
     * @param pushHandler receives RESP3 push frames on the reader thread
     * @return the connection
     * @throws RedisConnectionException when the server cannot be reached
     * @throws io.respkit.RedisAuthenticationException when the credentials are refused
     */
    public static MultiplexedConnection open(RedisConfig config, Consumer<PushMessage> pushHandler) {
        RedisConnection c = RedisConnection.open(config);
        try {
            return new MultiplexedConnection(c, pushHandler);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Submits a command. The future completes on the reader thread, so dependent stages without {@code Async}
     * also run there: keep them short.
     *
     * @param command a command that neither blocks nor changes connection state
     * @param <T> the reply type
     * @return the future reply; it fails with {@link io.respkit.RedisServerException} for an error reply and with
     *         {@link RedisConnectionException} (or a subtype) when the connection failed
     */
    public <T> Pending<T> submit(Command<T> command) {
        Pending<T> pending = new Pending<>(command);
        RedisException dead = failure;
        if (dead != null) {
            pending.completeExceptionally(dead);
            return pending;
        }
        submitted.add(pending);
        drainWrites();
        if (failure != null) {
            failAll(failure); // covers a failure that drained the queues just before this command was added
        }
        return pending;
    }

    private void drainWrites() {
        while (!submitted.isEmpty() && writeLock.tryLock()) {
            try {
                Pending<?> p;
                while ((p = submitted.poll()) != null) {
                    RedisException dead = failure;
                    if (dead != null) {
                        p.completeExceptionally(dead);
                        continue;
                    }
                    inflight.add(p); // before its bytes can reach the server, so its reply always finds it
                    connection.send(p.command);
                }
                connection.flush(null);
            } catch (RedisException e) {
                fail(e);
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void readLoop() {
        try {
            while (failure == null) {
                Object frame = connection.readNextFrame();
                if (frame instanceof PushMessage push) {
                    deliverPush(push);
                    continue;
                }
                Pending<?> p = inflight.poll();
                if (p == null) {
                    throw new RedisProtocolException("Reply from " + address + " without a pending command");
                }
                p.completeWith(frame, address);
            }
        } catch (RedisException e) {
            fail(e);
        } catch (RuntimeException | Error e) {
            fail(new RedisConnectionException("Multiplexed reader for " + address + " failed", e));
        }
    }

    private void deliverPush(PushMessage push) {
        try {
            pushHandler.accept(push);
        } catch (RuntimeException e) {
            log.warn("Push handler failed on a '{}' frame from {}", push.kind(), address, e);
        }
    }

    /**
     * Kills the connection: every command in flight or queued fails with {@code cause}.
     *
     * @param cause why
     */
    void fail(RedisException cause) {
        synchronized (this) {
            if (failure == null) {
                failure = cause;
                log.debug("Multiplexed connection to {} failed: {}", address, cause.getMessage());
            }
        }
        connection.markBroken();
        failAll(failure);
    }

    private void failAll(RedisException cause) {
        Pending<?> p;
        while ((p = inflight.poll()) != null) {
            p.completeExceptionally(cause);
        }
        while ((p = submitted.poll()) != null) {
            p.completeExceptionally(cause);
        }
    }

    /** @return {@code true} until the connection failed or was closed */
    public boolean isUsable() {
        return failure == null && connection.isUsable();
    }

    /** @return the number of commands written and waiting for their replies */
    public int inflightCount() {
        return inflight.size();
    }

    /** @return the server address */
    public String address() {
        return address;
    }

    /**
     * Closes the connection; commands still in flight fail with {@link RedisConnectionException}.
     */
    @Override
    public void close() {
        fail(new RedisConnectionException("Multiplexed connection to " + address + " was closed"));
    }

    @Override
    public String toString() {
        return "MultiplexedConnection[" + address + (failure != null ? ", failed" : "") + "]";
    }

    /**
     * A submitted command and its future reply; one object per command.
     *
     * <p>Thread-safe, as {@link CompletableFuture} is.
     *
     * @param <T> the reply type
     */
    public static final class Pending<T> extends CompletableFuture<T> {

        private final Command<T> command;

        Pending(Command<T> command) {
            this.command = command;
        }

        /** @return the command */
        public Command<T> command() {
            return command;
        }

        void completeWith(Object frame, String address) {
            if (frame instanceof ErrorReply error) {
                completeExceptionally(Errors.fromReply(error, command.name(), address));
                return;
            }
            try {
                complete(command.decode(frame));
            } catch (RedisException e) {
                completeExceptionally(e);
            }
        }
    }
}
