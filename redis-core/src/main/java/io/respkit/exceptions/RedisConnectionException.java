package io.respkit.exceptions;

/**
 * The connection to the server failed: it could not be opened, an I/O error occurred, or the server went away.
 * A connection that raised this exception is broken and is never reused.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisConnectionException extends RedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the command and host:port
     */
    public RedisConnectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, naming the command and host:port
     * @param cause the I/O failure
     */
    public RedisConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
