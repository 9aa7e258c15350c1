package io.respkit.exceptions;

/**
 * The server refused the credentials or the command for lack of them ({@code WRONGPASS}, {@code NOAUTH},
 * {@code NOPERM}). Retrying with the same credentials cannot succeed. The message never contains the password.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisAuthenticationException extends RedisException {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * Creates the exception.
     *
     * @param code the server's error code, e.g. {@code WRONGPASS}
     * @param message what was refused, naming the server, never the password
     */
    public RedisAuthenticationException(String code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * Returns the server's error code.
     *
     * @return the error code, e.g. {@code WRONGPASS}, {@code NOAUTH} or {@code NOPERM}
     */
    public String code() {
        return code;
    }
}
