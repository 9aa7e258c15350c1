package io.respkit.commands;

import java.util.List;

/**
 * The reply of {@code XAUTOCLAIM}: where the next call should start, the entries (or, with {@code JUSTID}, the ids)
 * claimed, and the ids of pending entries that no longer exist in the stream, which the server removed from the
 * pending list.
 *
 * <pre>{@code
 * StreamEntryId start = StreamEntryId.MIN;
 * do {
 *     AutoClaimResult<StreamEntry<String>> r = redis.xautoclaim("events", "workers", "w2", Duration.ofMinutes(1),
 *             start, 100);
 *     r.claimed().forEach(this::process);
 *     start = r.nextStart();
 * } while (!start.isMin());
 * }</pre>
 *
 * <p>Immutable and thread-safe when the items are.
 *
 * @param nextStart the id to start the next call from; {@code 0-0} when the whole pending list was scanned
 * @param claimed the claimed entries or ids, unmodifiable
 * @param deleted the ids of deleted entries removed from the pending list (empty before Redis 7), unmodifiable
 * @param <T> {@link StreamEntry} or {@link StreamEntryId}
 */
public record AutoClaimResult<T>(StreamEntryId nextStart, List<T> claimed, List<StreamEntryId> deleted) {

    /**
     * Returns whether the scan of the pending list is complete.
     *
     * @return {@code true} when {@link #nextStart()} is {@code 0-0}
     */
    public boolean isComplete() {
        return nextStart.isMin();
    }
}
