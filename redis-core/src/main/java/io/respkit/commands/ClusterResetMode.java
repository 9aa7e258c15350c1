package io.respkit.commands;

/**
 * How far {@code CLUSTER RESET} resets a node.
 *
 * <p>Immutable and thread-safe.
 */
public enum ClusterResetMode {
    /** {@code SOFT}: forgets the other nodes and the slots; a replica becomes an empty primary. */
    SOFT,
    /** {@code HARD}: as {@link #SOFT}, and also takes a new node id and sets the epochs to 0. */
    HARD
}
