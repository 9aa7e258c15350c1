package io.respkit.connection;

import io.respkit.protocol.ErrorReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps secrets out of the error replies a connection hands on (and so out of exception messages and logs).
 * Redis quotes some arguments back in its errors, for example {@code HELLO}'s "Syntax error in HELLO option
 * '...'" or {@code ACL SETUSER}'s "Error in ACL SETUSER modifier '...'", and an argument there may be a password:
 * the configured one, or one the caller passed to {@code AUTH}, {@code HELLO}, {@code ACL} or {@code MIGRATE}.
 *
 * <p>Immutable and thread-safe. Only error replies are inspected, so it costs nothing on the success path.
 */
final class SecretScrubber {

    /** Commands that carry passwords as arguments: every quoted part of their errors is masked. */
    private static final Set<String> CREDENTIAL_COMMANDS = Set.of("AUTH", "HELLO", "ACL", "MIGRATE");

    private static final String MASK = "****";

    private final String password;

    SecretScrubber(String password) {
        this.password = password == null || password.isEmpty() ? null : password;
    }

    /**
     * Masks the configured password wherever it appears in an error.
     *
     * @param error the server's error
     * @return the error, or a copy without the password
     */
    ErrorReply scrub(ErrorReply error) {
        if (password == null || !error.message().contains(password)) {
            return error;
        }
        return new ErrorReply(error.message().replace(password, MASK));
    }

    /**
     * Scrubs the reply to {@code commandName}: a top-level error, and the errors inside an {@code EXEC} result
     * (a {@code HELLO} or {@code ACL} queued in a transaction reports its errors there).
     *
     * @param commandName the command's first word, upper case, or {@code null} when unknown
     * @param reply the raw reply
     * @return the reply, or a copy without secrets
     */
    Object scrub(String commandName, Object reply) {
        if (reply instanceof ErrorReply error) {
            ErrorReply clean = scrub(error);
            return commandName != null && CREDENTIAL_COMMANDS.contains(commandName) ? maskQuoted(clean) : clean;
        }
        if (password != null && "EXEC".equals(commandName) && reply instanceof List<?> results) {
            List<Object> copy = null;
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof ErrorReply error) {
                    ErrorReply clean = scrub(error);
                    if (clean != error) {
                        if (copy == null) {
                            copy = new ArrayList<>(results);
                        }
                        copy.set(i, clean);
                    }
                }
            }
            return copy == null ? reply : copy;
        }
        return reply;
    }

    /**
     * Returns the upper-case command name, as {@link #scrub(String, Object)} expects it.
     *
     * @param firstArgument the command's first word
     * @return the name
     */
    static String commandName(String firstArgument) {
        return firstArgument.toUpperCase(Locale.ROOT);
    }

    /** Replaces every {@code '...'} part of the message: the arguments the server quoted back. */
    private static ErrorReply maskQuoted(ErrorReply error) {
        String message = error.message();
        int open = message.indexOf('\'');
        if (open < 0) {
            return error;
        }
        StringBuilder sb = new StringBuilder(message.length());
        int from = 0;
        while (open >= 0) {
            int close = message.indexOf('\'', open + 1);
            if (close < 0) {
                // an unbalanced quote: mask to the end rather than risk showing half a secret
                sb.append(message, from, open + 1).append(MASK);
                return new ErrorReply(sb.toString());
            }
            sb.append(message, from, open + 1).append(MASK).append('\'');
            from = close + 1;
            open = message.indexOf('\'', from);
        }
        sb.append(message, from, message.length());
        return new ErrorReply(sb.toString());
    }
}
