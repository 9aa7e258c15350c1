package io.respkit.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Values as raw bytes, passed through untouched: redis-py's {@code decode_responses=False}. Keys stay strings in
 * UTF-8.
 *
 * <p>Immutable and thread-safe.
 */
public final class ByteArrayCodec implements RedisCodec<byte[]> {

    /** The single instance. */
    public static final ByteArrayCodec INSTANCE = new ByteArrayCodec();

    private ByteArrayCodec() {
    }

    @Override
    public Charset charset() {
        return StandardCharsets.UTF_8;
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
        return "ByteArrayCodec";
    }
}
