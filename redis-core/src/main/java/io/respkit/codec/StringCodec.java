package io.respkit.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Values as text in a charset (UTF-8 by default): the equivalent of redis-py's {@code decode_responses=True} with an
 * {@code encoding}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StringCodec implements RedisCodec<String> {

    /** UTF-8 text. */
    public static final StringCodec UTF8 = new StringCodec(StandardCharsets.UTF_8);

    private final Charset charset;

    private StringCodec(Charset charset) {
        this.charset = charset;
    }

    /**
     * Returns a codec for text in {@code charset}.
     *
     * @param charset the charset
     * @return the codec
     * @throws NullPointerException when {@code charset} is null
     */
    public static StringCodec of(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return charset.equals(StandardCharsets.UTF_8) ? UTF8 : new StringCodec(charset);
    }

    @Override
    public Charset charset() {
        return charset;
    }

    @Override
    public byte[] encode(String value) {
        return value.getBytes(charset);
    }

    @Override
    public String decode(byte[] bytes) {
        return new String(bytes, charset);
    }

    @Override
    public Object toArgument(String value) {
        return value;
    }

    @Override
    public String toString() {
        return "StringCodec[" + charset.name() + "]";
    }
}
