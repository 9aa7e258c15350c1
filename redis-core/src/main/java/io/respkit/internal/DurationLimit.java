package io.respkit.internal;

import io.respkit.connection.RedisConfig;

import java.time.Duration;

/**
 * Keeps configured durations within {@link RedisConfig#MAX_DURATION}, so that every deadline built from one can be
 * counted in nanoseconds: {@link Duration#toNanos()} and {@link Duration#toMillis()} throw an
 * {@link ArithmeticException} beyond about 292 years (and {@code ChronoUnit.FOREVER} is far beyond), which would
 * otherwise surface at the first command instead of where the configuration is built.
 *
 * <p>Stateless and thread-safe.
 */
public final class DurationLimit {

    private DurationLimit() {
    }

    /**
     * Returns the duration when it is no longer than {@link RedisConfig#MAX_DURATION} either way.
     *
     * @param d the duration, not null
     * @param what the setting's name, for the message
     * @return {@code d}
     * @throws IllegalArgumentException when {@code d} is longer, forwards or backwards
     */
    public static Duration check(Duration d, String what) {
        if (d.abs().compareTo(RedisConfig.MAX_DURATION) > 0) {
            throw new IllegalArgumentException(what + " must be at most " + RedisConfig.MAX_DURATION.toDays()
                    + " days (RedisConfig.MAX_DURATION) either way, was " + show(d) + "; there is no 'forever'");
        }
        return d;
    }

    /**
     * Shows a duration for a message: in milliseconds when it can be counted in them, else as ISO-8601.
     *
     * @param d the duration
     * @return e.g. {@code "-5 ms"} or {@code "PT2562047788015215H30M7S"}
     */
    public static String show(Duration d) {
        try {
            return d.toMillis() + " ms";
        } catch (ArithmeticException e) {
            return d.toString();
        }
    }
}
