package io.respkit.protocol;

/**
 * The RESP protocol version a connection speaks.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum RespVersion {
    /** RESP2: the protocol of every Redis version; push messages arrive as plain arrays. */
    RESP2,
    /** RESP3 (Redis 6+): typed replies (maps, sets, doubles, booleans) and out-of-band push frames. */
    RESP3
}
