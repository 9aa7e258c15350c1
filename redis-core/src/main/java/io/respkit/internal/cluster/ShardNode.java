package io.respkit.internal.cluster;

import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisException;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * One node's connection of a {@link ShardedSubscriptions}: a {@link Subscriber} (which reconnects to this node on its
 * own) and the daemon thread reading it, which hands every message and event to the owner, and reports when the
 * connection is down ({@link #lostSinceNanos()}).
 *
 * <p>Thread-safe: the reading state is volatile; {@link #cleanups} is guarded by the owner's lock.
 */
final class ShardNode<V> {

    private static final Logger log = LoggerFactory.getLogger(ShardNode.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long one read waits: the connection's state is looked at between reads. */
    private static final Duration READ_SLICE = Duration.ofMillis(200);

    final HostAndPort address;
    final Subscriber<V> subscriber;
    /** Our own SUNSUBSCRIBEs whose confirmation is still due, per channel: not the server dropping the channel. */
    final Map<String, Integer> cleanups = new HashMap<>();
    private final Thread reader;
    private volatile long lostSinceNanos;
    private volatile long reconnectedAtNanos;
    private volatile boolean retired;

    /**
     * Starts reading.
     *
     * @param onMessage gets every message and event, with this node
     * @param onLost told (on the reading thread) each time a read finds the connection down
     */
    ShardNode(HostAndPort address, Subscriber<V> subscriber, BiConsumer<ShardNode<V>, PubSubMessage<V>> onMessage,
            Runnable onLost) {
        this.address = address;
        this.subscriber = subscriber;
        this.reader = new Thread(() -> read(onMessage, onLost), "respkit-sharded-subscriber-"
                + THREADS.incrementAndGet());
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    private void read(BiConsumer<ShardNode<V>, PubSubMessage<V>> onMessage, Runnable onLost) {
        while (!retired) {
            PubSubMessage<V> m;
            try {
                m = subscriber.next(READ_SLICE);
            } catch (RedisException e) {
                log.debug("Sharded subscriber reading {}: {}", address, e.getMessage());
                m = null;
            }
            if (retired) {
                return;
            }
            if (m == null) {
                if (!subscriber.isOpen()) {
                    if (lostSinceNanos == 0) {
                        lostSinceNanos = System.nanoTime();
                    }
                    onLost.run();
                }
                continue;
            }
            if (lostSinceNanos != 0) {
                lostSinceNanos = 0;
                reconnectedAtNanos = System.nanoTime();
            }
            try {
                onMessage.accept(this, m);
            } catch (RuntimeException e) {
                log.warn("Sharded subscriber failed on a message from {}", address, e);
            }
        }
    }

    /** @return when the connection was found down, 0 while it is up */
    long lostSinceNanos() {
        return lostSinceNanos;
    }

    /** @return when the connection last came back after a loss, 0 if never */
    long reconnectedAtNanos() {
        return reconnectedAtNanos;
    }

    /** Stops reading and closes the connection. Idempotent. */
    void retire() {
        retired = true;
        subscriber.close();
    }

    @Override
    public String toString() {
        return "ShardNode[" + address + "]";
    }
}
