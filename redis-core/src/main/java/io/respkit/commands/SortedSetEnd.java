package io.respkit.commands;

/**
 * Which end of a sorted set {@code ZMPOP} and {@code BZMPOP} pop from.
 *
 * <p>Immutable and thread-safe.
 */
public enum SortedSetEnd {
    /** The lowest scores first. */
    MIN,
    /** The highest scores first. */
    MAX
}
