package io.respkit.pubsub;

import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisInterruptedException;

import java.time.Duration;
import java.util.Set;

/**
 * A sharded pub/sub subscriber on a Redis Cluster ({@code SSUBSCRIBE}, Redis 7.0+), from
 * {@code RedisClusterClient.shardedSubscriber()}: the same reading model as {@link Subscriber} ({@link #next(Duration)},
 * {@link #next()}, {@link #listen()}, a {@link MessageListener} with {@link #run} or {@link #start}), messages as
 * {@link ShardMessage}s, confirmations as {@link SubscriptionEvent}s.
 *
 * <p>Each shard channel is subscribed on the primary serving its hash slot (hashed like a key, hash tags included),
 * over one {@link Subscriber} connection per node, opened when a channel of that node is first subscribed; one
 * {@link #ssubscribe(String...)} may name channels of any slots. Every node connection reconnects and resubscribes on
 * its own, reporting a {@link SubscriptionEvent.Kind#RECONNECTED} event with a {@code null} channel.
 *
 * <p><b>Slot moves</b>: when a channel's slot moves to another primary (a migration: the old owner sends a
 * {@code sunsubscribe} of its own; a failover: the old owner's connection is lost and the topology names a new owner),
 * the channel is subscribed on the new owner and a {@link SubscriptionEvent.Kind#RECONNECTED} event naming the
 * channel (count 1) tells the reader that messages published to it in between were not received. That event comes
 * before the new owner's confirmation and its messages; a message is never delivered twice because of a move (each
 * {@code SPUBLISH} reaches the one node serving the slot). The {@code sunsubscribe} a node sends for a channel that
 * moves is not delivered: the channel stays subscribed.
 *
 * <p>Thread-safe: subscribing, unsubscribing and closing from any thread; messages are read by one thread at a time.
 *
 * @param <V> the payload type
 */
public interface ClusterShardedSubscriber<V> extends AutoCloseable {

    /**
     * Sets whether subscription confirmations ({@code SSUBSCRIBE}, {@code SUNSUBSCRIBE}) are skipped;
     * {@link SubscriptionEvent.Kind#RECONNECTED} is never skipped. Off by default.
     *
     * @param ignore whether to skip confirmations
     * @return this subscriber
     */
    ClusterShardedSubscriber<V> ignoreSubscribeMessages(boolean ignore);

    /**
     * Subscribes to shard channels, each on the primary serving its slot (channels of several slots are split per
     * node and slot). Returns once the commands are sent; each confirmation arrives as a
     * {@link SubscriptionEvent.Kind#SSUBSCRIBE} event. A channel whose node cannot be reached now is subscribed as
     * soon as the topology names a reachable owner.
     *
     * @param channels the shard channels, at least one
     * @throws IllegalArgumentException when no channel is given or one is {@code null}
     * @throws io.respkit.exceptions.RedisConnectionException when the subscriber is closed
     */
    void ssubscribe(String... channels);

    /**
     * Unsubscribes from shard channels; with none, from all of them. Each confirmation arrives as a
     * {@link SubscriptionEvent.Kind#SUNSUBSCRIBE} event from the node that served the channel.
     *
     * @param channels the shard channels, or none for all
     * @throws IllegalArgumentException when a channel is {@code null}
     * @throws io.respkit.exceptions.RedisConnectionException when the subscriber is closed
     */
    void sunsubscribe(String... channels);

    /**
     * Returns the next message or event from any node, waiting at most {@code timeout}; zero polls.
     *
     * @param timeout how long to wait
     * @return the message, or {@code null} when none arrived in time or the subscriber is closed
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws RedisInterruptedException when the calling thread is interrupted; its flag stays set
     */
    PubSubMessage<V> next(Duration timeout);

    /**
     * Waits for the next message or event for as long as it takes.
     *
     * @return the message, or {@code null} only once the subscriber is closed
     * @throws RedisInterruptedException when the calling thread is interrupted; its flag stays set
     */
    PubSubMessage<V> next();

    /**
     * Returns a blocking iterable over messages and events; iteration ends when the subscriber is closed.
     *
     * @return the messages
     */
    default Iterable<PubSubMessage<V>> listen() {
        return () -> new MessageIterator<>(this::next);
    }

    /**
     * Delivers every message to {@code listener} on the calling thread until the subscriber is closed.
     *
     * @param listener the listener; its exceptions are logged and do not stop delivery
     * @throws RedisInterruptedException when the calling thread is interrupted
     */
    void run(MessageListener<V> listener);

    /**
     * Delivers every message to {@code listener} on a new daemon thread until the subscriber is closed.
     *
     * @param listener the listener
     * @return the thread
     */
    Thread start(MessageListener<V> listener);

    /** @return the shard channels subscribed to by this subscriber's calls */
    Set<String> shardChannels();

    /** @return the nodes this subscriber has a connection to now */
    Set<HostAndPort> nodes();

    /** @return {@code true} until closed */
    boolean isOpen();

    /**
     * Closes every node connection. Idempotent. Threads waiting in {@link #next} return {@code null}; later
     * subscription changes throw {@link io.respkit.exceptions.RedisConnectionException}.
     */
    @Override
    void close();
}
