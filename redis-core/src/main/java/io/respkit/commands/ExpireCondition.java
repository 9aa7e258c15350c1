package io.respkit.commands;

/**
 * The condition of an {@code EXPIRE}-family command (Redis 7.0 and later): when the new expiry is applied.
 *
 * <pre>{@code redis.expire("session", Duration.ofMinutes(30), ExpireCondition.GT)}</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum ExpireCondition {

    /** Set the expiry only when the key has none ({@code NX}). */
    NX,

    /** Set the expiry only when the key already has one ({@code XX}). */
    XX,

    /** Set the expiry only when it is later than the current one; a key without expiry counts as infinite ({@code GT}). */
    GT,

    /** Set the expiry only when it is earlier than the current one; a key without expiry counts as infinite ({@code LT}). */
    LT
}
