package io.respkit.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Values as raw bytes, passed through untouched: redis-py's {@code decode_responses=False}. Keys, hash fields and
 * stream field names stay strings, in UTF-8 by default; {@link #of(Charset) of(ISO_8859_1)} maps every byte to one
 * {@code char} and back, so names that are arbitrary bytes round-trip exactly
 * ({@code new String(bytes, ISO_8859_1)} to name one).
 *
 * <p>Immutable and thread-safe.
 */
public final class ByteArrayCodec implements RedisCodec<byte[]> {

    /** Raw values, names in UTF-8. */
    public static final ByteArrayCodec INSTANCE = new ByteArrayCodec(StandardCharsets.UTF_8);

    private final Charset charset;

    private ByteArrayCodec(Charset charset) {
        this.charset = charset;
    }

    /**
     * Returns a codec for raw values whose keys and names are text in {@code charset}.
     *
     * @param charset the charset of keys, fields and other names; {@code ISO_8859_1} for names that are any bytes
     * @return the codec
     * @throws NullPointerException when {@code charset} is null
     */
    public static ByteArrayCodec of(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return charset.equals(StandardCharsets.UTF_8) ? INSTANCE : new ByteArrayCodec(charset);
    }

    @Override
    public Charset charset() {
        return charset;
    }

    @Override
    public byte[] encode(byte[] value) {
        return value;
    }

    @Override
    public byte[] decode(byte[] bytes) {
        return bytes;
    }

    @Override
    public String toString() {
        return charset.equals(StandardCharsets.UTF_8) ? "ByteArrayCodec" : "ByteArrayCodec[" + charset.name() + "]";
    }
}
