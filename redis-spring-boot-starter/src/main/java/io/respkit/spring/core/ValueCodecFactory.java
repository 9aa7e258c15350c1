package io.respkit.spring.core;

import io.respkit.codec.RedisCodec;

import java.util.Objects;

/**
 * Creates the {@link RedisCodec} that {@link RedisTemplate#forType(Class)} uses for a value type, for example a
 * JSON codec ({@link JacksonJsonCodec#factory()}).
 *
 * <p>Implementations must be thread-safe: one factory serves every thread using a template.
 */
public interface ValueCodecFactory {

    /**
     * Returns a codec for values of {@code type}.
     *
     * @param type the value type
     * @param <T> the value type
     * @return the codec, thread-safe
     * @throws IllegalStateException when no codec can be made, for example because a library is missing
     */
    <T> RedisCodec<T> codecFor(Class<T> type);

    /**
     * Returns a factory that always fails with {@code message}: what a template uses when no serialization library
     * is available, so the failure comes with an explanation instead of a {@link NoClassDefFoundError}.
     *
     * @param message why no codec can be made and what to do about it
     * @return the factory
     */
    static ValueCodecFactory unavailable(String message) {
        Objects.requireNonNull(message, "message");
        return new ValueCodecFactory() {
            @Override
            public <T> RedisCodec<T> codecFor(Class<T> type) {
                throw new IllegalStateException(message);
            }

            @Override
            public String toString() {
                return "ValueCodecFactory[unavailable]";
            }
        };
    }
}
