package io.respkit.spring.listener;

import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamOffset;

import java.util.Objects;

/**
 * What one stream listener consumes and how, with every default already applied except the engine's own (the
 * consumer name and the dead-letter stream, when {@code null}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the listener id
 * @param stream the stream's key
 * @param group the consumer group
 * @param consumer the consumer name, or {@code null} for the engine's stable per-process name
 * @param startId where a group created by the listener starts
 * @param concurrency worker threads
 * @param batchSize the {@code COUNT} of each read
 * @param maxAttempts deliveries before an entry is dead-lettered
 * @param deadLetterStream the dead-letter stream, or {@code null} for {@code <stream>:dead}
 * @param autoStartup whether the container starts with the context
 */
public record StreamListenerSpec(String id, String stream, String group, String consumer, StreamOffset startId,
        int concurrency, int batchSize, int maxAttempts, String deadLetterStream, boolean autoStartup) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when id, stream, group or startId is null
     * @throws IllegalArgumentException when a number is below 1
     */
    public StreamListenerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startId, "startId");
        if (concurrency < 1 || batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("concurrency, batchSize and maxAttempts must be at least 1");
        }
    }

    /**
     * Reads a start id as the annotation and {@code redis.listener.stream.start-id} write it.
     *
     * @param text {@code $} for new entries only, {@code 0} for every entry, or an entry id such as {@code 1-0}
     * @return the offset
     * @throws IllegalArgumentException when the text is none of these
     */
    public static StreamOffset parseStartId(String text) {
        String t = text.trim();
        if (t.equals("$")) {
            return StreamOffset.latest();
        }
        if (t.equals("0")) {
            return StreamEntryId.MIN;
        }
        try {
            return StreamEntryId.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("start id must be $ (new entries only), 0 (every entry) or an entry "
                    + "id such as 1700000000000-0, not '" + text + "'", e);
        }
    }
}
