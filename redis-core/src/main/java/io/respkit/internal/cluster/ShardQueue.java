package io.respkit.internal.cluster;

import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.SubscriptionEvent;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The reader's queue of a {@link ShardedSubscriptions}: bounded for what the nodes send (a full queue holds the node
 * threads, and so the nodes' sockets: back-pressure), unbounded for the gap reports of moved channels, which the
 * owner queues under its lock and so must never wait for the reader (there is at most one per channel and move).
 *
 * <p>Thread-safe: any number of producers, one reader at a time (the owner's read lock).
 *
 * @param <V> the payload type
 */
final class ShardQueue<V> {

    /** Node messages, each holding a permit of {@link #room}, and {@link Gap}s, which hold none. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;

    /** A gap report in the queue: not counted against the bound. */
    private record Gap<V>(SubscriptionEvent<V> event) {
    }

    ShardQueue(int capacity) {
        this.room = new Semaphore(capacity);
    }

    /**
     * Queues a node's message, waiting while the queue is full.
     *
     * @param closed when true, stops waiting and drops the message
     */
    void put(PubSubMessage<V> m, BooleanSupplier closed) {
        try {
            while (!closed.getAsBoolean()) {
                if (room.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    queue.add(m);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a gap report at once, past the bound. */
    void addGap(SubscriptionEvent<V> gap) {
        queue.add(new Gap<>(gap));
    }

    /**
     * Takes the next entry, waiting at most {@code nanos}; zero or less does not wait.
     *
     * @return the message, or null when none came in time
     * @throws InterruptedException when the reader is interrupted
     */
    PubSubMessage<V> poll(long nanos) throws InterruptedException {
        return taken(nanos <= 0 ? queue.poll() : queue.poll(nanos, TimeUnit.NANOSECONDS));
    }

    void clear() {
        queue.clear();
    }

    /** What the reader gets for an entry; a node message gives its room back. */
    @SuppressWarnings("unchecked")
    private PubSubMessage<V> taken(Object entry) {
        if (entry == null) {
            return null;
        }
        if (entry instanceof Gap<?> gap) {
            return (PubSubMessage<V>) gap.event();
        }
        room.release();
        return (PubSubMessage<V>) entry;
    }
}
