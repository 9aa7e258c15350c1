package io.respkit.internal;

import io.respkit.exceptions.RedisBusyException;
import io.respkit.exceptions.RedisClusterDownException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisLoadingException;
import io.respkit.exceptions.RedisMasterDownException;
import io.respkit.exceptions.RedisMaxClientsException;
import io.respkit.exceptions.RedisOutOfMemoryException;
import io.respkit.exceptions.RedisReadOnlyException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.ErrorReply;

/**
 * Turns error replies into typed exceptions with messages that name the command and the server but never the
 * command's arguments. It is the one mapping from error code to exception type: every path that reads an error
 * reply (a direct call, a pipeline, a transaction's queueing replies and EXEC results, the async API, the
 * multiplexed connection, the connect handshake) goes through {@link #fromReply}, so the same reply is the same
 * {@link RedisServerException} subtype with the same {@link RedisServerException#code()} wherever it surfaces.
 *
 * <p>Stateless and thread-safe.
 */
public final class Errors {

    private static final String ARGS_ECHO = ", with args beginning with:";
    // The server sends this before closing a connection it cannot accept; the code is a plain ERR.
    private static final String MAX_CLIENTS = "ERR max number of clients reached";

    private Errors() {
    }

    /**
     * Maps an error reply to an exception.
     *
     * @param error the error reply
     * @param command the command name
     * @param address the server's host:port
     * @return for NOAUTH, WRONGPASS and NOPERM the matching {@link io.respkit.exceptions.RedisAuthenticationException}
     *         subclass; for LOADING, BUSY, OOM, READONLY, MASTERDOWN, EXECABORT, CLUSTERDOWN and "max number of
     *         clients reached" the matching subclass of {@link RedisServerException}; else
     *         {@link RedisServerException}; each keeping the server's code
     */
    public static RedisServerException fromReply(ErrorReply error, String command, String address) {
        String message = clean(error.message());
        return serverException(error.code(), message, message + " (command " + command + " on " + address + ")");
    }

    /**
     * Returns a copy of a server exception, of the same type and code, with another message, e.g. to add context.
     *
     * @param original the exception
     * @param message the new full message, naming the command and host:port, never arguments
     * @return the copy, its cause set to {@code original}
     */
    public static RedisServerException withMessage(RedisServerException original, String message) {
        RedisServerException copy = serverException(original.code(), original.serverMessage(), message);
        copy.initCause(original);
        return copy;
    }

    private static RedisServerException serverException(String code, String serverMessage, String text) {
        return switch (code) {
            case "LOADING" -> new RedisLoadingException(code, serverMessage, text);
            case "BUSY" -> new RedisBusyException(code, serverMessage, text);
            case "OOM" -> new RedisOutOfMemoryException(code, serverMessage, text);
            case "READONLY" -> new RedisReadOnlyException(code, serverMessage, text);
            case "MASTERDOWN" -> new RedisMasterDownException(code, serverMessage, text);
            case "EXECABORT" -> new RedisExecAbortException(code, serverMessage, text);
            case "CLUSTERDOWN" -> new RedisClusterDownException(code, serverMessage, text);
            case "NOAUTH", "WRONGPASS", "NOPERM" -> AuthErrors.create(code, serverMessage, text);
            case "ERR" -> serverMessage.startsWith(MAX_CLIENTS)
                    ? new RedisMaxClientsException(code, serverMessage, text)
                    : new RedisServerException(code, serverMessage, text);
            default -> new RedisServerException(code, serverMessage, text);
        };
    }

    /**
     * Removes the part of a server error that echoes command arguments.
     *
     * @param message the server's message
     * @return the message without echoed arguments
     */
    public static String clean(String message) {
        int echo = message.indexOf(ARGS_ECHO);
        return echo >= 0 ? message.substring(0, echo) : message;
    }
}
