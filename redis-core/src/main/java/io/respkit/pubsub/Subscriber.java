package io.respkit.pubsub;

import io.respkit.RedisConnectionException;
import io.respkit.RedisException;
import io.respkit.RedisProtocolException;
import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.connection.RedisConfig;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p><b>Reconnection</b> (on unless turned off in the constructor): when the connection is lost (the server
 * restarted, {@code CLIENT KILL}, a network failure), the thread reading messages opens a new connection with
 * back-off (50 ms doubling up to 2 s, for as long as that read's timeout allows, retried by the next read) and
 * subscribes it again to exactly the channels and patterns subscribed at that moment, each once. It then delivers a
 * {@link SubscriptionEvent.Kind#RECONNECTED} event, telling the reader that messages published during the gap were
 * not received (Redis pub/sub does not store them), followed by the server's confirmations of the resubscriptions.
 * {@link #reconnects()} counts reconnections. Only a reading thread reconnects.
 *
 * <p>Thread-safe for subscribing, unsubscribing and closing; messages are read by one thread at a time.
 *
 * @param <V> the payload type
 */
public final class Subscriber<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 2_000;
    private static final Duration LISTEN_POLL = Duration.ofSeconds(1);
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] PMESSAGE = ascii("pmessage");

    private final RedisConfig config;
    private final RedisCodec<V> codec;
    private final boolean reconnect;
    // Guards the connection swap and every write, so that a subscription change is either made before a
    // reconnection (and then resubscribed) or sent on the new connection: never lost, never sent twice.
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private final Object closeSignal = new Object();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final Set<String> patterns = ConcurrentHashMap.newKeySet();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile RedisConnection connection;
    private volatile boolean closed;
    private long lostAtNanos;
    private long retryMillis = FIRST_RETRY_MILLIS;
    // The channel of the last message, decoded once: a subscriber mostly sees the same few channels, and decoding
    // the name of every message was a measurable share of its cost. Touched only under readLock.
    private byte[] lastChannelBytes;
    private String lastChannel;

    /**
     * Wraps a dedicated connection, reconnecting when it is lost; the subscriber owns it and closes it.
     *
     * @param connection a connection used for nothing else
     * @param codec the payload codec
     */
    public Subscriber(RedisConnection connection, RedisCodec<V> codec) {
        this(connection, codec, true);
    }

    /**
     * Wraps a dedicated connection; the subscriber owns it and closes it.
     *
     * @param connection a connection used for nothing else
     * @param codec the payload codec
     * @param reconnect whether to reconnect and resubscribe when the connection is lost; when {@code false}, reads
     *        and subscription changes on a lost connection throw {@link RedisConnectionException}, for callers
     *        that reconnect themselves
     */
    public Subscriber(RedisConnection connection, RedisCodec<V> codec, boolean reconnect) {
        this.connection = connection;
        this.config = connection.config();
        this.codec = codec;
        this.reconnect = reconnect;
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
        change("SUBSCRIBE", names, () -> channels.addAll(Arrays.asList(names)));
    }

    /**
     * Subscribes to glob-style patterns ({@code PSUBSCRIBE}).
     *
     * @param names the patterns, e.g. {@code "fm*"}
     * @throws RedisConnectionException when the connection failed
     */
    public void psubscribe(String... names) {
        change("PSUBSCRIBE", names, () -> patterns.addAll(Arrays.asList(names)));
    }

    /**
     * Unsubscribes from channels ({@code UNSUBSCRIBE}); with no names, from all channels.
     *
     * @param names the channels, or none for all
     * @throws RedisConnectionException when the connection failed
     */
    public void unsubscribe(String... names) {
        change("UNSUBSCRIBE", names, () -> {
            if (names.length == 0) {
                channels.clear();
            } else {
                channels.removeAll(Arrays.asList(names));
            }
        });
    }

    /**
     * Unsubscribes from patterns ({@code PUNSUBSCRIBE}); with no names, from all patterns.
     *
     * @param names the patterns, or none for all
     * @throws RedisConnectionException when the connection failed
     */
    public void punsubscribe(String... names) {
        change("PUNSUBSCRIBE", names, () -> {
            if (names.length == 0) {
                patterns.clear();
            } else {
                patterns.removeAll(Arrays.asList(names));
            }
        });
    }

    /**
     * Sends a subscription change and records it, both under the write lock. Without reconnection the change is
     * recorded only once sent. With it, the change is recorded first and a send failure on a lost connection is
     * left to the reader, which resubscribes whatever is recorded when it reconnects.
     */
    private void change(String command, String[] names, Runnable record) {
        synchronized (writeLock) {
            if (!reconnect) {
                send(connection, command, names);
                record.run();
                return;
            }
            record.run();
            try {
                send(connection, command, names);
            } catch (RedisConnectionException e) {
                if (closed) {
                    throw e;
                }
                log.debug("{} on {} deferred until the subscriber reconnects: {}", command, config.address(),
                        e.getMessage());
            }
        }
    }

    private void send(RedisConnection target, String command, String... names) {
        Command<Object> cmd = Command.create(codec, command, Decoders.raw());
        for (String name : names) {
            cmd.arg(name);
        }
        target.sendNow(cmd);
    }

    /**
     * Waits for the next message or subscription event.
     *
     * @param timeout how long to wait; zero waits forever
     * @return the message, or {@code null} when none arrived in time (also when the connection was lost and could
     *         not be restored in time; the next call tries again)
     * @throws RedisConnectionException when the subscriber was closed, or when the connection failed and this
     *         subscriber does not reconnect
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
                Object frame;
                try {
                    frame = connection.readFrame(millis);
                } catch (RedisConnectionException | RedisProtocolException e) {
                    if (closed || !reconnect) {
                        throw e;
                    }
                    return reconnect(e, timeout.isZero() ? Long.MAX_VALUE : deadline);
                }
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
     * Opens a new connection and resubscribes it, retrying with back-off until {@code deadline}.
     *
     * @return the {@code RECONNECTED} event, or {@code null} when the deadline passed first
     */
    private PubSubMessage<V> reconnect(RuntimeException cause, long deadline) {
        if (lostAtNanos == 0) {
            lostAtNanos = System.nanoTime();
            log.warn("Subscriber lost its connection to {}: {}; reconnecting", config.address(), cause.getMessage());
        }
        for (;;) {
            ensureOpen();
            try {
                int subscriptions = swapConnection(RedisConnection.open(config));
                reconnects.incrementAndGet();
                long gapMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAtNanos);
                lostAtNanos = 0;
                retryMillis = FIRST_RETRY_MILLIS;
                log.warn("Subscriber reconnected to {} after {} ms and resubscribed to {} channel(s) and {} "
                        + "pattern(s); messages published meanwhile were not received", config.address(), gapMillis,
                        channels.size(), patterns.size());
                return new SubscriptionEvent<>(SubscriptionEvent.Kind.RECONNECTED, null, subscriptions);
            } catch (RedisException e) {
                ensureOpen();
                log.debug("Subscriber cannot reconnect to {} yet: {}", config.address(), e.getMessage());
            }
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                    : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            long wait = Math.min(retryMillis, left);
            if (wait <= 0) {
                return null;
            }
            retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
            synchronized (closeSignal) {
                if (!closed) {
                    try {
                        closeSignal.wait(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new RedisConnectionException("Interrupted while reconnecting the subscriber to "
                                + config.address(), e);
                    }
                }
            }
        }
    }

    /** Installs a fresh connection and subscribes it to what is recorded; returns how many names it subscribed. */
    private int swapConnection(RedisConnection fresh) {
        synchronized (writeLock) {
            if (closed) {
                fresh.close();
                ensureOpen();
            }
            fresh.markSubscribed(true);
            try {
                if (!channels.isEmpty()) {
                    send(fresh, "SUBSCRIBE", channels.toArray(String[]::new));
                }
                if (!patterns.isEmpty()) {
                    send(fresh, "PSUBSCRIBE", patterns.toArray(String[]::new));
                }
            } catch (RedisException e) {
                fresh.close();
                throw e;
            }
            RedisConnection old = connection;
            connection = fresh;
            old.close();
            return channels.size() + patterns.size();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new RedisConnectionException("Subscriber to " + config.address() + " is closed");
        }
    }

    /**
     * Returns how many times this subscriber reconnected after losing its connection.
     *
     * @return the number of reconnections, 0 while the first connection lasts
     */
    public long reconnects() {
        return reconnects.get();
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
                        next = Subscriber.this.next(LISTEN_POLL);
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
        synchronized (writeLock) {
            connection.close();
        }
        synchronized (closeSignal) {
            closeSignal.notifyAll();
        }
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
        Object first = parts.get(0);
        // Messages dominate: recognise them from the raw bytes, without decoding the kind.
        if (first instanceof byte[] b && parts.size() == 3 && Arrays.equals(b, MESSAGE)) {
            return new Message<>(channel(parts.get(1)), Decoders.value(parts.get(2), codec));
        }
        if (first instanceof byte[] b && parts.size() == 4 && Arrays.equals(b, PMESSAGE)) {
            return new PatternMessage<>(text(parts, 1), channel(parts.get(2)), Decoders.value(parts.get(3), codec));
        }
        String kind = Decoders.text(first, codec.charset());
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

    private String channel(Object raw) {
        if (raw instanceof byte[] bytes) {
            if (!Arrays.equals(bytes, lastChannelBytes)) {
                lastChannel = Decoders.text(bytes, codec.charset());
                lastChannelBytes = bytes;
            }
            return lastChannel;
        }
        return raw == null ? null : Decoders.text(raw, codec.charset());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
