package io.respkit.internal;

import io.respkit.commands.Command;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which commands carry credentials, and at which argument positions: the one place that knows it, meant to move
 * into the command specification (as per-command flags) later. A credential-carrying command's error replies have
 * its secret arguments and every quoted argument masked (see {@code SecretScrubber}), and only its command words
 * are shown as its name.
 *
 * <ul>
 *   <li>{@code AUTH}: every argument (the user name too);</li>
 *   <li>{@code HELLO ... AUTH user password}: the user and the password;</li>
 *   <li>{@code ACL SETUSER}: rules starting with {@code >}, {@code <}, {@code #} or {@code !}; every {@code ACL}
 *       subcommand counts as credential-carrying, because ACL quotes back whatever it cannot parse, a password
 *       missing its {@code >} included;</li>
 *   <li>{@code MIGRATE ... AUTH password} and {@code AUTH2 user password};</li>
 *   <li>{@code CONFIG SET} of {@code requirepass}, {@code masterauth}, {@code masteruser} (and Valkey's
 *       {@code primaryauth}, {@code primaryuser}), in any case: their values;</li>
 *   <li>{@code SENTINEL SET master auth-pass|auth-user} and {@code SENTINEL CONFIG SET sentinel-pass|sentinel-user}:
 *       their values.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe. Only error paths and multi-word command names call it, never the success path.
 */
public final class CredentialArguments {

    private static final int[] NONE = new int[0];
    private static final String[] HELLO_TOKENS = {"AUTH", "SETNAME"};
    private static final String[] MIGRATE_TOKENS = {"AUTH", "AUTH2"};

    private CredentialArguments() {
    }

    /**
     * Returns whether a command carries credentials, so that its errors are masked beyond its secret positions.
     *
     * @param command the command
     * @return {@code true} for the commands listed in the class description
     */
    public static boolean carriesCredentials(Command<?> command) {
        return carriesCredentials(new Words(command));
    }

    /**
     * Returns the positions of the command's secret arguments (0 is the first word of its name).
     *
     * @param command the command
     * @return the positions in ascending order, empty when it carries none
     */
    public static int[] positions(Command<?> command) {
        return positions(new Words(command));
    }

    /**
     * Returns the part of a multi-word command name that may be shown, for a name that holds arguments too (as in
     * {@code "AUTH user password"}): the command and subcommand words of a credential-carrying command, the name as
     * given otherwise.
     *
     * @param name the name as given
     * @param words its words
     * @return the name to show
     */
    public static String displayName(String name, String[] words) {
        String first = words[0];
        // Allocation-free filter first: multi-word names such as "CONFIG GET" are common, credentials are not.
        if (!first.equalsIgnoreCase("AUTH") && !first.equalsIgnoreCase("HELLO") && !first.equalsIgnoreCase("ACL")
                && !first.equalsIgnoreCase("MIGRATE") && !first.equalsIgnoreCase("CONFIG")
                && !first.equalsIgnoreCase("SENTINEL")) {
            return name;
        }
        Words w = new Words(words);
        if (!carriesCredentials(w)) {
            return name;
        }
        return hasSubcommand(w.upper(0)) && words.length > 1 ? first + " " + words[1] : first;
    }

    private static boolean hasSubcommand(String first) {
        return first.equals("ACL") || first.equals("CONFIG") || first.equals("SENTINEL");
    }

    private static boolean carriesCredentials(Words w) {
        return switch (w.upper(0)) {
            case "AUTH", "HELLO", "ACL", "MIGRATE" -> true;
            case "CONFIG", "SENTINEL" -> positions(w).length > 0;
            default -> false;
        };
    }

    private static int[] positions(Words w) {
        int n = w.size();
        return switch (w.upper(0)) {
            case "AUTH" -> range(1, n);
            case "HELLO" -> afterTokens(w, 1, n, HELLO_TOKENS, new int[] {2, 1}, new boolean[] {true, false});
            case "MIGRATE" -> migrate(w);
            case "ACL" -> "SETUSER".equals(w.upper(1)) ? aclRules(w) : NONE;
            case "CONFIG" -> "SET".equals(w.upper(1)) ? values(w, 2, "REQUIREPASS", "MASTERAUTH", "MASTERUSER",
                    "PRIMARYAUTH", "PRIMARYUSER") : NONE;
            case "SENTINEL" -> sentinel(w);
            default -> NONE;
        };
    }

    private static int[] migrate(Words w) {
        int n = w.size();
        int end = n;
        for (int i = 6; i < n; i++) {
            if ("KEYS".equals(w.upper(i))) {
                end = i; // key names follow, and a key may well be called AUTH
                break;
            }
        }
        return afterTokens(w, 6, end, MIGRATE_TOKENS, new int[] {1, 2}, new boolean[] {true, true});
    }

    private static int[] sentinel(Words w) {
        if ("SET".equals(w.upper(1))) {
            return values(w, 3, "AUTH-PASS", "AUTH-USER");
        }
        if ("CONFIG".equals(w.upper(1)) && "SET".equals(w.upper(2))) {
            return values(w, 3, "SENTINEL-PASS", "SENTINEL-USER");
        }
        return NONE;
    }

    /** Rules of {@code ACL SETUSER user rule...} that set, remove or hash a password. */
    private static int[] aclRules(Words w) {
        int[] found = new int[w.size()];
        int count = 0;
        for (int i = 3; i < w.size(); i++) {
            String rule = w.text(i);
            char c = rule.isEmpty() ? ' ' : rule.charAt(0);
            if (c == '>' || c == '<' || c == '#' || c == '!') {
                found[count++] = i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /** The values of {@code name value} pairs from {@code from} on whose name is one of {@code names}. */
    private static int[] values(Words w, int from, String... names) {
        int[] found = new int[w.size()];
        int count = 0;
        for (int i = from; i + 1 < w.size(); i += 2) {
            String name = w.upper(i);
            for (String secret : names) {
                if (secret.equals(name)) {
                    found[count++] = i + 1;
                    break;
                }
            }
        }
        return Arrays.copyOf(found, count);
    }

    /**
     * Scans {@code [from, end)} for option tokens: {@code tokens[k]} is followed by {@code counts[k]} values, secret
     * when {@code secret[k]}; values are skipped, so that a value spelled like a token is not taken for one.
     */
    private static int[] afterTokens(Words w, int from, int end, String[] tokens, int[] counts, boolean[] secret) {
        int[] found = new int[w.size()];
        int count = 0;
        for (int i = from; i < end; i++) {
            String token = w.upper(i);
            for (int k = 0; k < tokens.length; k++) {
                if (tokens[k].equals(token)) {
                    for (int v = 0; v < counts[k] && i + 1 < end; v++) {
                        i++;
                        if (secret[k]) {
                            found[count++] = i;
                        }
                    }
                    break;
                }
            }
        }
        return Arrays.copyOf(found, count);
    }

    private static int[] range(int from, int to) {
        if (from >= to) {
            return NONE;
        }
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** A command's arguments as text, from a {@link Command} or from the words of a name. */
    private static final class Words {
        private final Command<?> command;
        private final String[] words;

        Words(Command<?> command) {
            this.command = command;
            this.words = null;
        }

        Words(String[] words) {
            this.command = null;
            this.words = words;
        }

        int size() {
            return command != null ? command.argumentCount() : words.length;
        }

        String text(int i) {
            return command != null ? command.argumentText(i) : words[i];
        }

        String upper(int i) {
            return i < size() ? text(i).toUpperCase(Locale.ROOT) : "";
        }
    }
}
