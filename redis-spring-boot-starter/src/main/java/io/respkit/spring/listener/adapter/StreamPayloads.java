package io.respkit.spring.listener.adapter;

import io.respkit.stream.StreamMessage;

import java.util.Map;

/**
 * Finds the payload of a stream entry, the rule of {@code @RedisListener(payloadField = ...)}: the named field when
 * one is named; otherwise the field {@value #DEFAULT_FIELD}, or the only field of an entry that has exactly one.
 *
 * <p>Thread-safe and stateless.
 */
public final class StreamPayloads {

    /** The field read when the listener names none. */
    public static final String DEFAULT_FIELD = "payload";

    private StreamPayloads() {
    }

    /**
     * Returns the payload of an entry.
     *
     * @param message the entry
     * @param field the field the listener names, or {@code null} for the default rule
     * @return the value, or {@code null} when the entry has no such field (and, by the default rule, not exactly
     *         one field)
     */
    public static String payload(StreamMessage<String> message, String field) {
        Map<String, String> fields = message.fields();
        if (field != null) {
            return fields.get(field);
        }
        String value = fields.get(DEFAULT_FIELD);
        if (value == null && fields.size() == 1) {
            value = fields.values().iterator().next();
        }
        return value;
    }
}
