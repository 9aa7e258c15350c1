package io.respkit;

import io.respkit.codec.RedisCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The typed API on one connection of its own, opened outside any pool and kept until it is closed. Not thread-safe:
 * one thread at a time runs commands on it; only {@link #close()} and {@link #isOpen()} may be called from any
 * thread.
 *
 * <p>For work that would hold a pooled connection for long, such as a consumer looping on {@code BRPOP} or
 * {@code BLMOVE}, or that must stay on one connection. Every typed command ({@link RedisCommands}),
 * {@linkplain #pipeline() pipelines} and {@linkplain #multi() transactions} run here with the same command
 * definitions as on {@link RedisClient}, and a blocking command waits its block time on top of the read timeout.
 *
 * <pre>{@code
 * try (DedicatedConnection<byte[]> c = DedicatedConnection.open(config, ByteArrayCodec.INSTANCE)) {
 *     while (running) {
 *         KeyValue<byte[]> job = c.brpop(Duration.ofSeconds(5), "jobs");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p><b>Failures.</b> An error reply ({@link RedisServerException}) leaves the connection open. A connection failure,
 * a timeout, a malformed reply or an interrupt while waiting for a reply closes it for good: {@link #isOpen()} turns
 * {@code false}, and the owner opens a new one. Unlike {@link RedisClient}, nothing is retried, and a blocking pop
 * whose caller is interrupted is not finished in the background: closing the connection ends the pop on the server,
 * and an item the server handed it in the instant before is lost with the connection (keep such items in a
 * processing list, {@code BLMOVE}, when that matters).
 *
 * <p><b>Cutting off.</b> {@link #close()} from another thread makes a command blocked on this connection fail at once
 * with {@link RedisConnectionException}; that is how an owner stops a consumer that is waiting in a blocking pop.
 *
 * @param <V> the value type
 */
public final class DedicatedConnection<V> implements RedisCommands<V>, AutoCloseable {

    private final RedisConnection connection;
    private final RedisCodec<V> codec;

    private DedicatedConnection(RedisConnection connection, RedisCodec<V> codec) {
        this.connection = connection;
        this.codec = codec;
    }

    /**
     * Opens a connection with string values in the configured charset.
     *
     * @param config where to connect and how
     * @return the open connection
     * @throws RedisConnectionException when the server cannot be reached (a {@link RedisTimeoutException} when it
     *         did not answer in time)
     * @throws RedisAuthenticationException when the server refused the credentials
     * @throws RedisServerException when the server refused another step of the handshake (e.g. {@code SELECT})
     */
    public static DedicatedConnection<String> open(RedisConfig config) {
        return open(config, StringCodec.of(config.charset()));
    }

    /**
     * Opens a connection with a codec of your choice.
     *
     * @param config where to connect and how
     * @param codec the value codec
     * @param <V> the value type
     * @return the open connection
     * @throws RedisConnectionException when the server cannot be reached (a {@link RedisTimeoutException} when it
     *         did not answer in time)
     * @throws RedisAuthenticationException when the server refused the credentials
     * @throws RedisServerException when the server refused another step of the handshake (e.g. {@code SELECT})
     */
    public static <V> DedicatedConnection<V> open(RedisConfig config, RedisCodec<V> codec) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(codec, "codec");
        return new DedicatedConnection<>(RedisConnection.open(config), codec);
    }

    /**
     * Runs one command on this connection.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisServerException when the server answered with an error; the connection stays open
     * @throws RedisTimeoutException when no reply came in time; the connection is closed
     * @throws RedisConnectionException when the connection failed or was closed; it is (then) closed
     * @throws RedisInterruptedException when the calling thread was interrupted: before the command was sent
     *         (nothing was sent, the connection stays open) or while it waited for the reply (the connection is
     *         closed)
     * @throws io.respkit.exceptions.RedisUnsupportedCommandException at once, with nothing sent, for a command
     *         whose replies no caller could read ({@code SUBSCRIBE} and its relatives, {@code CLIENT REPLY OFF})
     */
    @Override
    public <T> T execute(Command<T> command) {
        try {
            return connection.execute(command);
        } catch (RedisException e) {
            closeIfUnusable();
            throw e;
        }
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /**
     * Opens a pipeline on this connection with the default options (raise on error, flush every 1000, not
     * transactional). It runs as one from {@link RedisClient#pipeline()} does, on this connection instead of a
     * borrowed one; a round whose replies can no longer be read (a connection failure, an interrupt, a pipeline
     * closed with commands in flight) closes this connection.
     *
     * @return the pipeline
     */
    public Pipeline<V> pipeline() {
        return pipeline(PipelineOptions.DEFAULT);
    }

    /**
     * Opens a pipeline on this connection; see {@link #pipeline()}.
     *
     * @param options error mode, batch size and whether rounds are wrapped in {@code MULTI}/{@code EXEC}
     * @return the pipeline
     */
    public Pipeline<V> pipeline(PipelineOptions options) {
        return new Pipeline<>(codec, connection, Objects.requireNonNull(options, "options"));
    }

    /**
     * Opens a {@code MULTI}/{@code EXEC} transaction on this connection: queued commands are sent with {@code MULTI}
     * and {@code EXEC} in one round trip when it is {@linkplain Transaction#exec() executed}. Closing it discards it
     * when it was not executed, and leaves this connection open.
     *
     * @return the transaction
     */
    public Transaction<V> multi() {
        return new Transaction<>(codec, null, connection);
    }

    /**
     * Queues commands in a transaction on this connection and executes it atomically.
     *
     * @param body queues the commands
     * @return each command's result in order, failed ones as exceptions
     * @throws RedisExecAbortException when the server rejected a command while queueing; nothing ran
     * @throws RedisConnectionException when the connection failed; whether the transaction ran is unknown, and the
     *         connection is closed
     * @throws RedisInterruptedException when the calling thread was interrupted; see {@link Transaction#exec()}
     */
    public TransactionResult multi(Consumer<Transaction<V>> body) {
        try (Transaction<V> tx = multi()) {
            body.accept(tx);
            return tx.exec();
        } catch (RedisException e) {
            closeIfUnusable();
            throw e;
        }
    }

    /**
     * Returns the configuration this connection was opened with (the very instance): for a client following a
     * Sentinel-monitored primary, compare it with {@code client.pool().config()} to tell whether the primary has moved
     * since.
     *
     * @return the configuration
     */
    public io.respkit.connection.RedisConfig config() {
        return connection.config();
    }

    /**
     * Returns whether commands can still run here: {@code false} once it was closed, failed, or its caller was
     * interrupted while waiting for a reply. Any thread may call it.
     *
     * @return {@code true} while the connection is usable
     */
    public boolean isOpen() {
        return connection.isUsable();
    }

    /**
     * Closes the connection. Idempotent; any thread may call it, and a command blocked on the connection then fails
     * with {@link RedisConnectionException}.
     */
    @Override
    public void close() {
        connection.close();
    }

    /** A connection that can serve no one any more still holds its socket until closed: release it now. */
    private void closeIfUnusable() {
        if (!connection.isUsable()) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "DedicatedConnection[" + connection.address() + (isOpen() ? "" : ", closed") + ", " + codec + "]";
    }
}
