package io.respkit.exceptions;

/**
 * The command cannot run the way it was issued, because respkit could not read its replies correctly: for example
 * {@code SUBSCRIBE} through {@link RedisClient#execute(String, Object...)} (subscriptions need
 * {@link RedisClient#subscriber()}), or {@code CLIENT REPLY OFF}, after which the server stops answering. Raised
 * before anything is sent; the connection stays healthy and is reused. The message says what to use instead.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisUnsupportedCommandException extends RedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which command, why, and what to use instead
     */
    public RedisUnsupportedCommandException(String message) {
        super(message);
    }
}
