package io.respkit.internal;

import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.CommandObserver.QueryText;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Builds the query text an observer asked for ({@link CommandObserver#queryText()}), as {@link QueryText} describes
 * it: the name words of each command as its spec knows them, then its keys and (in {@link QueryText#FULL}) its
 * other arguments, each other argument as {@code ?}; never a secret. Built only for an observer that asked, so an
 * unobserved or text-less call pays nothing.
 *
 * <p>Stateless and thread-safe.
 */
public final class QueryTexts {

    private static final String HIDDEN = "?";
    private static final String CUT = "...";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private QueryTexts() {
    }

    /**
     * Returns the text of a call, or {@code null} for {@link QueryText#NONE}.
     *
     * @param mode how much to show
     * @param count how many commands the call carries
     * @param commandAt the call's command at an index below {@code count}
     * @param password the configured password, never shown; {@code null} when none
     * @return the text, at most {@link CommandObserver#MAX_QUERY_TEXT_CHARS} characters
     */
    public static String of(QueryText mode, int count, IntFunction<Command<?>> commandAt, String password) {
        if (mode == null || mode == QueryText.NONE || count <= 0) {
            return null;
        }
        String secret = password == null || password.isEmpty() ? null : password;
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append("; ");
            }
            if (!append(out, commandAt.apply(i), mode, secret)) {
                break;
            }
        }
        if (out.length() > CommandObserver.MAX_QUERY_TEXT_CHARS) {
            out.setLength(cutAt(out, CommandObserver.MAX_QUERY_TEXT_CHARS - CUT.length()));
            out.append(CUT);
        }
        return out.toString();
    }

    /** Appends one command; false once the text is longer than the limit (the rest would be cut anyway). */
    private static boolean append(StringBuilder out, Command<?> command, QueryText mode, String secret) {
        if (command == null) { // already answered and let go (a call started only as it ends)
            out.append(HIDDEN);
            return true;
        }
        CommandSpec spec = command.spec();
        String[] name = spec.isKnown() ? spec.words() : null;
        int words = name != null ? Math.min(name.length, command.argumentCount()) : 1;
        boolean credentials = CredentialArguments.carriesCredentials(command);
        for (int a = 0; a < command.argumentCount(); a++) {
            if (a > 0) {
                out.append(' ');
            }
            if (a >= words && (credentials || (mode == QueryText.SANITIZED && !isKey(command, a)))) {
                out.append(HIDDEN);
            } else {
                String text = a < words && name != null ? name[a] : command.argumentText(a);
                if (secret != null && text.contains(secret)) {
                    out.append(HIDDEN);
                } else {
                    appendShown(out, a < words ? text.toUpperCase(Locale.ROOT) : text);
                }
            }
            if (out.length() > CommandObserver.MAX_QUERY_TEXT_CHARS) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKey(Command<?> command, int position) {
        for (int k = 0, n = command.keyCount(); k < n; k++) {
            if (command.keyPosition(k) == position) {
                return true;
            }
        }
        return false;
    }

    /**
     * At most {@link CommandObserver#MAX_ARGUMENT_CHARS} characters of an argument, control characters (C0, DEL and
     * C1) escaped.
     */
    private static void appendShown(StringBuilder out, String text) {
        int end = text.length() > CommandObserver.MAX_ARGUMENT_CHARS
                ? cutAt(text, CommandObserver.MAX_ARGUMENT_CHARS) : text.length();
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) { // C1 too: NEL breaks lines and CSI drives terminals as C0 does
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        if (end < text.length()) {
            out.append(CUT);
        }
    }

    /** Where to cut {@code text} to at most {@code max} characters without leaving half of a surrogate pair. */
    private static int cutAt(CharSequence text, int max) {
        return Character.isHighSurrogate(text.charAt(max - 1)) && Character.isLowSurrogate(text.charAt(max))
                ? max - 1 : max;
    }
}
