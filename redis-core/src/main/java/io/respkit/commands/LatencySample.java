package io.respkit.commands;

import java.time.Duration;
import java.time.Instant;

/**
 * One latency spike of an event's history ({@code LATENCY HISTORY}). Immutable and thread-safe.
 *
 * @param time when it happened
 * @param latency how long it took (millisecond precision)
 */
public record LatencySample(Instant time, Duration latency) {
}
