package io.respkit.exceptions;

/**
 * Root of respkit's unchecked exception hierarchy: every failure the client reports is a {@code RedisException}.
 *
 * <p>Instances are immutable and therefore thread-safe. Messages name the command and the server address, never
 * command arguments or credentials.
 */
public class RedisException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, without secrets or command arguments
     */
    public RedisException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, without secrets or command arguments
     * @param cause the underlying failure
     */
    public RedisException(String message, Throwable cause) {
        super(message, cause);
    }
}
