package io.respkit.commands;

/**
 * The distance unit of the geo commands.
 *
 * <p>Immutable and thread-safe.
 */
public enum GeoUnit {
    /** Metres ({@code m}), the server's default. */
    M,
    /** Kilometres ({@code km}). */
    KM,
    /** Miles ({@code mi}). */
    MI,
    /** Feet ({@code ft}). */
    FT
}
