package io.respkit.exceptions;

/**
 * The server answered a command with an error reply, such as {@code WRONGTYPE}, {@code NOSCRIPT} or {@code ERR}.
 * The connection stays healthy and is reused.
 *
 * <p>Immutable and thread-safe.
 */
public class RedisServerException extends RedisException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String serverMessage;

    /**
     * Creates the exception.
     *
     * @param code the error code, the first word of the server's message (e.g. {@code WRONGTYPE})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisServerException(String code, String serverMessage, String message) {
        super(message);
        this.code = code;
        this.serverMessage = serverMessage;
    }

    /**
     * Returns the error code the server sent.
     *
     * @return the error code, e.g. {@code WRONGTYPE}, {@code ERR}, {@code NOSCRIPT}
     */
    public String code() {
        return code;
    }

    /**
     * Returns the server's error message, cleaned of any echoed command arguments.
     *
     * @return the message as the server sent it, minus echoed arguments
     */
    public String serverMessage() {
        return serverMessage;
    }
}
