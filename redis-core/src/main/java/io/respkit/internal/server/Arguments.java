package io.respkit.internal.server;

import io.respkit.commands.Command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A command's arguments as key extraction reads them: how many there are, whether one is a given keyword, and
 * which number one holds. Position 0 is the command name. Only the few arguments a key spec points at are ever
 * looked at, so a view over an existing list or {@link Command} costs no copy. Implementations are as thread-safe as
 * the arguments they view; the ones created here add no state of their own.
 */
public interface Arguments {

    /** What {@link #integer(int)} returns for an argument that is not a decimal integer. */
    long NOT_AN_INTEGER = Long.MIN_VALUE;

    /**
     * Returns the number of arguments including the command name.
     *
     * @return the count
     */
    int count();

    /**
     * Returns argument {@code i} as text (bytes read as UTF-8), for the command name.
     *
     * @param i the position
     * @return the text
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    String text(int i);

    /**
     * Returns whether argument {@code i} equals {@code word}, ignoring ASCII case.
     *
     * @param i the position
     * @param word the word, usually an ASCII keyword
     * @return {@code true} when they are equal
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    boolean equalsIgnoreCase(int i, String word);

    /**
     * Returns argument {@code i} as the server's {@code string2ll} would read it: an optional minus sign and decimal
     * digits without leading zeros or a plus sign.
     *
     * @param i the position
     * @return the number, or {@link #NOT_AN_INTEGER} when the argument is not one
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    long integer(int i);

    /**
     * Views a list of arguments, each a {@code String}, a {@code byte[]} (UTF-8 or any ASCII-compatible text) or an
     * integral {@code Number}; anything else is read as its {@code toString()}.
     *
     * @param args the arguments, the command name first; not copied
     * @return the view
     * @throws NullPointerException when {@code args} is null
     */
    static Arguments of(List<?> args) {
        Objects.requireNonNull(args, "args");
        return new Arguments() {
            @Override
            public int count() {
                return args.size();
            }

            @Override
            public String text(int i) {
                Object arg = args.get(i);
                return arg instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(arg);
            }

            @Override
            public boolean equalsIgnoreCase(int i, String word) {
                return matches(args.get(i), word);
            }

            @Override
            public long integer(int i) {
                return parse(args.get(i));
            }
        };
    }

    /**
     * Views an array of arguments, read as {@link #of(List)} reads a list.
     *
     * @param args the arguments, the command name first; not copied
     * @return the view
     * @throws NullPointerException when {@code args} is null
     */
    static Arguments of(Object... args) {
        return of(Arrays.asList(args));
    }

    /**
     * Views a built command's arguments, its name's words first.
     *
     * @param command the command
     * @return the view
     * @throws NullPointerException when {@code command} is null
     */
    static Arguments of(Command<?> command) {
        Objects.requireNonNull(command, "command");
        return new Arguments() {
            @Override
            public int count() {
                return command.argumentCount();
            }

            @Override
            public String text(int i) {
                return command.argumentText(i);
            }

            @Override
            public boolean equalsIgnoreCase(int i, String word) {
                return command.argumentText(i).equalsIgnoreCase(word);
            }

            @Override
            public long integer(int i) {
                return parse(command.argumentText(i));
            }
        };
    }

    /** Compares an argument with a word, ignoring ASCII case, without decoding bytes. */
    private static boolean matches(Object arg, String word) {
        if (arg instanceof byte[] b) {
            if (b.length != word.length()) {
                // A non-ASCII word has more UTF-8 bytes than chars; decoding settles it (keywords are ASCII).
                return new String(b, StandardCharsets.UTF_8).equalsIgnoreCase(word);
            }
            for (int j = 0; j < b.length; j++) {
                int c = b[j] & 0xff;
                int w = word.charAt(j);
                if (c != w && lower(c) != lower(w)) {
                    return false;
                }
            }
            return true;
        }
        return String.valueOf(arg).equalsIgnoreCase(word);
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** Parses like the server's {@code string2ll}; {@link #NOT_AN_INTEGER} when the text is not an integer. */
    private static long parse(Object arg) {
        if (arg instanceof Long || arg instanceof Integer || arg instanceof Short || arg instanceof Byte) {
            return ((Number) arg).longValue();
        }
        CharSequence text = arg instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1)
                : arg instanceof CharSequence s ? s : String.valueOf(arg);
        int n = text.length();
        boolean negative = n > 0 && text.charAt(0) == '-';
        int start = negative ? 1 : 0;
        if (n == start || n - start > 19 || (text.charAt(start) == '0' && n - start > 1)
                || (negative && text.charAt(start) == '0')) {
            return NOT_AN_INTEGER;
        }
        long value = 0;
        for (int j = start; j < n; j++) {
            char c = text.charAt(j);
            if (c < '0' || c > '9') {
                return NOT_AN_INTEGER;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                // Only a 19-digit number can get here, and one that overflowed is not an integer to the server.
                return NOT_AN_INTEGER;
            }
        }
        return negative ? -value : value;
    }
}
