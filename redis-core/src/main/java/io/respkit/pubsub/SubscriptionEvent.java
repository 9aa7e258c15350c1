package io.respkit.pubsub;

/**
 * The server's confirmation of a subscription change, or the subscriber's notice that it reconnected
 * ({@link Kind#RECONNECTED}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what changed
 * @param channel the channel or pattern, or {@code null} when unsubscribing from nothing and for
 *        {@link Kind#RECONNECTED}, except the one a {@link ClusterShardedSubscriber} reports for a shard channel it
 *        moved to its slot's new owner, which names that channel
 * @param count how many channels and patterns (for the shard kinds, shard channels) the connection is
 *        subscribed to now; for {@link Kind#RECONNECTED},
 *        how many it asked the new connection to subscribe to again
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
        PUNSUBSCRIBE,
        /** {@code SSUBSCRIBE} confirmed (a shard channel). */
        SSUBSCRIBE,
        /** {@code SUNSUBSCRIBE} confirmed (a shard channel). */
        SUNSUBSCRIBE,
        /**
         * The subscriber lost its connection and opened a new one, subscribed again to its channels and patterns:
         * messages published while it was disconnected were not received. Confirmations of the resubscriptions
         * follow. From a {@link ClusterShardedSubscriber} it may also name one shard channel that moved to another
         * node: messages published to it during the move were not received.
         */
        RECONNECTED
    }
}
