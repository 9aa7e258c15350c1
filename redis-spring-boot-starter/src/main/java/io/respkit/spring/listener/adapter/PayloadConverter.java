package io.respkit.spring.listener.adapter;

import java.lang.reflect.Type;

/**
 * Converts raw message payloads into the type a listener method declares, for types other than {@code String} and
 * {@code byte[]}. The auto-configuration provides a Jackson 3 implementation when Jackson is on the classpath.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PayloadConverter {

    /**
     * Converts a payload.
     *
     * @param payload the raw bytes
     * @param targetType the declared parameter type (may be generic)
     * @return the converted value
     * @throws RuntimeException when the payload cannot be converted
     */
    Object convert(byte[] payload, Type targetType);
}
