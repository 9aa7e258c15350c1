package io.respkit.pubsub;

import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link Subscriber}'s reconnection policy: where to connect (the node its supplier names at each attempt, so a
 * cluster subscriber can move to another node when its own is gone), the back-off (50 ms doubling up to 2 s) and
 * the gap report ({@link SubscriptionEvent.Kind#RECONNECTED}). Kept out of {@link Subscriber}, which reads.
 *
 * <p>Thread-safe for {@link #wakeUp()} and {@link #reconnects()}; {@link #reconnect} is called by the one thread
 * holding the subscriber's read lock. The back-off waits on a {@link Condition}, not a monitor, so that a reading
 * virtual thread does not pin its carrier meanwhile on JDK 21–23.
 */
final class Reconnection {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 2_000;

    private final Supplier<RedisConfig> nodes;
    private final ReentrantLock closeLock = new ReentrantLock();
    private final Condition closeSignal = closeLock.newCondition();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile RedisConfig current;
    // Touched only by the reading thread.
    private long lostAtNanos;
    private long retryMillis = FIRST_RETRY_MILLIS;

    Reconnection(Supplier<RedisConfig> nodes, RedisConfig first) {
        this.nodes = nodes;
        this.current = first;
    }

    /** @return the configuration of the node connected to (or last tried) */
    RedisConfig config() {
        return current;
    }

    /**
     * Tells whether the supplier now names another node than the one connected to, by identity: for a subscriber
     * that follows a Sentinel-monitored primary, whose supplier returns one instance until the primary moves.
     */
    boolean moved() {
        return nodes.get() != current;
    }

    /** @return how many times the subscriber reconnected */
    long reconnects() {
        return reconnects.get();
    }

    /**
     * Opens a new connection and resubscribes it, retrying with back-off until {@code deadline}.
     *
     * @return the {@code RECONNECTED} event, or {@code null} when the deadline passed first or the link was closed
     * @throws RedisConnectionException when the thread is interrupted while waiting to retry
     */
    <V> PubSubMessage<V> reconnect(SubscriberLink link, HealthCheck health, RuntimeException cause, long deadline) {
        if (lostAtNanos == 0) {
            lostAtNanos = System.nanoTime();
            log.warn("Subscriber lost its connection to {}: {}; reconnecting", current.address(), cause.getMessage());
        }
        for (;;) {
            if (link.isClosed()) {
                return null;
            }
            try {
                RedisConfig target = nodes.get();
                current = target;
                int subscriptions = link.swap(HealthCheck.openAlive(target));
                health.reset();
                reconnects.incrementAndGet();
                long gapMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAtNanos);
                lostAtNanos = 0;
                retryMillis = FIRST_RETRY_MILLIS;
                log.warn("Subscriber reconnected to {} after {} ms and resubscribed to {} channel(s) and {} "
                        + "pattern(s); messages published meanwhile were not received", target.address(), gapMillis,
                        link.channels().size(), link.patterns().size());
                return new SubscriptionEvent<>(SubscriptionEvent.Kind.RECONNECTED, null, subscriptions);
            } catch (RedisException e) {
                if (link.isClosed()) {
                    return null;
                }
                log.debug("Subscriber cannot reconnect to {} yet: {}", current.address(), e.getMessage());
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                    : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            long wait = Math.min(retryMillis, left);
            if (wait <= 0) {
                return null;
            }
            retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
            closeLock.lock();
            try {
                if (!link.isClosed()) {
                    closeSignal.await(wait, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisConnectionException("Interrupted while reconnecting the subscriber to "
                        + current.address(), e);
            } finally {
                closeLock.unlock();
            }
        }
    }

    /** Ends a back-off wait at once: the subscriber was closed. */
    void wakeUp() {
        closeLock.lock();
        try {
            closeSignal.signalAll();
        } finally {
            closeLock.unlock();
        }
    }
}
