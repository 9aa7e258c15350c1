package io.respkit.commands;

/**
 * One consumer group as {@code XINFO GROUPS key} describes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the group's name
 * @param consumers the number of consumers
 * @param pending the number of delivered, unacknowledged entries
 * @param lastDeliveredId the id of the last entry delivered to the group
 * @param entriesRead how many of the stream's entries the group has read; {@code null} when unknown or before
 *        Redis 7
 * @param lag how many entries the group has still to read; {@code null} when the server cannot tell or before
 *        Redis 7
 */
public record StreamGroupInfo(String name, long consumers, long pending, StreamEntryId lastDeliveredId,
        Long entriesRead, Long lag) {
}
