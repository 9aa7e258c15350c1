package io.respkit.exceptions;

/**
 * The server is a replica that lost its link to its primary and is configured not to serve stale data
 * ({@code replica-serve-stale-data no}), so it refuses the command ({@code -MASTERDOWN}). Transient until the link
 * is restored; the connection stays healthy.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisMasterDownException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code ({@code MASTERDOWN})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisMasterDownException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
