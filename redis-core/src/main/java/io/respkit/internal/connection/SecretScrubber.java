package io.respkit.internal.connection;

import io.respkit.commands.Command;
import io.respkit.internal.CredentialArguments;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.protocol.ErrorReply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps secrets out of the error replies a connection hands on (and so out of exception messages and logs).
 * Redis quotes some arguments back in its errors, for example {@code HELLO}'s "Syntax error in HELLO option
 * '...'", {@code ACL SETUSER}'s "Error in ACL SETUSER modifier '...'" or {@code CONFIG SET}'s "Unknown option ...
 * - '...'", and an argument there may be a password: the configured one, or one the caller passed. So in every
 * error the configured password is masked; in the errors of a credential-carrying command (as its
 * {@linkplain Command#spec() spec} defines them, see {@link CredentialArguments}) its secret arguments and every
 * quoted part are masked too, except a quoted part that is just the command's own name (as in NOPERM's
 * "'acl|setuser'").
 *
 * <p>Immutable and thread-safe. Only error replies (and {@code EXEC} results) are inspected, so it costs nothing on
 * the success path.
 */
public final class SecretScrubber {

    private static final String MASK = "****";

    private final String password;

    /**
     * What a connection knows about the commands queued since a hand-written {@code MULTI}: the request/response
     * connection's state ({@code io.respkit.connection.ConnectionState}).
     */
    public interface Queued {
        /** @return whether a credential-carrying command was queued since {@code MULTI} */
        boolean credentialsQueued();

        /**
         * @param index the command's place in the transaction
         * @return the credential-carrying command queued there, or {@code null}
         */
        Command<?> credentialsQueuedAt(int index);
    }

    /**
     * Creates a scrubber for a configured password.
     *
     * @param password the configured password, or {@code null}
     */
    public SecretScrubber(String password) {
        this.password = password == null || password.isEmpty() ? null : password;
    }

    /**
     * Masks the configured password wherever it appears in an error, for frames no command is known for.
     *
     * @param error the server's error
     * @return the error, or a copy without the password
     */
    public ErrorReply scrub(ErrorReply error) {
        return scrub(null, error);
    }

    /**
     * Masks the configured password, and for a credential-carrying command its secret arguments and the quoted
     * parts of the error.
     *
     * @param command the command the error answers, or {@code null} when unknown
     * @param error the server's error
     * @return the error, or a copy without secrets
     */
    public ErrorReply scrub(Command<?> command, ErrorReply error) {
        String message = error.message();
        String clean = message;
        if (command != null && CredentialArguments.carriesCredentials(command)) {
            clean = maskQuoted(maskLiterals(message, secrets(command)), command);
        } else if (password != null) {
            clean = message.replace(password, MASK);
        }
        return clean.equals(message) ? error : new ErrorReply(clean);
    }

    /**
     * Scrubs a raw reply: an error, and the errors inside an {@code EXEC} result, each with the secrets of the
     * command queued at its place (known only for a hand-written {@code MULTI}; see {@link Queued}).
     *
     * @param command the command the reply answers
     * @param reply the raw reply
     * @param state the connection's state, which knows the credential-carrying commands queued since {@code MULTI}
     * @return the reply, or a copy without secrets
     */
    public Object scrub(Command<?> command, Object reply, Queued state) {
        if (reply instanceof ErrorReply error) {
            return scrub(command, error);
        }
        if (!(reply instanceof List<?> results) || !isExec(command)
                || (password == null && !state.credentialsQueued())) {
            return reply;
        }
        List<Object> copy = null;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof ErrorReply error) {
                ErrorReply clean = scrub(state.credentialsQueuedAt(i), error);
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

    private static boolean isExec(Command<?> command) {
        return command.spec() == CommandSpecs.EXEC;
    }

    /** The configured password and the command's secret arguments, longest first. */
    private List<String> secrets(Command<?> command) {
        List<String> secrets = new ArrayList<>();
        if (password != null) {
            secrets.add(password);
        }
        for (int position : CredentialArguments.positions(command)) {
            String arg = command.argumentText(position);
            if (!arg.isEmpty()) {
                secrets.add(arg);
                char c = arg.charAt(0);
                if (arg.length() > 1 && (c == '>' || c == '<' || c == '#' || c == '!')) {
                    secrets.add(arg.substring(1)); // an ACL rule: the server may show the password alone
                }
            }
        }
        // An argument holding a quote would pair with the server's own quotes around it and show what follows the
        // quote: such an argument is masked whole, whatever its position.
        for (int i = 1; i < command.argumentCount(); i++) {
            String arg = command.argumentText(i);
            if (arg.indexOf('\'') >= 0) {
                secrets.add(arg);
            }
        }
        // Longest first: masking "pw" before "pw2" would leave the "2" of the longer one showing.
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    private static String maskLiterals(String message, List<String> secrets) {
        String out = message;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /** Replaces every {@code '...'} part of the message but the command's name: the arguments quoted back. */
    private static String maskQuoted(String message, Command<?> command) {
        int open = message.indexOf('\'');
        if (open < 0) {
            return message;
        }
        StringBuilder sb = new StringBuilder(message.length());
        int from = 0;
        while (open >= 0) {
            int close = message.indexOf('\'', open + 1);
            if (close < 0) {
                // an unbalanced quote: mask to the end rather than risk showing half a secret
                return sb.append(message, from, open + 1).append(MASK).toString();
            }
            String quoted = message.substring(open + 1, close);
            sb.append(message, from, open + 1).append(isName(quoted, command) ? quoted : MASK).append('\'');
            from = close + 1;
            open = message.indexOf('\'', from);
        }
        return sb.append(message, from, message.length()).toString();
    }

    /** Whether a quoted part is the command's name, {@code acl} or {@code acl|setuser}, never an argument. */
    private static boolean isName(String quoted, Command<?> command) {
        String first = command.argumentText(0);
        if (quoted.equalsIgnoreCase(first)) {
            return true;
        }
        return command.argumentCount() > 1 && quoted.length() == first.length() + 1
                + command.argumentText(1).length() && quoted.equalsIgnoreCase(first + "|" + command.argumentText(1));
    }
}
