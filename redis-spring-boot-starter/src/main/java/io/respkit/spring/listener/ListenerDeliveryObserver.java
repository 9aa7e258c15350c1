package io.respkit.spring.listener;

/**
 * Observes each delivery of a pub/sub message or a queue item to a {@code @RedisListener} method, for tracing and
 * metrics: the starter's Micrometer Observation support defines one when an {@code ObservationRegistry} exists, and
 * listener containers built afterwards wrap their handlers with it.
 *
 * <p>Implementations must be thread-safe and must not throw.
 */
public interface ListenerDeliveryObserver {

    /**
     * Starts observing one delivery.
     *
     * @param listenerId the listener's id
     * @param message the message, its payload not to be recorded
     * @return what to call when the method returned or threw
     */
    Delivery start(String listenerId, RedisMessage<?> message);

    /**
     * One observed delivery.
     *
     * <p>Not thread-safe: ended once, by the thread that delivered.
     */
    interface Delivery {

        /** The method returned. */
        void succeeded();

        /**
         * The method threw.
         *
         * @param error what it threw
         */
        void failed(Throwable error);
    }
}
