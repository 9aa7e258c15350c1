package io.respkit.exceptions;

/**
 * The server refused a command that may grow memory because it is at its {@code maxmemory} limit and its
 * eviction policy freed nothing ({@code -OOM}). Reads and deletes still work; the connection stays healthy.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisOutOfMemoryException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code ({@code OOM})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisOutOfMemoryException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
