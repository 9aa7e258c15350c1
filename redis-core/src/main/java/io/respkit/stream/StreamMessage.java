package io.respkit.stream;

import io.respkit.commands.StreamEntryId;

import java.util.Map;
import java.util.Objects;

/**
 * One stream entry as a {@link StreamConsumer} hands it to a handler: the stream it came from, its id, its fields
 * and how many times the group has delivered it, this delivery included (1 on the first delivery; read from the
 * group's pending entries list when the entry was claimed or redelivered).
 *
 * <p>Immutable and thread-safe when the field values are; the fields map is an unmodifiable copy.
 *
 * @param stream the stream's key
 * @param id the entry's id
 * @param fields the entry's fields in stream order, values decoded with the client's codec
 * @param deliveryCount how many times the entry has been delivered, at least 1
 * @param <V> the value type
 */
public record StreamMessage<V>(String stream, StreamEntryId id, Map<String, V> fields, long deliveryCount) {

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException when the stream, the id or the fields are null
     * @throws IllegalArgumentException when {@code deliveryCount} is below 1
     */
    public StreamMessage {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(id, "id");
        // Map.copyOf would lose the stream's field order, which handlers may rely on.
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                Objects.requireNonNull(fields, "fields")));
        if (deliveryCount < 1) {
            throw new IllegalArgumentException("deliveryCount must be at least 1, not " + deliveryCount);
        }
    }

    /**
     * Returns the value of one field.
     *
     * @param field the field's name
     * @return its value, or {@code null} when the entry has no such field
     */
    public V field(String field) {
        return fields.get(field);
    }

    /**
     * Returns the same entry with another delivery count.
     *
     * @param count the new count, at least 1
     * @return the copy
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    StreamMessage<V> withDeliveryCount(long count) {
        return new StreamMessage<>(stream, id, fields, count);
    }

    /** Only the stream, the id and the delivery count: field values may be confidential. */
    @Override
    public String toString() {
        return "StreamMessage[stream=" + stream + ", id=" + id + ", fields=" + fields.size()
                + ", deliveryCount=" + deliveryCount + "]";
    }
}
