package io.respkit.commands;

import java.time.Duration;

/**
 * One entry of the extended form of {@code XPENDING}: a delivered, not yet acknowledged entry of a consumer group.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the entry's id
 * @param consumer the consumer that holds it
 * @param idle the time since it was last delivered
 * @param deliveryCount how many times it was delivered
 */
public record PendingEntry(StreamEntryId id, String consumer, Duration idle, long deliveryCount) {
}
