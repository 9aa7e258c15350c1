package io.respkit.spring.listener;

import io.respkit.connection.Backoff;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings shared by all listener containers, usually mapped from {@code redis.listener.*}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pollTimeout how long one blocking pop or subscriber read waits before checking for shutdown
 * @param shutdownTimeout how long stopping waits for in-flight messages
 * @param recovery back-off for reconnecting lost subscriber and worker connections (the core {@link Backoff},
 *        shared by the pub/sub, queue and stream containers)
 * @param retryBackoff delay between attempts of a failing reliable queue item
 * @param defaultAutoStartup auto-startup of listeners that do not say
 * @param defaultConcurrency workers of queue listeners that do not say
 * @param defaultMaxAttempts attempts of reliable queue listeners that do not say
 * @param defaultBatchSize most items a queue worker takes per round trip, for listeners that do not say
 * @param virtualThreads whether to run listeners on virtual threads when the JVM has them
 * @param consumerIdPrefix first part of reliable consumer ids, usually {@code spring.application.name}
 */
public record ListenerContainerSettings(Duration pollTimeout, Duration shutdownTimeout, Backoff recovery,
        Duration retryBackoff, boolean defaultAutoStartup, int defaultConcurrency, int defaultMaxAttempts,
        int defaultBatchSize, boolean virtualThreads, String consumerIdPrefix) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when a duration is not positive or a default below 1
     */
    public ListenerContainerSettings {
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(consumerIdPrefix, "consumerIdPrefix");
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("redis.listener.poll-timeout must be positive");
        }
        if (shutdownTimeout.isNegative() || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("redis.listener timeouts must not be negative");
        }
        if (defaultConcurrency < 1 || defaultMaxAttempts < 1) {
            throw new IllegalArgumentException("redis.listener concurrency and retry attempts must be at least 1");
        }
        if (defaultBatchSize < 1) {
            throw new IllegalArgumentException("redis.listener.batch-size must be at least 1, but is "
                    + defaultBatchSize);
        }
    }

    /**
     * Creates settings whose queue listeners take one item per round trip ({@code defaultBatchSize} 1), as before
     * batches existed.
     *
     * @param pollTimeout how long one blocking pop or subscriber read waits before checking for shutdown
     * @param shutdownTimeout how long stopping waits for in-flight messages
     * @param recovery back-off for reconnecting lost subscriber and worker connections (the core {@link Backoff},
 *        shared by the pub/sub, queue and stream containers)
     * @param retryBackoff delay between attempts of a failing reliable queue item
     * @param defaultAutoStartup auto-startup of listeners that do not say
     * @param defaultConcurrency workers of queue listeners that do not say
     * @param defaultMaxAttempts attempts of reliable queue listeners that do not say
     * @param virtualThreads whether to run listeners on virtual threads when the JVM has them
     * @param consumerIdPrefix first part of reliable consumer ids
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when a duration is not positive or a default below 1
     */
    public ListenerContainerSettings(Duration pollTimeout, Duration shutdownTimeout, Backoff recovery,
            Duration retryBackoff, boolean defaultAutoStartup, int defaultConcurrency, int defaultMaxAttempts,
            boolean virtualThreads, String consumerIdPrefix) {
        this(pollTimeout, shutdownTimeout, recovery, retryBackoff, defaultAutoStartup, defaultConcurrency,
                defaultMaxAttempts, 1, virtualThreads, consumerIdPrefix);
    }

    /**
     * Returns settings with the property defaults of {@code redis.listener.*}.
     *
     * @return the defaults
     */
    public static ListenerContainerSettings defaults() {
        return new ListenerContainerSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
                new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(10)), Duration.ofMillis(100),
                true, 1, 3, 1, false, "app");
    }
}
