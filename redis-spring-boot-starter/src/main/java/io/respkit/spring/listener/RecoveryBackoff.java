package io.respkit.spring.listener;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between reconnection attempts: {@code initialDelay}, then multiplied by
 * {@code multiplier} after each failure, capped at {@code maxDelay}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param initialDelay the first delay
 * @param multiplier the growth factor, at least 1
 * @param maxDelay the largest delay
 */
public record RecoveryBackoff(Duration initialDelay, double multiplier, Duration maxDelay) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a duration is null
     * @throws IllegalArgumentException when a duration is negative or the multiplier below 1
     */
    public RecoveryBackoff {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("recovery delays must not be negative");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("recovery multiplier must be at least 1");
        }
    }

    /**
     * Returns the delay after {@code current}.
     *
     * @param current the delay just waited
     * @return the next delay, never above {@code maxDelay}
     */
    public Duration next(Duration current) {
        double next = current.toMillis() * multiplier;
        return next >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) Math.max(1, next));
    }
}
