package io.respkit.commands;

import java.time.Duration;

/**
 * One consumer of a group as {@code XINFO CONSUMERS key group} describes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the consumer's name
 * @param pending the number of entries delivered to it and not acknowledged
 * @param idle the time since its last attempted interaction (a read, a claim)
 * @param inactive the time since its last successful interaction; {@code null} when it never had one, and before
 *        Redis 7.2, which does not report it
 */
public record StreamConsumerInfo(String name, long pending, Duration idle, Duration inactive) {
}
