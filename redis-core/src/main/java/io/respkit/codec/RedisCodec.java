package io.respkit.codec;

import java.nio.charset.Charset;

/**
 * Turns values into command arguments and bulk replies back into values. Keys, hash fields and other text arguments
 * are always strings, encoded with {@link #charset()}.
 *
 * <p>Implementations must be thread-safe: one codec is shared by every thread using a client.
 *
 * @param <V> the value type
 */
public interface RedisCodec<V> {

    /**
     * Returns the charset for keys, fields, channel names and other text.
     *
     * @return the charset, UTF-8 by default
     */
    Charset charset();

    /**
     * Encodes a value to the bytes sent to the server.
     *
     * @param value the value, never {@code null}
     * @return its bytes
     * @throws IllegalArgumentException when the value cannot be encoded
     */
    byte[] encode(V value);

    /**
     * Decodes bytes the server sent into a value.
     *
     * @param bytes the bytes, never {@code null}
     * @return the value
     * @throws IllegalArgumentException when the bytes cannot be decoded
     */
    V decode(byte[] bytes);

    /**
     * Returns the argument to send for {@code value}: a {@code byte[]}, or a {@link String} that the writer encodes
     * with {@link #charset()} straight into its buffer. The default encodes with {@link #encode}.
     *
     * @param value the value, never {@code null}
     * @return a {@code byte[]} or a {@code String}
     */
    default Object toArgument(V value) {
        return encode(value);
    }
}
