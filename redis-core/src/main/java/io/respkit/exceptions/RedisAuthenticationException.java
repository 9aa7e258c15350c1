package io.respkit.exceptions;

/**
 * The server refused the credentials or the command for lack of them ({@code WRONGPASS}, {@code NOAUTH},
 * {@code NOPERM}). Like every error reply it is a {@link RedisServerException} carrying the server's
 * {@link #code()}, and it is the same exception whether the command ran directly, in a pipeline, in a transaction,
 * asynchronously or on the multiplexed connection. Credentials refused while a connection is opened (the handshake)
 * are reported with a message that names the server and user, never the password. Retrying with the same
 * credentials cannot succeed.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisAuthenticationException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code, e.g. {@code WRONGPASS}
     * @param serverMessage the server's message, already cleaned of echoed arguments and secrets
     * @param message what was refused, naming the command or the server, never the password
     */
    public RedisAuthenticationException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
