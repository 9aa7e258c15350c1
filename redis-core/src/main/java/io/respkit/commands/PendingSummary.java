package io.respkit.commands;

import java.util.Map;

/**
 * The summary form of {@code XPENDING key group}: how many entries a consumer group has delivered and not yet
 * acknowledged, their id range, and how many each consumer holds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param count the number of pending entries
 * @param lowest the lowest pending id, {@code null} when nothing is pending
 * @param highest the highest pending id, {@code null} when nothing is pending
 * @param consumers the pending count per consumer that has any, unmodifiable, in reply order
 */
public record PendingSummary(long count, StreamEntryId lowest, StreamEntryId highest, Map<String, Long> consumers) {
}
