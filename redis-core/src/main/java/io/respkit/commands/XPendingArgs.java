package io.respkit.commands;

import java.time.Duration;
import java.util.Objects;

/**
 * The extended form of {@code XPENDING}: at most {@link #count()} pending entries between two bounds (all of them by
 * default), optionally only those of one consumer ({@link #withConsumer(String)}) or idle at least some time
 * ({@link #withMinIdle(Duration)}, {@code IDLE}).
 *
 * <pre>{@code
 * redis.xpending("events", "workers", XPendingArgs.of(100).withMinIdle(Duration.ofMinutes(5)));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param start the low bound
 * @param end the high bound
 * @param count the most entries to return
 * @param consumer only this consumer's entries, or {@code null} for every consumer's
 * @param minIdle only entries idle at least this long ({@code IDLE}), or {@code null}
 */
public record XPendingArgs(StreamBound start, StreamBound end, long count, String consumer, Duration minIdle) {

    /**
     * Validates the values.
     *
     * @throws NullPointerException when a bound is null
     * @throws IllegalArgumentException when the count or the idle time is negative
     */
    public XPendingArgs {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (count < 0) {
            throw new IllegalArgumentException("XPENDING count must not be negative");
        }
        if (minIdle != null && minIdle.isNegative()) {
            throw new IllegalArgumentException("XPENDING IDLE must not be negative");
        }
    }

    /**
     * Returns the first {@code count} pending entries of every consumer, over the whole id range.
     *
     * @param count the most entries to return
     * @return the arguments
     * @throws IllegalArgumentException when the count is negative
     */
    public static XPendingArgs of(long count) {
        return new XPendingArgs(StreamBound.unbounded(), StreamBound.unbounded(), count, null, null);
    }

    /**
     * @param start the low bound
     * @param end the high bound
     * @return a copy limited to the ids between the bounds
     */
    public XPendingArgs withRange(StreamBound start, StreamBound end) {
        return new XPendingArgs(start, end, count, consumer, minIdle);
    }

    /**
     * @param consumer the consumer
     * @return a copy returning only that consumer's entries
     * @throws NullPointerException when the consumer is null
     */
    public XPendingArgs withConsumer(String consumer) {
        return new XPendingArgs(start, end, count, Objects.requireNonNull(consumer, "consumer"), minIdle);
    }

    /**
     * @param minIdle the least idle time, millisecond precision
     * @return a copy returning only entries idle at least that long ({@code IDLE})
     * @throws IllegalArgumentException when the time is negative
     */
    public XPendingArgs withMinIdle(Duration minIdle) {
        return new XPendingArgs(start, end, count, consumer, Objects.requireNonNull(minIdle, "minIdle"));
    }

    /**
     * Appends {@code [IDLE ms] start end count [consumer]} to a command.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (minIdle != null) {
            command.arg("IDLE").arg(minIdle.toMillis());
        }
        command.arg(start.lowerText()).arg(end.upperText()).arg(count);
        if (consumer != null) {
            command.arg(consumer);
        }
    }
}
