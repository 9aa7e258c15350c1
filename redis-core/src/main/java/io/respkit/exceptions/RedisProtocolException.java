package io.respkit.exceptions;

/**
 * The server sent bytes that are not valid RESP, or a reply that exceeds a configured limit (bulk length, aggregate
 * size, nesting depth, line length). The connection that read it is broken and is closed.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisProtocolException extends RedisException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was malformed
     */
    public RedisProtocolException(String message) {
        super(message);
    }
}
