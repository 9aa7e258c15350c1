package io.respkit.commands;

/**
 * The operation of {@code BITOP}.
 *
 * <p>Immutable and thread-safe.
 */
public enum BitOperation {
    /** Bitwise AND of every source. */
    AND,
    /** Bitwise OR of every source. */
    OR,
    /** Bitwise XOR of every source. */
    XOR,
    /** Bitwise NOT of exactly one source. */
    NOT
}
