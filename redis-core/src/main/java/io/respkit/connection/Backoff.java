package io.respkit.connection;

import io.respkit.internal.DurationLimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off: {@code initialDelay} before the first retry, multiplied by {@code multiplier} after each
 * further failure, never above {@code maxDelay}. Used between reconnection attempts and between a stream consumer's
 * delivery attempts ({@link io.respkit.stream.StreamConsumer}).
 *
 * <pre>{@code
 * Backoff b = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5));
 * b.delay(1); // 100 ms
 * b.delay(3); // 400 ms
 * b.next(Duration.ofSeconds(4)); // 5 s (capped)
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param initialDelay the first delay, not negative
 * @param multiplier the growth factor, at least 1 (1 for a fixed delay)
 * @param maxDelay the largest delay, at least {@code initialDelay}
 */
public record Backoff(Duration initialDelay, double multiplier, Duration maxDelay) {

    /** 100 ms, doubling, at most 10 s: the default between reconnection attempts. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(10));

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a duration is null
     * @throws IllegalArgumentException when a duration is negative, the multiplier is below 1 or not a number, or
     *         {@code maxDelay} is below {@code initialDelay}
     */
    public Backoff {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("back-off delays must not be negative, were initialDelay "
                    + DurationLimit.show(initialDelay) + " and maxDelay " + DurationLimit.show(maxDelay));
        }
        DurationLimit.check(initialDelay, "back-off initialDelay");
        DurationLimit.check(maxDelay, "back-off maxDelay");
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("back-off multiplier must be a finite number of at least 1, not "
                    + multiplier);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("back-off maxDelay (" + maxDelay + ") must not be below initialDelay ("
                    + initialDelay + ")");
        }
    }

    /**
     * Returns a back-off that always waits {@code delay}.
     *
     * @param delay the delay, not negative
     * @return the back-off
     * @throws NullPointerException when {@code delay} is null
     * @throws IllegalArgumentException when {@code delay} is negative
     */
    public static Backoff fixed(Duration delay) {
        return new Backoff(delay, 1.0, delay);
    }

    /**
     * Returns the delay after {@code current}: {@code current} times the multiplier, capped at {@code maxDelay}.
     *
     * @param current the delay just waited
     * @return the next delay, never above {@code maxDelay}
     * @throws NullPointerException when {@code current} is null
     */
    public Duration next(Duration current) {
        double next = current.toMillis() * multiplier;
        return next >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) Math.max(1, next));
    }

    /**
     * Returns the delay before retry number {@code attempt}: {@code initialDelay} for 1, then multiplied by the
     * multiplier for each further one, capped at {@code maxDelay}.
     *
     * @param attempt the retry's number, from 1
     * @return the delay, never above {@code maxDelay}
     * @throws IllegalArgumentException when {@code attempt} is below 1
     */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, not " + attempt);
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        // The power overflows to infinity for large attempts; the cap handles that too.
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }
}
