package io.respkit.exceptions;

/**
 * The server requires authentication and the connection is not authenticated ({@code NOAUTH}): no password is
 * configured, or the server started requiring one. Retrying without configuring credentials cannot succeed.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisNoAuthException extends RedisAuthenticationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, naming the server, never the password
     */
    public RedisNoAuthException(String message) {
        super("NOAUTH", message);
    }
}
