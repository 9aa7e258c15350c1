package io.respkit.exceptions;

/**
 * A connect or read timed out. The connection is broken and is destroyed: its late reply can never reach another
 * caller.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisTimeoutException extends RedisConnectionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what timed out, naming the command, host:port and the timeout
     * @param cause the underlying timeout, may be {@code null}
     */
    public RedisTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
