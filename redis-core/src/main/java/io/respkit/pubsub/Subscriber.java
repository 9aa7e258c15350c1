package io.respkit.pubsub;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.codec.RedisCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.internal.connection.RespChannel;
import io.respkit.protocol.RespReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A pub/sub subscriber on its own dedicated connection: subscribe and unsubscribe to channels, patterns and shard
 * channels ({@link #ssubscribe(String...)}) at any
 * time, from any thread, and read messages with {@link #next(Duration)} (zero polls, like redis-py's
 * {@code get_message(timeout=0)}), {@link #next()} (waits for as long as it takes), {@link #listen()}, or a
 * {@link MessageListener} ({@link #run}, {@link #start}). Subscription confirmations are delivered as
 * {@link SubscriptionEvent}s, as redis-py's {@code listen()} does, unless {@link #ignoreSubscribeMessages(boolean)}
 * turns them off. Works over RESP2 (messages as arrays) and RESP3 (messages as push frames).
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
 * <p><b>Dead peers</b>: a server that vanished without FIN or RST (a host gone, a NAT or firewall dropping the
 * connection) sends no error, and TCP alone would notice after hours. While a thread reads, a connection silent for
 * {@link RedisConfig#healthCheckInterval()} (15 s by default) is sent {@code PING}; with no reply within the read
 * timeout it is taken as lost, as above. The {@code PING}'s reply is never delivered as a message.
 *
 * <p><b>Closing</b> from another thread makes threads waiting in {@code next} return {@code null} and ends
 * {@link #listen()}'s iteration, without an exception.
 *
 * <p>Thread-safe for subscribing, unsubscribing and closing; messages are read by one thread at a time (the others
 * wait on a {@link ReentrantLock}, never a monitor: the reader holds it across socket reads, and a virtual thread
 * blocking inside a monitor pins its carrier on JDK 21–23). Usable from virtual threads.
 *
 * @param <V> the payload type
 */
public final class Subscriber<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** {@link #read}'s timeout meaning "for as long as it takes". */
    private static final long FOREVER = Long.MAX_VALUE;
    /** How long one read waits at most before the reading thread's interrupt flag is checked. */
    private static final long INTERRUPT_SLICE_NANOS = 100_000_000L;

    private final RedisConfig config;
    private final boolean reconnect;
    /** Whether the subscriber moves when its supplier names another node; see {@link #following}. */
    private final boolean follow;
    private final ReentrantLock readLock = new ReentrantLock();
    private final Reconnection reconnection;
    private final SubscriberLink link;
    private volatile boolean ignoreSubscribeMessages;
    // Touched only under readLock.
    private final PubSubFrames<V> frames;
    private final HealthCheck health;

    private Subscriber(RespChannel connection, RedisCodec<V> codec, boolean reconnect, Supplier<RedisConfig> nodes) {
        this(connection, codec, reconnect, nodes, false);
    }

    private Subscriber(RespChannel connection, RedisCodec<V> codec, boolean reconnect, Supplier<RedisConfig> nodes,
            boolean follow) {
        this.link = new SubscriberLink(connection, codec);
        this.config = connection.config();
        this.reconnect = reconnect;
        this.follow = follow;
        this.reconnection = new Reconnection(nodes, config);
        this.frames = new PubSubFrames<>(codec, config.address());
        this.health = new HealthCheck(config.healthCheckInterval(), config.timeout());
    }

    /**
     * Opens a subscriber on a connection of its own, which reconnects when it is lost. The connection is proved to
     * answer ({@code PING}) before this returns: over RESP2 without credentials the handshake sends nothing, and a
     * connection through a black hole would otherwise look fine.
     *
     * @param config the configuration
     * @param codec the payload codec
     * @param <V> the payload type
     * @return the subscriber, subscribed to nothing yet
     * @throws RedisConnectionException when the connection cannot be opened or did not answer; a
     *         {@link io.respkit.exceptions.RedisTimeoutException} when it timed out
     * @throws io.respkit.exceptions.RedisAuthenticationException when the server refused the credentials
     */
    public static <V> Subscriber<V> open(RedisConfig config, RedisCodec<V> codec) {
        return open(config, codec, true);
    }

    /**
     * Opens a subscriber on a connection of its own, proved to answer ({@code PING}) before this returns.
     *
     * @param config the configuration
     * @param codec the payload codec
     * @param reconnect whether to reconnect and resubscribe when the connection is lost; when {@code false}, reads
     *        and subscription changes on a lost connection throw {@link RedisConnectionException}, for callers
     *        that reconnect themselves
     * @param <V> the payload type
     * @return the subscriber, subscribed to nothing yet
     * @throws RedisConnectionException when the connection cannot be opened or did not answer; a
     *         {@link io.respkit.exceptions.RedisTimeoutException} when it timed out
     * @throws io.respkit.exceptions.RedisAuthenticationException when the server refused the credentials
     */
    public static <V> Subscriber<V> open(RedisConfig config, RedisCodec<V> codec, boolean reconnect) {
        return new Subscriber<>(HealthCheck.openAlive(config), codec, reconnect, () -> config);
    }

    /**
     * Opens a subscriber that reconnects to whichever node {@code nodes} names at each attempt, the first
     * connection included: for a cluster, where any node delivers {@code PUBLISH} and the first one may be gone.
     *
     * @param nodes the configuration of the node to connect to, called once per connection attempt
     * @param codec the payload codec
     * @param <V> the payload type
     * @return the subscriber, subscribed to nothing yet
     * @throws RedisConnectionException when the first connection cannot be opened or did not answer
     * @throws io.respkit.exceptions.RedisAuthenticationException when the server refused the credentials
     */
    public static <V> Subscriber<V> open(Supplier<RedisConfig> nodes, RedisCodec<V> codec) {
        return new Subscriber<>(HealthCheck.openAlive(nodes.get()), codec, true, nodes);
    }

    /**
     * Opens a subscriber that stays on the node {@code node} names, such as a Sentinel-monitored primary: before each
     * read, at least every 100 ms while it waits, it asks the supplier, and when the answer is another instance than
     * the configuration it is connected with, it moves there as if its connection had been lost: it resubscribes and
     * reports {@link SubscriptionEvent.Kind#RECONNECTED}, since messages published meanwhile were not received. So
     * the supplier must return the same instance for as long as the node does not change.
     *
     * @param node the configuration of the node to be on
     * @param codec the payload codec
     * @param <V> the payload type
     * @return the subscriber, subscribed to nothing yet
     * @throws RedisConnectionException when the first connection cannot be opened or did not answer
     * @throws io.respkit.exceptions.RedisAuthenticationException when the server refused the credentials
     */
    public static <V> Subscriber<V> following(Supplier<RedisConfig> node, RedisCodec<V> codec) {
        return new Subscriber<>(HealthCheck.openAlive(node.get()), codec, true, node, true);
    }

    /**
     * Sets whether subscription confirmations ({@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code PSUBSCRIBE},
     * {@code PUNSUBSCRIBE} events) are skipped, like redis-py's {@code ignore_subscribe_messages=True}: readers then
     * see only messages, and {@link SubscriptionEvent.Kind#RECONNECTED}, which reports lost messages and is never
     * skipped. Off by default.
     *
     * @param ignore whether to skip confirmations
     * @return this subscriber
     */
    public Subscriber<V> ignoreSubscribeMessages(boolean ignore) {
        this.ignoreSubscribeMessages = ignore;
        return this;
    }

    /**
     * Subscribes to channels ({@code SUBSCRIBE}). Returns once the command is sent; the confirmation arrives as a
     * {@link SubscriptionEvent}.
     *
     * @param names the channels
     * @throws RedisConnectionException when the connection failed
     */
    public void subscribe(String... names) {
        link.change("SUBSCRIBE", names, reconnect);
    }

    /**
     * Subscribes to glob-style patterns ({@code PSUBSCRIBE}).
     *
     * @param names the patterns, e.g. {@code "fm*"}
     * @throws RedisConnectionException when the connection failed
     */
    public void psubscribe(String... names) {
        link.change("PSUBSCRIBE", names, reconnect);
    }

    /**
     * Unsubscribes from channels ({@code UNSUBSCRIBE}); with no names, from all channels.
     *
     * @param names the channels, or none for all
     * @throws RedisConnectionException when the connection failed
     */
    public void unsubscribe(String... names) {
        link.change("UNSUBSCRIBE", names, reconnect);
    }

    /**
     * Unsubscribes from patterns ({@code PUNSUBSCRIBE}); with no names, from all patterns.
     *
     * @param names the patterns, or none for all
     * @throws RedisConnectionException when the connection failed
     */
    public void punsubscribe(String... names) {
        link.change("PUNSUBSCRIBE", names, reconnect);
    }

    /**
     * Subscribes to shard channels ({@code SSUBSCRIBE}, Redis 7.0+): messages published to them with
     * {@code SPUBLISH} arrive as {@link ShardMessage}s. Returns once the command is sent; the confirmation arrives
     * as a {@link SubscriptionEvent.Kind#SSUBSCRIBE} event. On a cluster, the channels of one call must hash to one
     * slot, and the subscriber must be connected to the node serving it.
     *
     * @param names the shard channels
     * @throws RedisConnectionException when the subscriber is closed, or the command could not be sent and the
     *         subscriber does not reconnect
     */
    public void ssubscribe(String... names) {
        link.change("SSUBSCRIBE", names, reconnect);
    }

    /**
     * Unsubscribes from shard channels ({@code SUNSUBSCRIBE}); with no names, from all shard channels.
     *
     * @param names the shard channels, or none for all
     * @throws RedisConnectionException when the subscriber is closed, or the command could not be sent and the
     *         subscriber does not reconnect
     */
    public void sunsubscribe(String... names) {
        link.change("SUNSUBSCRIBE", names, reconnect);
    }

    /**
     * Returns the next message or subscription event, waiting at most {@code timeout}. {@link Duration#ZERO} polls:
     * it returns what has arrived already, or {@code null} at once (like redis-py's {@code get_message(timeout=0)});
     * {@link #next()} waits for as long as it takes.
     *
     * @param timeout how long to wait; zero does not wait
     * @return the message, or {@code null} when none arrived in time (also when the connection was lost and could
     *         not be restored in time, the next call trying again), or when the subscriber is closed (before or
     *         during the call)
     * @throws RedisConnectionException when the connection failed and this subscriber does not reconnect; a
     *         {@link io.respkit.exceptions.RedisTimeoutException} when the connection was found dead by the health check
     * @throws io.respkit.exceptions.RedisProtocolException when the server sent malformed data and this subscriber does not
     *         reconnect
     * @throws RedisInterruptedException when the calling thread is or gets interrupted (within about 100 ms); its
     *         interrupt flag stays set and the subscriber stays usable
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public PubSubMessage<V> next(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long nanos = timeout.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L / 2 ? FOREVER : timeout.toNanos();
        return read(nanos);
    }

    /**
     * Waits for the next message or subscription event for as long as it takes, reconnecting meanwhile when the
     * connection is lost (unless reconnection is off).
     *
     * @return the message, or {@code null} only when the subscriber is closed (before or during the call)
     * @throws RedisConnectionException when the connection failed and this subscriber does not reconnect; a
     *         {@link io.respkit.exceptions.RedisTimeoutException} when the connection was found dead by the health check
     * @throws io.respkit.exceptions.RedisProtocolException when the server sent malformed data and this subscriber does not
     *         reconnect
     * @throws RedisInterruptedException when the calling thread is or gets interrupted (within about 100 ms); its
     *         interrupt flag stays set and the subscriber stays usable
     */
    public PubSubMessage<V> next() {
        return read(FOREVER);
    }

    /** Reads until a message, the deadline ({@code timeoutNanos} from now, or {@link #FOREVER}), or close. */
    private PubSubMessage<V> read(long timeoutNanos) {
        try {
            readLock.lockInterruptibly(); // another thread reads: wait for it, as interruptibly as a read
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisInterruptedException("Interrupted while waiting for a message from " + address()
                    + "; the subscriber stays usable");
        }
        try {
            long now = System.nanoTime();
            long deadline = timeoutNanos == FOREVER ? FOREVER : now + timeoutNanos;
            for (;;) {
                if (link.isClosed()) {
                    return null;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new RedisInterruptedException("Interrupted while waiting for a message from "
                            + address() + "; the subscriber stays usable");
                }
                // Waits in slices, since a socket read ignores Thread.interrupt(): each slice that passes checks it.
                long budget = Math.min(Math.min(deadline == FOREVER ? FOREVER : deadline - now, health.readBudget(now)),
                        INTERRUPT_SLICE_NANOS);
                Object frame = null;
                RuntimeException lost = follow && reconnection.moved()
                        ? new RedisConnectionException("the node moved away from " + reconnection.config().address())
                        : null;
                if (lost == null) {
                    try {
                        frame = link.channel().readFrame(socketMillis(budget));
                    } catch (RedisConnectionException | RedisProtocolException e) {
                        lost = e;
                    }
                }
                if (lost == null && frame != RespReader.INCOMPLETE) {
                    health.heard();
                    PubSubMessage<V> message = frames.toMessage(frame);
                    if (message != null && !(ignoreSubscribeMessages && message instanceof SubscriptionEvent<V>)) {
                        return message;
                    }
                    // Not for the caller (a PONG, a skipped confirmation): read on, at least what is buffered.
                } else if (lost == null) {
                    now = System.nanoTime();
                    lost = checkHealth(now);
                    if (lost == null && now - deadline >= 0 && deadline != FOREVER) {
                        return null;
                    }
                }
                if (lost != null) {
                    if (link.isClosed()) {
                        return null;
                    }
                    if (!reconnect) {
                        throw lost;
                    }
                    PubSubMessage<V> event = reconnection.reconnect(link, health, lost, deadline);
                    if (event != null || link.isClosed()
                            || deadline != FOREVER && System.nanoTime() - deadline >= 0) {
                        return event;
                    }
                }
                now = System.nanoTime();
            }
        } finally {
            readLock.unlock();
        }
    }

    /**
     * The socket timeout for a read of at most {@code nanos}: 0 (the socket's "forever") only for
     * {@link #FOREVER}, and at least 1 ms otherwise, so that a poll reads what has already arrived.
     */
    private static int socketMillis(long nanos) {
        return nanos == FOREVER ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
    }

    /**
     * After a read timed out: sends the health-check {@code PING} when the connection has been silent for the
     * interval, and returns the failure to act on when the {@code PING} went unanswered (the connection is then
     * broken) or could not be written.
     */
    private RuntimeException checkHealth(long now) {
        HealthCheck.Verdict verdict = health.timedOut(now);
        if (verdict == HealthCheck.Verdict.PING) {
            try {
                link.ping();
                log.debug("Subscriber on {} silent for {}; sent PING", address(), config.healthCheckInterval());
            } catch (RedisConnectionException e) {
                return e;
            }
        } else if (verdict == HealthCheck.Verdict.DEAD) {
            link.channel().markBroken();
            return health.deadPeer(address());
        }
        return null;
    }

    /**
     * Returns how many times this subscriber reconnected after losing its connection.
     *
     * @return the number of reconnections, 0 while the first connection lasts
     */
    public long reconnects() {
        return reconnection.reconnects();
    }

    /**
     * Returns a blocking iterable over messages and events, like redis-py's {@code listen()}. Iteration ends when
     * the subscriber is closed, also from another thread while {@code hasNext()} waits. {@code hasNext()} throws
     * what {@link #next()} throws.
     *
     * @return the messages
     */
    public Iterable<PubSubMessage<V>> listen() {
        return () -> new MessageIterator<>(this::next);
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
                log.warn("Subscriber on {} stopped: {}", address(), e.getMessage());
            }
        }, "respkit-subscriber-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @return the channels subscribed to by this subscriber's calls */
    public Set<String> channels() {
        return Collections.unmodifiableSet(link.channels());
    }

    /** @return the patterns subscribed to by this subscriber's calls */
    public Set<String> patterns() {
        return Collections.unmodifiableSet(link.patterns());
    }

    /** @return the shard channels subscribed to by this subscriber's calls */
    public Set<String> shardChannels() {
        return Collections.unmodifiableSet(link.shardChannels());
    }

    /** @return {@code true} until closed or broken */
    public boolean isOpen() {
        return !link.isClosed() && link.channel().isUsable();
    }

    /**
     * Closes the subscriber's connection. Idempotent. Threads waiting in {@link #next}, {@link #next(Duration)} or
     * {@link #listen()} return ({@code null}, end of iteration) without an exception; later reads return
     * {@code null} at once, and later subscription changes throw {@link RedisConnectionException}.
     */
    @Override
    public void close() {
        link.close();
        reconnection.wakeUp();
    }

    /** The node connected to now, or last tried: a subscriber opened with a supplier may move. */
    private String address() {
        return reconnection.config().address();
    }

    @Override
    public String toString() {
        return "Subscriber[" + address() + ", channels=" + link.channels() + ", patterns=" + link.patterns()
                + ", shardChannels=" + link.shardChannels() + "]";
    }
}
