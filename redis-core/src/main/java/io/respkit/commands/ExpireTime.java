package io.respkit.commands;

import java.time.Instant;

/**
 * When a key expires, as {@code EXPIRETIME} and {@code PEXPIRETIME} report it: an instant, or one of two clear
 * values for the server's {@code -1} (the key exists but never expires: {@link #NO_EXPIRY}) and {@code -2} (there is
 * no such key: {@link #NO_KEY}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when the key expires, or {@code null} when it has no expiry or does not exist
 * @param keyExists whether the key exists
 */
public record ExpireTime(Instant at, boolean keyExists) {

    /** The key exists but has no expiry (the server's {@code -1}). */
    public static final ExpireTime NO_EXPIRY = new ExpireTime(null, true);
    /** The key does not exist (the server's {@code -2}). */
    public static final ExpireTime NO_KEY = new ExpireTime(null, false);

    /**
     * Validates the value.
     *
     * @throws IllegalArgumentException when an instant is given for a key that does not exist
     */
    public ExpireTime {
        if (at != null && !keyExists) {
            throw new IllegalArgumentException("a missing key has no expiry time");
        }
    }

    /**
     * Returns the expiry time at an instant.
     *
     * @param at when the key expires
     * @return the value
     * @throws NullPointerException when the instant is null
     */
    public static ExpireTime at(Instant at) {
        return new ExpireTime(java.util.Objects.requireNonNull(at, "at"), true);
    }

    /** @return whether the key exists and has an expiry */
    public boolean hasExpiry() {
        return at != null;
    }
}
