package io.respkit.exceptions;

/**
 * The calling thread was interrupted before its command was sent, or while it waited for a connection or a reply.
 * Immutable and thread-safe.
 *
 * <p>The thread's interrupt flag is kept set, and the caller gets this exception within about 100 ms of the
 * interrupt. When the interrupt came before the command was sent, nothing was sent and the connection stays in the
 * pool. When it came while the caller waited for the reply, what the command did on the server is unknown, and its
 * late reply never reaches another caller: the pooled connection is closed, except after a blocking pop
 * ({@code BLPOP}, {@code BRPOP}, {@code BRPOPLPUSH}, {@code BLMOVE}, {@code BLMPOP}, {@code BZPOPMIN},
 * {@code BZPOPMAX}, {@code BZMPOP}) run through {@link RedisClient} or a {@link Pipeline}, which respkit finishes in
 * the background so that no item is lost: it unblocks the pop on the server ({@code CLIENT UNBLOCK}) or, when the pop
 * took items all the same, puts them back where they came from, then returns the connection to the pool once the
 * reply was read. In the multiplexed mode the shared connection stays open: the command still runs and its reply
 * is dropped.
 *
 * <p>Not a {@link RedisConnectionException}: the connection did not fail, the caller gave up, so even a read-only
 * command is never retried ({@link io.respkit.connection.RedisConfig.Builder#retryReads(boolean)}).
 */
public final class RedisInterruptedException extends RedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was interrupted, naming the command and host:port
     */
    public RedisInterruptedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was interrupted, naming the command and host:port
     * @param cause the underlying interruption, may be {@code null}
     */
    public RedisInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
