package io.respkit.commands;

/**
 * How {@code ZUNIONSTORE} and {@code ZINTERSTORE} combine the (weighted) scores of a member found in several sorted
 * sets.
 *
 * <p>Immutable and thread-safe.
 */
public enum Aggregate {
    /** Add the scores (the server's default). */
    SUM,
    /** Keep the lowest score. */
    MIN,
    /** Keep the highest score. */
    MAX
}
