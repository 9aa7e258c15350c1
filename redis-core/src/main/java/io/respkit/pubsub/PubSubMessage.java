package io.respkit.pubsub;

/**
 * What a {@link Subscriber} receives: a channel message, a pattern message, or a subscription change with the
 * connection's new subscription count.
 *
 * <p>Implementations are immutable records; thread-safe when the payload is.
 *
 * @param <V> the payload type
 */
public sealed interface PubSubMessage<V> permits Message, PatternMessage, ShardMessage,
        SubscriptionEvent {

    /**
     * Returns the channel the message or event concerns (for pattern events, the pattern).
     *
     * @return the channel or pattern, or {@code null} for an unsubscribe-all with nothing subscribed
     */
    String channel();
}
