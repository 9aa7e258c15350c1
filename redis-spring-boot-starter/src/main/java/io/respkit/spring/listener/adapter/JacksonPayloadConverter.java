package io.respkit.spring.listener.adapter;

import tools.jackson.databind.ObjectMapper;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Reads payloads as JSON with a Jackson 3 {@link ObjectMapper} (usually the context's {@code JsonMapper}). Only
 * loaded when Jackson is on the classpath.
 *
 * <p>Thread-safe, as the mapper is.
 */
public final class JacksonPayloadConverter implements PayloadConverter {

    private final ObjectMapper mapper;

    /**
     * Creates a converter.
     *
     * @param mapper the mapper
     * @throws NullPointerException when the mapper is null
     */
    public JacksonPayloadConverter(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Reads the payload as JSON.
     *
     * @param payload the JSON bytes
     * @param targetType the target type
     * @return the value
     * @throws tools.jackson.core.JacksonException when the payload is not valid JSON for the type
     */
    @Override
    public Object convert(byte[] payload, Type targetType) {
        return mapper.readValue(payload, mapper.constructType(targetType));
    }
}
