package io.respkit.pubsub;

/**
 * The server's confirmation of a subscription change.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what changed
 * @param channel the channel or pattern, or {@code null} when unsubscribing from nothing
 * @param count how many channels and patterns the connection is subscribed to now
 * @param <V> the payload type of the subscriber (unused by events)
 */
public record SubscriptionEvent<V>(Kind kind, String channel, long count) implements PubSubMessage<V> {

    /** The kinds of subscription change. */
    public enum Kind {
        /** {@code SUBSCRIBE} confirmed. */
        SUBSCRIBE,
        /** {@code UNSUBSCRIBE} confirmed. */
        UNSUBSCRIBE,
        /** {@code PSUBSCRIBE} confirmed. */
        PSUBSCRIBE,
        /** {@code PUNSUBSCRIBE} confirmed. */
        PUNSUBSCRIBE
    }
}
