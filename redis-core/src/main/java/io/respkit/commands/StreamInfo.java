package io.respkit.commands;

/**
 * The reply of {@code XINFO STREAM key}: the stream's size, id counters, group count and first and last entries.
 *
 * <p>Immutable and thread-safe when the values are.
 *
 * @param length the number of entries
 * @param radixTreeKeys the number of keys in the stream's radix tree
 * @param radixTreeNodes the number of nodes in the stream's radix tree
 * @param lastGeneratedId the highest id ever added (it may have been deleted since)
 * @param maxDeletedEntryId the highest id ever deleted ({@code 0-0} when none); {@code null} before Redis 7
 * @param entriesAdded the number of entries ever added; -1 before Redis 7
 * @param recordedFirstEntryId the first entry's id as recorded by the stream; {@code null} before Redis 7
 * @param groups the number of consumer groups
 * @param firstEntry the first entry, {@code null} when the stream is empty
 * @param lastEntry the last entry, {@code null} when the stream is empty
 * @param <V> the value type
 */
public record StreamInfo<V>(long length, long radixTreeKeys, long radixTreeNodes, StreamEntryId lastGeneratedId,
        StreamEntryId maxDeletedEntryId, long entriesAdded, StreamEntryId recordedFirstEntryId, long groups,
        StreamEntry<V> firstEntry, StreamEntry<V> lastEntry) {
}
