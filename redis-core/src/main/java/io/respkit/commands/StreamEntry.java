package io.respkit.commands;

import java.util.Map;
import java.util.Objects;

/**
 * One stream entry: its id and its fields in the order they were added. The fields are {@code null} only for an
 * entry deleted while it was pending, as {@code XREADGROUP} reports it when re-reading a consumer's history.
 *
 * <p>Immutable and thread-safe when the values are.
 *
 * @param id the entry's id
 * @param fields the fields and values in insertion order, unmodifiable; {@code null} for a deleted entry
 * @param <V> the value type
 */
public record StreamEntry<V>(StreamEntryId id, Map<String, V> fields) {

    /**
     * Checks the id.
     *
     * @param id the entry's id
     * @param fields the fields, or {@code null} for a deleted entry
     * @throws NullPointerException when the id is null
     */
    public StreamEntry {
        Objects.requireNonNull(id, "id");
    }

    /**
     * Returns whether the entry was deleted (reported by id only).
     *
     * @return {@code true} when {@link #fields()} is {@code null}
     */
    public boolean isDeleted() {
        return fields == null;
    }
}
