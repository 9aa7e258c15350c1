package io.respkit.pubsub;

/**
 * A message published to a channel this subscriber subscribed to by name.
 *
 * <p>Immutable when the payload is; thread-safe to read.
 *
 * @param channel the channel
 * @param payload the message, decoded by the client's codec
 * @param <V> the payload type
 */
public record Message<V>(String channel, V payload) implements PubSubMessage<V> {
}
