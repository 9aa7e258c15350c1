package io.respkit.exceptions;

/**
 * A {@code WATCH}-guarded transaction was aborted by concurrent changes more times than its retry limit allows.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisTransactionAbortedException extends RedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message how many attempts were made
     */
    public RedisTransactionAbortedException(String message) {
        super(message);
    }
}
