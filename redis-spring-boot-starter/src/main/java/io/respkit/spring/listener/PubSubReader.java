package io.respkit.spring.listener;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisException;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The reader of one run of a {@link PubSubListenerContainer}: it opens the subscriber connection, subscribes it to
 * what the running listeners need, reads messages and hands each to the container, and when the connection is
 * lost, cannot be opened or (with Sentinel) goes to a primary that has moved, reconnects with the recovery back-off
 * and tells the container when and for how long it was not subscribed. The container owns the listeners and the
 * lifecycle; a run ends when {@code current} turns false.
 *
 * <p>{@link #run()} runs on the reader thread; {@link #wakeUp()} may be called from any thread.
 */
final class PubSubReader implements Runnable {

    /** What the reader hands back to its container. */
    interface Listeners {

        /** Delivers a message (or logs a subscription change) on the reader thread. */
        void dispatch(PubSubMessage<byte[]> message);

        /** Reports that listeners were not subscribed from {@code lostAt} to {@code restored}. */
        void restored(Instant lostAt, Instant restored);
    }

    // Under the container's name, as before this class was split out, so that one logger setting covers it.
    private static final Logger log = LoggerFactory.getLogger(PubSubListenerContainer.class);

    private final RedisListenerConnections connections;
    private final ListenerContainerSettings settings;
    private final PubSubSubscriptions<?> subscriptions;
    private final Listeners listeners;
    private final BooleanSupplier current;
    private final ListenerPause backOff = new ListenerPause();

    /**
     * Creates the reader of one run.
     *
     * @param connections where to connect
     * @param settings poll timeout and recovery back-off
     * @param subscriptions the channels and patterns to subscribe to, and the connection in use
     * @param listeners the container
     * @param current whether the run goes on
     */
    PubSubReader(RedisListenerConnections connections, ListenerContainerSettings settings,
            PubSubSubscriptions<?> subscriptions, Listeners listeners, BooleanSupplier current) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.current = Objects.requireNonNull(current, "current");
    }

    /**
     * Keeps a subscriber connected and subscribed until the run ends, handing every message to the container.
     */
    @Override
    public void run() {
        Instant lostAt = null;
        Duration delay = settings.recovery().initialDelay();
        while (current.getAsBoolean()) {
            Subscriber<byte[]> s;
            RedisConfig target;
            try {
                target = connections.subscriberConfig();
                s = connect(target);
            } catch (RedisException e) {
                if (!current.getAsBoolean()) {
                    break;
                }
                if (lostAt == null) {
                    lostAt = Instant.now();
                }
                log.warn("Pub/sub subscriber cannot connect to {}: {}; retrying in {}", connections.describe(),
                        e.getMessage(), delay);
                if (!pause(delay)) {
                    break;
                }
                delay = settings.recovery().next(delay);
                continue;
            }
            if (s == null) {
                break;
            }
            if (lostAt != null) {
                Instant restored = Instant.now();
                log.warn("Pub/sub subscriber to {} restored at {} after losing the connection at {} ({} ms without "
                        + "subscriptions; messages published then were not received)", connections.describe(), restored,
                        lostAt, Duration.between(lostAt, restored).toMillis());
                listeners.restored(lostAt, restored);
                lostAt = null;
            }
            delay = settings.recovery().initialDelay();
            try {
                while (current.getAsBoolean()) {
                    PubSubMessage<byte[]> message = s.next(settings.pollTimeout());
                    if (message != null) {
                        listeners.dispatch(message);
                    } else if (!s.isOpen()) {
                        break; // closed: a closed subscriber returns null at once
                    }
                    if (!connections.isCurrent(target)) {
                        // A Sentinel failover: the old primary may well still run (a planned failover leaves it up
                        // for a while), but PUBLISHes now go to the new one. Moving there is a gap like a lost
                        // connection: messages published meanwhile on the new primary were not received.
                        lostAt = Instant.now();
                        log.warn("Pub/sub subscriber on {} left it at {}: the primary moved to {}; resubscribing "
                                + "there", target.address(), lostAt, connections.describe());
                        break;
                    }
                }
            } catch (RedisException e) {
                if (current.getAsBoolean()) {
                    lostAt = Instant.now();
                    log.warn("Pub/sub subscriber lost its connection to {} at {}: {}; reconnecting",
                            connections.describe(), lostAt, e.getMessage());
                }
            } catch (RuntimeException e) {
                if (current.getAsBoolean()) {
                    lostAt = Instant.now();
                    log.error("Pub/sub subscriber failed unexpectedly at {}; reconnecting", lostAt, e);
                }
            } finally {
                subscriptions.detach(s);
                s.close();
            }
        }
    }

    /** Opens a subscriber and subscribes it, under the lock, to everything running listeners need. */
    private Subscriber<byte[]> connect(RedisConfig target) {
        // No reconnection inside the Subscriber: this reader reconnects itself, with the recovery back-off, and
        // reports the gap to the listeners. Its health check (RedisConfig.healthCheckInterval) makes next() throw
        // when the server went silent, which this reader treats as a lost connection.
        // Subscriber.open proves with PING that the server answers before the connection counts as restored: over
        // RESP2 without credentials the handshake sends nothing, and through a black hole it would not answer.
        Subscriber<byte[]> s = Subscriber.open(target, ByteArrayCodec.INSTANCE, false);
        if (!subscriptions.attach(s, current)) {
            return null;
        }
        log.debug("Pub/sub subscriber connected to {} with channels {} and patterns {}", target.address(),
                subscriptions.channels(), subscriptions.patterns());
        return s;
    }

    private boolean pause(Duration delay) {
        return backOff.pause(current, delay);
    }

    /** Ends a back-off wait at once, e.g. when the container stops. */
    void wakeUp() {
        backOff.wakeAll();
    }
}
