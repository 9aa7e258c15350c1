package io.respkit.spring.listener;

import io.respkit.connection.Backoff;

import java.time.Duration;
import java.util.Objects;

/**
 * Defaults of stream listeners, usually mapped from {@code redis.listener.stream.*}; see {@code docs/streams.md}
 * for what each does in the engine ({@link io.respkit.stream.StreamConsumer}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param block how long one {@code XREADGROUP} waits for new entries
 * @param batchSize the {@code COUNT} of each read, and the largest batch of a batch listener
 * @param maxAttempts deliveries before an entry is dead-lettered
 * @param retryBackoff delay before redelivering a failed entry, by the delivery that failed
 * @param claimIdle idle time after which another consumer's pending entry is claimed; must exceed the retry
 *        back-off's maximum and the slowest handler
 * @param claimInterval how often each worker claims idle entries (also at start)
 * @param startId where a group created by a listener starts: {@code $}, {@code 0} or an entry id
 */
public record StreamListenerSettings(Duration block, int batchSize, int maxAttempts, Backoff retryBackoff,
        Duration claimIdle, Duration claimInterval, String startId) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when a duration is not positive, a number below 1, or the start id is not
     *         {@code $}, {@code 0} or an entry id
     */
    public StreamListenerSettings {
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        positive(block, "block");
        positive(claimIdle, "claimIdle");
        positive(claimInterval, "claimInterval");
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("stream batchSize and maxAttempts must be at least 1");
        }
        StreamListenerSpec.parseStartId(Objects.requireNonNull(startId, "startId"));
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("stream " + what + " must be positive, not " + d);
        }
    }

    /**
     * Returns the defaults of {@code redis.listener.stream.*}, which are the engine's: block 2 s, batches of 10,
     * 3 attempts, retries after 1 s doubling up to 30 s, claims after 1 min idle every 30 s, new groups at
     * {@code $}.
     *
     * @return the defaults
     */
    public static StreamListenerSettings defaults() {
        return new StreamListenerSettings(Duration.ofSeconds(2), 10, 3,
                new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30)), Duration.ofMinutes(1),
                Duration.ofSeconds(30), "$");
    }
}
