package io.respkit.stream;

import java.util.List;

/**
 * Handles the entries of one read ({@code XREADGROUP ... COUNT batchSize}) at once for a {@link StreamConsumer}, in
 * stream order. They are all acknowledged with one {@code XACK} after this method returned; when it throws, every
 * entry of the batch counts as failed: each is delivered again after the back-off (retries that fall due together
 * come as one batch) and dead-lettered after its last attempt. A handler that throws never stops the consumer.
 *
 * <p>Called from the consumer's worker threads: with a concurrency above 1 it runs on several threads at once and
 * must be thread-safe. Entries may be handled more than once (at-least-once delivery).
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface StreamBatchHandler<V> {

    /**
     * Handles a batch of entries.
     *
     * @param messages the entries, at least one, in stream order; unmodifiable
     * @throws Exception to have every entry of the batch retried (or dead-lettered after its last attempt)
     */
    void handle(List<StreamMessage<V>> messages) throws Exception;
}
