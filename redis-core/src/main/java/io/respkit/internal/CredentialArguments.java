package io.respkit.internal;

import io.respkit.commands.Command;

/**
 * Which arguments of a command carry credentials, as its {@linkplain Command#spec() spec} says (see
 * {@code internal.commands.CredentialRules} for the rules: {@code AUTH}, {@code HELLO ... AUTH}, every {@code ACL}
 * subcommand, {@code MIGRATE ... AUTH|AUTH2}, {@code CONFIG SET} of a password or user, {@code SENTINEL SET
 * auth-pass|auth-user} and {@code SENTINEL CONFIG SET sentinel-pass|sentinel-user}). A credential-carrying
 * command's error replies have its secret arguments and every quoted argument masked (see {@code SecretScrubber}).
 *
 * <p>Stateless and thread-safe. For a command that carries no credentials this is one bit test of its spec.
 */
public final class CredentialArguments {

    private static final int[] NONE = new int[0];

    private CredentialArguments() {
    }

    /**
     * Returns whether a command carries credentials, so that its errors are masked beyond its secret positions.
     *
     * @param command the command
     * @return {@code true} for a call its spec's credential rule applies to
     */
    public static boolean carriesCredentials(Command<?> command) {
        return command.spec().carriesCredentials(command);
    }

    /**
     * Returns the positions of the command's secret arguments (0 is the first word of its name).
     *
     * @param command the command
     * @return the positions in ascending order, empty when it carries none
     */
    public static int[] positions(Command<?> command) {
        var rule = command.spec().credentials();
        return rule == null ? NONE : rule.secretPositions(command);
    }
}
