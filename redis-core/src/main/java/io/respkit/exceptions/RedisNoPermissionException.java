package io.respkit.exceptions;

/**
 * The authenticated ACL user may not run the command or touch the key ({@code NOPERM}). Retrying cannot succeed
 * until the user's ACL rules change; the connection stays healthy.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisNoPermissionException extends RedisAuthenticationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code ({@code NOPERM})
     * @param serverMessage the server's message, already cleaned of echoed arguments and secrets
     * @param message what was refused, naming the command and server
     */
    public RedisNoPermissionException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
