package io.respkit.spring.listener;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A period during which a pub/sub listener was not subscribed because the container's subscriber connection was
 * lost (server restart, {@code CLIENT KILL}, network failure) or could not be opened. Messages published during it
 * were not received: Redis pub/sub does not store them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lostAt when the connection was found lost (or the first connection attempt failed)
 * @param restoredAt when the new connection was subscribed again
 * @param channels the listener's channels, subscribed again
 * @param patterns the listener's patterns, subscribed again
 */
public record SubscriptionGap(Instant lostAt, Instant restoredAt, List<String> channels, List<String> patterns) {

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException when a component is null
     */
    public SubscriptionGap {
        Objects.requireNonNull(lostAt, "lostAt");
        Objects.requireNonNull(restoredAt, "restoredAt");
        channels = List.copyOf(channels);
        patterns = List.copyOf(patterns);
    }

    /**
     * Returns how long the listener was not subscribed.
     *
     * @return the time from {@link #lostAt()} to {@link #restoredAt()}
     */
    public Duration duration() {
        return Duration.between(lostAt, restoredAt);
    }
}
