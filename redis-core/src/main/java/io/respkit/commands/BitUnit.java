package io.respkit.commands;

/**
 * What the {@code start}/{@code end} of {@code BITCOUNT} and {@code BITPOS} count: bytes (the default) or bits
 * (Redis 7.0+).
 *
 * <p>Immutable and thread-safe.
 */
public enum BitUnit {
    /** The range is in bytes ({@code BYTE}), as when no unit is given. */
    BYTE,
    /** The range is in bits ({@code BIT}). */
    BIT
}
