package io.respkit.spring.core;

import io.respkit.codec.RedisCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Stores values as UTF-8 JSON with Jackson 3 ({@code tools.jackson}). Never uses Java serialization, so reading a
 * value cannot run arbitrary code, and the stored bytes are readable from any language.
 *
 * <p>Thread-safe (Jackson mappers are).
 *
 * @param <T> the value type
 */
public final class JacksonJsonCodec<T> implements RedisCodec<T> {

    private final ObjectMapper mapper;
    private final Class<T> type;

    private JacksonJsonCodec(ObjectMapper mapper, Class<T> type) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Returns a codec for {@code type} using Jackson's shared default {@link JsonMapper}.
     *
     * @param type the value type
     * @param <T> the value type
     * @return the codec
     */
    public static <T> JacksonJsonCodec<T> of(Class<T> type) {
        return new JacksonJsonCodec<>(JsonMapper.shared(), type);
    }

    /**
     * Returns a codec for {@code type} using the given mapper, for example the application's {@code JsonMapper}.
     *
     * @param type the value type
     * @param mapper the mapper; it should produce JSON
     * @param <T> the value type
     * @return the codec
     */
    public static <T> JacksonJsonCodec<T> of(Class<T> type, ObjectMapper mapper) {
        return new JacksonJsonCodec<>(mapper, type);
    }

    /**
     * Returns a factory of JSON codecs using Jackson's shared default {@link JsonMapper}.
     *
     * @return the factory
     */
    public static ValueCodecFactory factory() {
        return factory(JsonMapper.shared());
    }

    /**
     * Returns a factory of JSON codecs using the given mapper.
     *
     * @param mapper the mapper
     * @return the factory
     */
    public static ValueCodecFactory factory(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new ValueCodecFactory() {
            @Override
            public <T> RedisCodec<T> codecFor(Class<T> type) {
                return new JacksonJsonCodec<>(mapper, type);
            }

            @Override
            public String toString() {
                return "JacksonJsonCodec.factory[" + mapper.getClass().getSimpleName() + "]";
            }
        };
    }

    /** @return UTF-8, the charset of JSON and of keys */
    @Override
    public Charset charset() {
        return StandardCharsets.UTF_8;
    }

    /**
     * Writes the value as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when Jackson cannot serialize the value
     */
    @Override
    public byte[] encode(T value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Cannot write " + type.getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a value from JSON.
     *
     * @throws IllegalArgumentException when the bytes are not JSON for the value type
     */
    @Override
    public T decode(byte[] bytes) {
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Cannot read JSON as " + type.getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JacksonJsonCodec[" + type.getName() + "]";
    }
}
