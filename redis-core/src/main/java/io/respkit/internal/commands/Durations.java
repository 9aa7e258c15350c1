package io.respkit.internal.commands;

import java.time.Duration;

/**
 * The one conversion of a wait to the whole milliseconds a command sends or waits for.
 *
 * <p>Stateless and thread-safe.
 */
public final class Durations {

    /** Longer than any server waits, and small enough that the packed form in {@code Command} cannot overflow. */
    public static final long MAX_MILLIS = (1L << 62) - 1;

    private Durations() {
    }

    /**
     * Returns {@code d} in whole milliseconds, rounded up: the server reads 0 as forever, so a positive wait under
     * 1 ms must not become 0. Clamped to {@link #MAX_MILLIS} before {@link Duration#toMillis()} could overflow.
     *
     * @param d a non-negative duration
     * @return the milliseconds, 0 only for zero
     */
    public static long millisRoundedUp(Duration d) {
        if (d.getSeconds() >= MAX_MILLIS / 1000) {
            return MAX_MILLIS;
        }
        return d.toMillis() + (d.getNano() % 1_000_000 == 0 ? 0 : 1);
    }
}
