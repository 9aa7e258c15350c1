package io.respkit.pubsub;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The iterator of {@link Subscriber#listen()} and {@link ClusterShardedSubscriber#listen()}: each element is the next message or event, waiting for as long as it
 * takes; iteration ends when the subscriber is closed, also while {@link #hasNext()} waits.
 *
 * <p>Not thread-safe: one iterating thread.
 *
 * @param <V> the payload type
 */
final class MessageIterator<V> implements Iterator<PubSubMessage<V>> {

    private final Supplier<PubSubMessage<V>> subscriber;
    private PubSubMessage<V> next;

    /** @param subscriber waits for the next message as long as it takes, {@code null} once closed */
    MessageIterator(Supplier<PubSubMessage<V>> subscriber) {
        this.subscriber = subscriber;
    }

    /**
     * Waits for the next message.
     *
     * @return {@code false} once the subscriber is closed
     * @throws io.respkit.exceptions.RedisConnectionException what {@link Subscriber#next()} throws
     */
    @Override
    public boolean hasNext() {
        if (next == null) {
            next = subscriber.get(); // null only once closed
        }
        return next != null;
    }

    /**
     * Returns the next message, waiting for it.
     *
     * @return the message
     * @throws NoSuchElementException once the subscriber is closed
     */
    @Override
    public PubSubMessage<V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        PubSubMessage<V> m = next;
        next = null;
        return m;
    }
}
