package io.respkit.exceptions;

/**
 * The server refused the user name and password ({@code WRONGPASS}): the password is wrong, the user does not
 * exist or is disabled. Retrying with the same credentials cannot succeed. The message names the user, never the
 * password.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisWrongPasswordException extends RedisAuthenticationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, naming the server and user, never the password
     */
    public RedisWrongPasswordException(String message) {
        super("WRONGPASS", message);
    }
}
