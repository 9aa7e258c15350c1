package io.respkit.stream;

/**
 * Handles one stream entry at a time for a {@link StreamConsumer}. The entry is acknowledged ({@code XACK}) only
 * after this method returned; when it throws, the entry is delivered again after the consumer's back-off, and
 * dead-lettered once it has been delivered the consumer's maximum number of attempts. A handler that throws never
 * stops the consumer.
 *
 * <p>Called from the consumer's worker threads: with a concurrency above 1 the same handler runs on several threads
 * at once and must be thread-safe. An entry may be handled more than once (at-least-once delivery: after a crash,
 * a stop without grace, or a lost acknowledgement), so handlers should be idempotent.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface StreamHandler<V> {

    /**
     * Handles one entry.
     *
     * @param message the entry
     * @throws Exception to have the entry retried (or dead-lettered after the last attempt); an
     *         {@link InterruptedException} during a stop leaves the entry pending for a later delivery
     */
    void handle(StreamMessage<V> message) throws Exception;
}
