package io.respkit.commands;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest and worst latency spike of one monitored event ({@code LATENCY LATEST}). Immutable and thread-safe.
 *
 * @param event the event, e.g. {@code command}, {@code fast-command}, {@code fork}
 * @param latestTime when the latest spike happened
 * @param latest how long the latest spike took (millisecond precision)
 * @param max the longest spike since the server started or {@code LATENCY RESET}
 */
public record LatencyEvent(String event, Instant latestTime, Duration latest, Duration max) {
}
