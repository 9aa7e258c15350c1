package io.respkit.exceptions;

/**
 * A Redis Cluster cannot serve the command's hash slot: the server answered {@code CLUSTERDOWN} (the cluster lost
 * a slot's owner and has not failed over yet, or was configured to refuse reads when partially down) until the
 * command's timeout, or no node the client knows serves the slot. The command did not run.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisClusterDownException extends RedisServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a server's {@code CLUSTERDOWN} error.
     *
     * @param code the server's error code ({@code CLUSTERDOWN})
     * @param serverMessage the server's message, already cleaned of echoed arguments
     * @param message the full exception message, naming the command and host:port
     */
    public RedisClusterDownException(String code, String serverMessage, String message) {
        super(code, serverMessage, message);
    }

    /**
     * Creates the exception for a slot no known node serves, found before anything was sent.
     *
     * @param message what is not served
     */
    public RedisClusterDownException(String message) {
        super("CLUSTERDOWN", message, message);
    }
}
