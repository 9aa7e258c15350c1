package io.respkit.pubsub;

import io.respkit.RedisConnectionException;
import io.respkit.RedisException;
import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.connection.RedisConnection;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.RespReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pub/sub subscriber on its own dedicated connection: subscribe and unsubscribe to channels and patterns at any
 * time, from any thread, and read messages with {@link #next(Duration)}, {@link #listen()}, or a
 * {@link MessageListener} ({@link #run}, {@link #start}). Subscription confirmations are delivered as
 * {@link SubscriptionEvent}s, as redis-py's {@code listen()} does. Works over RESP2 (messages as arrays) and RESP3
 * (messages as push frames).
 *
 * <pre>{@code
 * try (Subscriber<String> sub = client.subscriber()) {
 *     sub.subscribe("fm97.5", "fm77.5");
 *     for (PubSubMessage<String> m : sub.listen()) {
 *         if (m instanceof Message<String> msg) { ... msg.channel() ... msg.payload() ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe for subscribing, unsubscribing and closing; messages are read by one thread at a time.
 *
 * @param <V> the payload type
 */
public final class Subscriber<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RedisConnection connection;
    private final RedisCodec<V> codec;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final Set<String> patterns = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Wraps a dedicated connection; the subscriber owns it and closes it.
     *
     * @param connection a connection used for nothing else
     * @param codec the payload codec
     */
    public Subscriber(RedisConnection connection, RedisCodec<V> codec) {
        this.connection = connection;
        this.codec = codec;
        connection.markSubscribed(true);
    }

    /**
     * Subscribes to channels ({@code SUBSCRIBE}). Returns once the command is sent; the confirmation arrives as a
     * {@link SubscriptionEvent}.
     *
     * @param names the channels
     * @throws RedisConnectionException when the connection failed
     */
    public void subscribe(String... names) {
        send("SUBSCRIBE", names);
        channels.addAll(Arrays.asList(names));
    }

    /**
     * Subscribes to glob-style patterns ({@code PSUBSCRIBE}).
     *
     * @param names the patterns, e.g. {@code "fm*"}
     * @throws RedisConnectionException when the connection failed
     */
    public void psubscribe(String... names) {
        send("PSUBSCRIBE", names);
        patterns.addAll(Arrays.asList(names));
    }

    /**
     * Unsubscribes from channels ({@code UNSUBSCRIBE}); with no names, from all channels.
     *
     * @param names the channels, or none for all
     * @throws RedisConnectionException when the connection failed
     */
    public void unsubscribe(String... names) {
        send("UNSUBSCRIBE", names);
        if (names.length == 0) {
            channels.clear();
        } else {
            channels.removeAll(Arrays.asList(names));
        }
    }

    /**
     * Unsubscribes from patterns ({@code PUNSUBSCRIBE}); with no names, from all patterns.
     *
     * @param names the patterns, or none for all
     * @throws RedisConnectionException when the connection failed
     */
    public void punsubscribe(String... names) {
        send("PUNSUBSCRIBE", names);
        if (names.length == 0) {
            patterns.clear();
        } else {
            patterns.removeAll(Arrays.asList(names));
        }
    }

    private void send(String command, String... names) {
        Command<Object> cmd = Command.create(codec, command, Decoders.raw());
        for (String name : names) {
            cmd.arg(name);
        }
        synchronized (writeLock) {
            connection.sendNow(cmd);
        }
    }

    /**
     * Waits for the next message or subscription event.
     *
     * @param timeout how long to wait; zero waits forever
     * @return the message, or {@code null} when none arrived in time
     * @throws RedisConnectionException when the connection failed or the subscriber was closed
     * @throws io.respkit.RedisProtocolException when the server sent malformed data
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public PubSubMessage<V> next(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        // a timeout under one millisecond must not become 0, which the socket takes as "wait forever"
        int millis = timeout.isZero() ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readLock) {
            for (;;) {
                Object frame = connection.readFrame(millis);
                if (frame == RespReader.INCOMPLETE) {
                    return null;
                }
                PubSubMessage<V> message = toMessage(frame);
                if (message != null) {
                    return message;
                }
                if (!timeout.isZero()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
                }
            }
        }
    }

    /**
     * Returns a blocking iterable over messages and events, like redis-py's {@code listen()}. Iteration ends when
     * the subscriber is closed.
     *
     * @return the messages
     */
    public Iterable<PubSubMessage<V>> listen() {
        return () -> new Iterator<>() {
            private PubSubMessage<V> next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (closed) {
                        return false;
                    }
                    try {
                        next = Subscriber.this.next(Duration.ofSeconds(1));
                    } catch (RedisConnectionException e) {
                        if (closed) {
                            return false;
                        }
                        throw e;
                    }
                }
                return true;
            }

            @Override
            public PubSubMessage<V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                PubSubMessage<V> m = next;
                next = null;
                return m;
            }
        };
    }

    /**
     * Delivers every message to {@code listener} on the calling thread until the subscriber is closed.
     *
     * @param listener the listener; its exceptions are logged and do not stop delivery
     * @throws RedisConnectionException when the connection failed (not when it was closed)
     */
    public void run(MessageListener<V> listener) {
        for (PubSubMessage<V> message : listen()) {
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                log.warn("Pub/sub listener failed on a message from '{}'", message.channel(), e);
            }
        }
    }

    /**
     * Delivers every message to {@code listener} on a new daemon thread until the subscriber is closed.
     *
     * @param listener the listener
     * @return the thread
     */
    public Thread start(MessageListener<V> listener) {
        Thread t = new Thread(() -> {
            try {
                run(listener);
            } catch (RedisException e) {
                log.warn("Subscriber on {} stopped: {}", connection.address(), e.getMessage());
            }
        }, "respkit-subscriber-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @return the channels subscribed to by this subscriber's calls */
    public Set<String> channels() {
        return Collections.unmodifiableSet(channels);
    }

    /** @return the patterns subscribed to by this subscriber's calls */
    public Set<String> patterns() {
        return Collections.unmodifiableSet(patterns);
    }

    /** @return {@code true} until closed or broken */
    public boolean isOpen() {
        return !closed && connection.isUsable();
    }

    /**
     * Closes the subscriber's connection; a thread blocked in {@link #next} or {@link #listen} returns.
     */
    @Override
    public void close() {
        closed = true;
        connection.close();
    }

    private PubSubMessage<V> toMessage(Object frame) {
        if (frame instanceof ErrorReply error) {
            log.warn("Subscriber on {} got an error: {}", connection.address(), error.message());
            return null;
        }
        List<Object> parts;
        try {
            parts = Decoders.elements(frame);
        } catch (RedisException e) {
            log.debug("Subscriber ignoring a non-message frame");
            return null;
        }
        if (parts.isEmpty()) {
            return null;
        }
        String kind = Decoders.text(parts.get(0), codec.charset());
        switch (kind) {
            case "message":
                return new Message<>(text(parts, 1), Decoders.value(parts.get(2), codec));
            case "pmessage":
                return new PatternMessage<>(text(parts, 1), text(parts, 2), Decoders.value(parts.get(3), codec));
            case "subscribe":
                return event(SubscriptionEvent.Kind.SUBSCRIBE, parts);
            case "unsubscribe":
                return event(SubscriptionEvent.Kind.UNSUBSCRIBE, parts);
            case "psubscribe":
                return event(SubscriptionEvent.Kind.PSUBSCRIBE, parts);
            case "punsubscribe":
                return event(SubscriptionEvent.Kind.PUNSUBSCRIBE, parts);
            default:
                log.debug("Subscriber ignoring a '{}' frame", kind);
                return null;
        }
    }

    private SubscriptionEvent<V> event(SubscriptionEvent.Kind kind, List<Object> parts) {
        return new SubscriptionEvent<>(kind, text(parts, 1), parts.size() > 2 ? Decoders.toLong(parts.get(2)) : 0);
    }

    private String text(List<Object> parts, int i) {
        Object o = parts.get(i);
        return o == null ? null : Decoders.text(o, codec.charset());
    }

    @Override
    public String toString() {
        return "Subscriber[" + connection.address() + ", channels=" + channels + ", patterns=" + patterns + "]";
    }
}
