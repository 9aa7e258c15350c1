package io.respkit.stream;

/**
 * Observes a {@link StreamConsumer} for metrics: entries received, processed, failed, dead-lettered and claimed.
 * Every method does nothing by default; an exception a method throws is logged and ignored.
 *
 * <p>Called from the consumer's worker threads, possibly several at once: implementations must be thread-safe and
 * quick (they run between the handler and the next read).
 */
public interface StreamConsumerListener {

    /**
     * Called when an entry is about to be handed to the handler (in batch mode, once per entry of the batch).
     *
     * @param message the entry
     */
    default void received(StreamMessage<?> message) {
    }

    /**
     * Called after the handler returned and the entry was acknowledged.
     *
     * @param message the entry
     * @param elapsedNanos how long the handler took (in batch mode, the whole batch's time)
     */
    default void processed(StreamMessage<?> message, long elapsedNanos) {
    }

    /**
     * Called after the handler threw for an entry.
     *
     * @param message the entry
     * @param error what the handler threw
     * @param willRetry {@code true} when the entry will be delivered again, {@code false} when it is dead-lettered
     *        now or the consumer is stopping (the entry then stays pending)
     */
    default void failed(StreamMessage<?> message, Throwable error, boolean willRetry) {
    }

    /**
     * Called after an entry was added to the dead-letter stream and acknowledged.
     *
     * @param message the entry
     * @param deadLetterStream the dead-letter stream's key
     */
    default void deadLettered(StreamMessage<?> message, String deadLetterStream) {
    }

    /**
     * Called after this consumer took over entries idle in other consumers' pending lists ({@code XAUTOCLAIM}),
     * or its own pending entries left from an earlier run.
     *
     * @param consumer the worker's consumer name that took them
     * @param count how many entries
     */
    default void claimed(String consumer, int count) {
    }

    /**
     * Reports the group's state ({@code XINFO GROUPS}), read by each worker once per claim interval: how many
     * entries are delivered but not acknowledged, and how many the group has still to read.
     *
     * @param group the consumer group
     * @param pending the group's pending entries
     * @param lag the entries not yet read by the group, or {@code null} when the server cannot tell
     */
    default void groupState(String group, long pending, Long lag) {
    }
}
