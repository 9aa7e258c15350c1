package io.respkit.pubsub;

/**
 * Receives what a {@link Subscriber} reads, in the callback style.
 *
 * <p>Called on the subscriber's reading thread, one message at a time; implementations need not be thread-safe
 * unless shared.
 *
 * @param <V> the payload type
 */
@FunctionalInterface
public interface MessageListener<V> {

    /**
     * Handles one message or subscription event. An exception is logged and does not stop the subscriber.
     *
     * @param message the message
     */
    void onMessage(PubSubMessage<V> message);
}
