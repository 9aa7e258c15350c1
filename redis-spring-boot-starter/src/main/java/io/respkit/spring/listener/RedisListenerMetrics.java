package io.respkit.spring.listener;

/**
 * Counts what listener containers do, per listener id. Containers depend only on this interface, so Micrometer
 * stays optional; {@link #noop()} counts nothing.
 *
 * <p>Implementations must be thread-safe.
 */
public interface RedisListenerMetrics {

    /**
     * A message or queue item was taken for the listener. Items of a queue batch count one by one as they are
     * handed to the listener; items a stopping worker puts back are not counted.
     *
     * @param listenerId the listener id
     */
    void received(String listenerId);

    /**
     * The listener method returned normally.
     *
     * @param listenerId the listener id
     */
    void processed(String listenerId);

    /**
     * The listener method threw (counted per attempt).
     *
     * @param listenerId the listener id
     */
    void failed(String listenerId);

    /**
     * A reliable queue item was moved to its dead-letter list, or a stream entry added to its dead-letter stream.
     *
     * @param listenerId the listener id
     */
    void deadLettered(String listenerId);

    /**
     * A stream listener's worker took over entries another consumer (or an earlier run of its own) left pending.
     * Does nothing by default, for implementations written before streams.
     *
     * @param listenerId the listener id
     * @param count how many entries
     */
    default void claimed(String listenerId, int count) {
    }

    /**
     * A stream listener's group state, read once per claim interval: entries delivered but not acknowledged, and
     * entries the group has still to read. Does nothing by default.
     *
     * @param listenerId the listener id
     * @param pending the group's pending entries
     * @param lag the entries not yet read, or {@code null} when the server cannot tell
     */
    default void streamGroupState(String listenerId, long pending, Long lag) {
    }

    /**
     * Returns metrics that count nothing.
     *
     * @return the no-op instance
     */
    static RedisListenerMetrics noop() {
        return NoopMetrics.INSTANCE;
    }

    /** The no-op implementation. */
    enum NoopMetrics implements RedisListenerMetrics {
        /** The instance. */
        INSTANCE;

        @Override
        public void received(String listenerId) {
        }

        @Override
        public void processed(String listenerId) {
        }

        @Override
        public void failed(String listenerId) {
        }

        @Override
        public void deadLettered(String listenerId) {
        }
    }
}
