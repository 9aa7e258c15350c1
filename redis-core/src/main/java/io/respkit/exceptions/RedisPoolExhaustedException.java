package io.respkit.exceptions;

/**
 * No connection could be borrowed from the pool within its maximum wait. The message gives the pool's maximum size,
 * and how many connections were active, idle and waited for at the time.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisPoolExhaustedException extends RedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the pool's state at the time
     * @param cause the pool's own exception
     */
    public RedisPoolExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
