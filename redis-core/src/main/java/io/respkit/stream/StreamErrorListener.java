package io.respkit.stream;

/**
 * Told about every failure a {@link StreamConsumer} meets: a handler that threw (with the entry), and a failure of
 * the consumer's own work with Redis (with no entry: a lost connection, a refused command). Nothing it does can stop
 * the consumer; an exception it throws is logged and ignored. The default logs at WARN.
 *
 * <p>Called from the consumer's worker threads, possibly several at once: implementations must be thread-safe and
 * quick.
 */
@FunctionalInterface
public interface StreamErrorListener {

    /**
     * Called after a failure.
     *
     * @param message the entry whose handler threw, or {@code null} for a failure of the consumer's own work
     * @param error what was thrown
     */
    void onError(StreamMessage<?> message, Throwable error);
}
