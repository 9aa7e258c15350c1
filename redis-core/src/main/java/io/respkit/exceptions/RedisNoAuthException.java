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
     * @param code the server's error code ({@code NOAUTH})
     * @param serverMessage the server's message, already cleaned of echoed arguments and secrets
     * @param message what was refused, naming the command or the server, never the password
     */
    public RedisNoAuthException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
