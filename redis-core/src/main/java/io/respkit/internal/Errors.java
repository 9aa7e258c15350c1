package io.respkit.internal;

import io.respkit.RedisAuthenticationException;
import io.respkit.RedisException;
import io.respkit.RedisServerException;
import io.respkit.protocol.ErrorReply;

/**
 * Turns error replies into typed exceptions with messages that name the command and the server but never the
 * command's arguments.
 *
 * <p>Stateless and thread-safe.
 */
public final class Errors {

    private static final String ARGS_ECHO = ", with args beginning with:";

    private Errors() {
    }

    /**
     * Maps an error reply to an exception.
     *
     * @param error the error reply
     * @param command the command name
     * @param address the server's host:port
     * @return {@link RedisAuthenticationException} for NOAUTH, WRONGPASS and NOPERM, else
     *         {@link RedisServerException}
     */
    public static RedisException fromReply(ErrorReply error, String command, String address) {
        String message = clean(error.message());
        String code = error.code();
        String text = message + " (command " + command + " on " + address + ")";
        if ("NOAUTH".equals(code) || "WRONGPASS".equals(code) || "NOPERM".equals(code)) {
            return new RedisAuthenticationException(code, text);
        }
        return new RedisServerException(code, message, text);
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
