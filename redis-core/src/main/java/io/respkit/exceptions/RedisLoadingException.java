package io.respkit.exceptions;

/**
 * The server is still loading its dataset into memory and refused the command ({@code -LOADING}). The
 * condition is transient: the same command succeeds once loading finished, so it may be retried with back-off up to
 * a deadline. The connection stays healthy.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisLoadingException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code ({@code LOADING})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisLoadingException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
