package io.respkit.pubsub;

/**
 * A message published with {@code SPUBLISH} to a shard channel this subscriber subscribed to with
 * {@link Subscriber#ssubscribe(String...)} (an {@code smessage} frame).
 *
 * <p>Immutable when the payload is; thread-safe to read.
 *
 * @param channel the shard channel
 * @param payload the message, decoded by the client's codec
 * @param <V> the payload type
 */
public record ShardMessage<V>(String channel, V payload) implements PubSubMessage<V> {
}
