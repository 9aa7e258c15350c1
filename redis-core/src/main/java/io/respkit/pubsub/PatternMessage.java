package io.respkit.pubsub;

/**
 * A message published to a channel that matched a pattern this subscriber subscribed to.
 *
 * <p>Immutable when the payload is; thread-safe to read.
 *
 * @param pattern the pattern that matched
 * @param channel the channel it was published to
 * @param payload the message, decoded by the client's codec
 * @param <V> the payload type
 */
public record PatternMessage<V>(String pattern, String channel, V payload) implements PubSubMessage<V> {
}
