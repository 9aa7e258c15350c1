package io.respkit.commands;

/**
 * How {@code BITFIELD}'s {@code SET} and {@code INCRBY} treat a value that does not fit the field
 * ({@code OVERFLOW WRAP|SAT|FAIL}).
 *
 * <p>Immutable and thread-safe.
 */
public enum BitFieldOverflow {
    /** Wrap around, as C integers do (the default). */
    WRAP,
    /** Saturate: stay at the type's minimum or maximum. */
    SAT,
    /** Do nothing and answer {@code null} for that operation. */
    FAIL
}
