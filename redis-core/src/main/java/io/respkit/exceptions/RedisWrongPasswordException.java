package io.respkit.exceptions;

/**
 * The server refused the user name and password ({@code WRONGPASS}): the password is wrong, the user does not
 * exist or is disabled. Retrying with the same credentials cannot succeed. The message names the user, never the
 * password. When a connection is opened with wrong credentials, this is what opening it (and so the command that
 * needed it) throws.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisWrongPasswordException extends RedisAuthenticationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the error code ({@code WRONGPASS}, also for servers before 6.0 that say {@code ERR invalid
     *             password})
     * @param serverMessage the server's message, already cleaned of echoed arguments and secrets
     * @param message what was refused, naming the server and user, never the password
     */
    public RedisWrongPasswordException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
