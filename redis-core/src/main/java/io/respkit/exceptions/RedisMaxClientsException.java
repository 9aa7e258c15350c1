package io.respkit.exceptions;

/**
 * The server refused the connection because it already serves {@code maxclients} clients
 * ({@code -ERR max number of clients reached}). Raised while connecting; the refused connection is closed. Retrying
 * later, or with fewer connections in the pool, can succeed.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisMaxClientsException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code ({@code ERR})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisMaxClientsException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
