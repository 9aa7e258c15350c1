package io.respkit.exceptions;

/**
 * The command writes, but the server is a read-only replica ({@code -READONLY}), for instance after a
 * failover demoted it. Send writes to the primary; the connection stays healthy.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisReadOnlyException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code ({@code READONLY})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisReadOnlyException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
