package io.respkit.commands;

/**
 * Which arguments of a command carry credentials (passwords, user names), for commands where that depends on
 * the arguments. Error replies to a command that carries credentials have those arguments, and every quoted
 * argument, masked; only its command words are shown as its name ({@link CommandSpec#credentials()}).
 * Implementations are stateless and thread-safe.
 */
public interface CredentialRule {

    /**
     * Returns whether this call of the command carries credentials.
     *
     * @param command the command, with its arguments
     * @return {@code true} when its error replies must be masked
     */
    boolean carriesCredentials(Command<?> command);

    /**
     * Returns the positions of the arguments that are secrets (0 is the first word of the name).
     *
     * @param command the command, with its arguments
     * @return the positions in ascending order, empty when there are none
     */
    int[] secretPositions(Command<?> command);
}
