package io.respkit.spring.listener;

import io.respkit.exceptions.RedisException;
import io.respkit.pubsub.Subscriber;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The subscription bookkeeping of a {@link PubSubListenerContainer}: which listeners want which channels and
 * patterns, and the one subscriber connection that carries them.
 *
 * <p>Thread-safe. Registration, (re)subscription and the swap of the subscriber happen under one lock, so a name is
 * never subscribed twice and a new subscriber always starts from the complete set; the reader thread looks listeners
 * up without that lock, on concurrent maps and copy-on-write sets, because it does so once per message.
 *
 * @param <L> the listener type
 */
final class PubSubSubscriptions<L> {

    /** A lock, not a monitor: held across (un)subscribe writes, maybe by virtual threads (JDK 21–23 pin there). */
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Set<L>> byChannel = new ConcurrentHashMap<>();
    private final Map<String, Set<L>> byPattern = new ConcurrentHashMap<>();
    private Subscriber<byte[]> subscriber;
    private volatile long connections;

    /**
     * Returns the listeners of a channel.
     *
     * @param channel the channel
     * @return its listeners, or {@code null} when none
     */
    Set<L> channelListeners(String channel) {
        return byChannel.get(channel);
    }

    /**
     * Returns the listeners of a pattern.
     *
     * @param pattern the pattern
     * @return its listeners, or {@code null} when none
     */
    Set<L> patternListeners(String pattern) {
        return byPattern.get(pattern);
    }

    /**
     * Returns the subscribed channel names, for logs.
     *
     * @return a live view
     */
    Set<String> channels() {
        return byChannel.keySet();
    }

    /**
     * Returns the subscribed patterns, for logs.
     *
     * @return a live view
     */
    Set<String> patterns() {
        return byPattern.keySet();
    }

    /**
     * Returns whether a subscriber is attached and open.
     *
     * @return {@code true} while connected
     */
    boolean isConnected() {
        lock.lock();
        try {
            return subscriber != null && subscriber.isOpen();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns how many subscribers were attached.
     *
     * @return the number of connections attached
     */
    long connectionCount() {
        return connections;
    }

    /**
     * Registers a listener and, when {@code subscribeNow} and a subscriber is attached, subscribes it to the names
     * no other listener wanted yet. The registration stands even when subscribing fails: the reader sees the broken
     * connection and resubscribes everything on reconnect.
     *
     * @param listener the listener
     * @param channels its channels
     * @param patterns its patterns
     * @param subscribeNow whether the container runs, i.e. whether the attached subscriber may be used
     * @throws RedisException when subscribing failed
     */
    void add(L listener, List<String> channels, List<String> patterns, boolean subscribeNow) {
        List<String> newChannels = new ArrayList<>();
        List<String> newPatterns = new ArrayList<>();
        lock.lock();
        try {
            register(byChannel, listener, channels, newChannels);
            register(byPattern, listener, patterns, newPatterns);
            if (subscribeNow && subscriber != null) {
                if (!newChannels.isEmpty()) {
                    subscriber.subscribe(newChannels.toArray(String[]::new));
                }
                if (!newPatterns.isEmpty()) {
                    subscriber.psubscribe(newPatterns.toArray(String[]::new));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unregisters a listener and unsubscribes the names no other listener wants any more. The registration is gone
     * even when unsubscribing fails.
     *
     * @param listener the listener
     * @param channels its channels
     * @param patterns its patterns
     * @throws RedisException when unsubscribing failed
     */
    void remove(L listener, List<String> channels, List<String> patterns) {
        List<String> goneChannels = new ArrayList<>();
        List<String> gonePatterns = new ArrayList<>();
        lock.lock();
        try {
            unregister(byChannel, listener, channels, goneChannels);
            unregister(byPattern, listener, patterns, gonePatterns);
            if (subscriber != null) {
                if (!goneChannels.isEmpty()) {
                    subscriber.unsubscribe(goneChannels.toArray(String[]::new));
                }
                if (!gonePatterns.isEmpty()) {
                    subscriber.punsubscribe(gonePatterns.toArray(String[]::new));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Subscribes a new subscriber to everything registered and makes it the attached one, unless {@code current}
     * says its reader is no longer wanted (then it is closed).
     *
     * @param s the new subscriber
     * @param current whether the reader that opened it still belongs to the running container
     * @return {@code false} when it was closed instead
     * @throws RedisException when subscribing failed; {@code s} is closed then
     */
    boolean attach(Subscriber<byte[]> s, BooleanSupplier current) {
        lock.lock();
        try {
            if (!current.getAsBoolean()) {
                s.close();
                return false;
            }
            try {
                if (!byChannel.isEmpty()) {
                    s.subscribe(byChannel.keySet().toArray(String[]::new));
                }
                if (!byPattern.isEmpty()) {
                    s.psubscribe(byPattern.keySet().toArray(String[]::new));
                }
            } catch (RedisException e) {
                s.close();
                throw e;
            }
            subscriber = s;
            connections++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets {@code s} if it is the attached subscriber; it is not closed here.
     *
     * @param s the subscriber whose reader is done with it
     */
    void detach(Subscriber<byte[]> s) {
        lock.lock();
        try {
            if (subscriber == s) {
                subscriber = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Closes the attached subscriber, if any, which ends its reader's wait for the next message. */
    void closeSubscriber() {
        lock.lock();
        try {
            if (subscriber != null) {
                subscriber.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private static <L> void register(Map<String, Set<L>> index, L listener, List<String> names, List<String> added) {
        for (String name : names) {
            Set<L> set = index.computeIfAbsent(name, k -> new CopyOnWriteArraySet<>());
            if (set.isEmpty()) {
                added.add(name);
            }
            set.add(listener);
        }
    }

    private static <L> void unregister(Map<String, Set<L>> index, L listener, List<String> names,
            List<String> removed) {
        for (String name : names) {
            Set<L> set = index.get(name);
            if (set != null && set.remove(listener) && set.isEmpty()) {
                index.remove(name);
                removed.add(name);
            }
        }
    }
}
