package io.respkit.internal.commands;

import io.respkit.commands.Command;
import io.respkit.commands.CredentialRule;

import java.util.Arrays;
import java.util.Locale;

/**
 * The credential rules of the commands that carry credentials, one per argument layout; {@link CommandSpecs} gives
 * each command its rule. A credential-carrying command's error replies have its secret arguments and every quoted
 * argument masked ({@code SecretScrubber}), and only its command words are shown as its name.
 *
 * <p>Stateless and thread-safe. Only error paths, commands queued after a hand-written {@code MULTI} and multi-word
 * command names call them, never the success path of an ordinary command.
 */
enum CredentialRules implements CredentialRule {

    /** {@code AUTH [user] password}: every argument, the user name too. */
    ALL_ARGUMENTS {
        @Override
        public int[] secretPositions(Command<?> command) {
            return range(1, command.argumentCount());
        }
    },

    /** {@code HELLO protover [AUTH user password] [SETNAME name]}: the user and the password. */
    HELLO {
        @Override
        public int[] secretPositions(Command<?> command) {
            return afterTokens(command, 1, command.argumentCount(), HELLO_TOKENS, new int[] {2, 1},
                    new boolean[] {true, false});
        }
    },

    /**
     * Every {@code ACL} subcommand but {@code SETUSER}: none of their arguments is a secret, but ACL quotes back
     * whatever it cannot parse (a password missing its {@code >} included), so their errors are masked all the same.
     */
    ACL {
        @Override
        public int[] secretPositions(Command<?> command) {
            return NONE;
        }
    },

    /** {@code ACL SETUSER user rule...}: the rules that set, remove or hash a password ({@code >}, {@code <}, ...). */
    ACL_SETUSER {
        @Override
        public int[] secretPositions(Command<?> command) {
            int n = command.argumentCount();
            int[] found = new int[n];
            int count = 0;
            for (int i = 3; i < n; i++) {
                String rule = command.argumentText(i);
                char c = rule.isEmpty() ? ' ' : rule.charAt(0);
                if (c == '>' || c == '<' || c == '#' || c == '!') {
                    found[count++] = i;
                }
            }
            return Arrays.copyOf(found, count);
        }
    },

    /** {@code MIGRATE ... [AUTH password] [AUTH2 user password] [KEYS key...]}: the password and user. */
    MIGRATE {
        @Override
        public int[] secretPositions(Command<?> command) {
            int n = command.argumentCount();
            int end = n;
            for (int i = 6; i < n; i++) {
                if ("KEYS".equals(upper(command, i))) {
                    end = i; // key names follow, and a key may well be called AUTH
                    break;
                }
            }
            return afterTokens(command, 6, end, MIGRATE_TOKENS, new int[] {1, 2}, new boolean[] {true, true});
        }
    },

    /**
     * {@code CONFIG SET name value...}: the values of {@code requirepass}, {@code masterauth}, {@code masteruser}
     * (and Valkey's {@code primaryauth}, {@code primaryuser}) and the TLS keys' passphrases
     * ({@code tls-key-file-pass}, {@code tls-client-key-file-pass}), in any case; only calls that set one of them
     * carry credentials.
     */
    CONFIG_SET {
        @Override
        public boolean carriesCredentials(Command<?> command) {
            return secretPositions(command).length > 0;
        }

        @Override
        public int[] secretPositions(Command<?> command) {
            return valuesOf(command, 2, "REQUIREPASS", "MASTERAUTH", "MASTERUSER", "PRIMARYAUTH", "PRIMARYUSER",
                    "TLS-KEY-FILE-PASS", "TLS-CLIENT-KEY-FILE-PASS");
        }
    },

    /**
     * {@code SENTINEL SET master auth-pass|auth-user value} and {@code SENTINEL CONFIG SET sentinel-pass|sentinel-user
     * value}: the values; only such calls carry credentials.
     */
    SENTINEL {
        @Override
        public boolean carriesCredentials(Command<?> command) {
            return secretPositions(command).length > 0;
        }

        @Override
        public int[] secretPositions(Command<?> command) {
            if ("SET".equals(upper(command, 1))) {
                return valuesOf(command, 3, "AUTH-PASS", "AUTH-USER");
            }
            if ("CONFIG".equals(upper(command, 1)) && "SET".equals(upper(command, 2))) {
                return valuesOf(command, 3, "SENTINEL-PASS", "SENTINEL-USER");
            }
            return NONE;
        }
    };

    private static final int[] NONE = new int[0];
    private static final String[] HELLO_TOKENS = {"AUTH", "SETNAME"};
    private static final String[] MIGRATE_TOKENS = {"AUTH", "AUTH2"};

    /** Every call carries credentials, unless a rule says it depends on the arguments. */
    @Override
    public boolean carriesCredentials(Command<?> command) {
        return true;
    }

    private static String upper(Command<?> command, int i) {
        return i < command.argumentCount() ? command.argumentText(i).toUpperCase(Locale.ROOT) : "";
    }

    /** The values of {@code name value} pairs from {@code from} on whose name is one of {@code names}. */
    private static int[] valuesOf(Command<?> command, int from, String... names) {
        int n = command.argumentCount();
        int[] found = new int[n];
        int count = 0;
        for (int i = from; i + 1 < n; i += 2) {
            String name = upper(command, i);
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
    private static int[] afterTokens(Command<?> command, int from, int end, String[] tokens, int[] counts,
            boolean[] secret) {
        int[] found = new int[command.argumentCount()];
        int count = 0;
        for (int i = from; i < end; i++) {
            String token = upper(command, i);
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
}
