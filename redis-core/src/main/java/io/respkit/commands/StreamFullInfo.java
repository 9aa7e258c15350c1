package io.respkit.commands;

import java.time.Instant;
import java.util.List;

/**
 * The reply of {@code XINFO STREAM key FULL}: the stream's counters, its entries (up to the requested count) and
 * every group with its pending list and consumers.
 *
 * <p>Immutable and thread-safe when the values are.
 *
 * @param length the number of entries
 * @param radixTreeKeys the number of keys in the stream's radix tree
 * @param radixTreeNodes the number of nodes in the stream's radix tree
 * @param lastGeneratedId the highest id ever added
 * @param maxDeletedEntryId the highest id ever deleted; {@code null} before Redis 7
 * @param entriesAdded the number of entries ever added; -1 before Redis 7
 * @param recordedFirstEntryId the first entry's id as recorded; {@code null} before Redis 7
 * @param entries the entries, oldest first, at most the requested count, unmodifiable
 * @param groups the consumer groups, unmodifiable
 * @param <V> the value type
 */
public record StreamFullInfo<V>(long length, long radixTreeKeys, long radixTreeNodes, StreamEntryId lastGeneratedId,
        StreamEntryId maxDeletedEntryId, long entriesAdded, StreamEntryId recordedFirstEntryId,
        List<StreamEntry<V>> entries, List<Group> groups) {

    /**
     * A consumer group in full. Immutable and thread-safe.
     *
     * @param name the group's name
     * @param lastDeliveredId the id of the last entry delivered to the group
     * @param entriesRead how many entries the group has read; {@code null} when unknown or before Redis 7
     * @param lag how many entries it has still to read; {@code null} when unknown or before Redis 7
     * @param pelCount the size of its pending list
     * @param pending its pending entries, at most the requested count, unmodifiable
     * @param consumers its consumers, unmodifiable
     */
    public record Group(String name, StreamEntryId lastDeliveredId, Long entriesRead, Long lag, long pelCount,
            List<Delivery> pending, List<Consumer> consumers) {
    }

    /**
     * A consumer in full. Immutable and thread-safe.
     *
     * @param name the consumer's name
     * @param seenTime when it last attempted an interaction
     * @param activeTime when it last interacted successfully; {@code null} when never, and before Redis 7.2
     * @param pelCount the number of entries pending for it
     * @param pending its pending entries, at most the requested count, unmodifiable
     */
    public record Consumer(String name, Instant seenTime, Instant activeTime, long pelCount, List<Delivery> pending) {
    }

    /**
     * A pending entry. Immutable and thread-safe.
     *
     * @param id the entry's id
     * @param consumer the consumer holding it
     * @param deliveredAt when it was last delivered
     * @param deliveryCount how many times it was delivered
     */
    public record Delivery(StreamEntryId id, String consumer, Instant deliveredAt, long deliveryCount) {
    }
}
