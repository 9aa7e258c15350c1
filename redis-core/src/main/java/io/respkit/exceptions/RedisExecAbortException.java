package io.respkit.exceptions;

/**
 * A {@code MULTI}/{@code EXEC} transaction was discarded because the server rejected a command while
 * queueing it, e.g. an unknown command or a wrong number of arguments ({@code -EXECABORT}). Nothing of the
 * transaction ran. The connection stays healthy.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisExecAbortException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code the server's error code ({@code EXECABORT})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisExecAbortException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }
}
