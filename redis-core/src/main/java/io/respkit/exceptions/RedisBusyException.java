package io.respkit.exceptions;

/**
 * The server is busy running a script or function past its time limit ({@code -BUSY}) and refuses other
 * commands until it ends or is killed ({@code SCRIPT KILL}, {@code FUNCTION KILL}, or {@code SHUTDOWN NOSAVE} when it
 * already wrote). Transient for read-only scripts; the connection stays healthy.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisBusyException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code ({@code BUSY})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisBusyException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
