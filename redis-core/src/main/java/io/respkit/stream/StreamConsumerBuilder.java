package io.respkit.stream;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.StreamOffset;
import io.respkit.connection.Backoff;
import io.respkit.internal.DurationLimit;
import io.respkit.internal.stream.StreamConnectionSource;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a {@link StreamConsumer}; get one from {@link StreamConsumer#builder(io.respkit.RedisClient)}. The stream,
 * the group and a handler are required; everything else has a default. Each setter checks its argument at once.
 *
 * <p>Not thread-safe: build on one thread. The built consumer shares nothing with the builder.
 *
 * @param <V> the value type
 */
public final class StreamConsumerBuilder<V> {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final StreamConnectionSource<V> source;
    private final RedisCodec<V> codec;
    private String stream;
    private String group;
    private String consumer;
    private String listenerId;
    private StreamOffset startId = StreamOffset.latest();
    private int concurrency = 1;
    private int batchSize = 10;
    private Duration block = Duration.ofSeconds(2);
    private int maxAttempts = 3;
    private Backoff retryBackoff = new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));
    private String deadLetterStream;
    private Duration claimIdle = Duration.ofMinutes(1);
    private Duration claimInterval = Duration.ofSeconds(30);
    private Backoff reconnectBackoff = Backoff.DEFAULT;
    private Duration closeGrace = Duration.ofSeconds(10);
    private StreamHandler<V> handler;
    private StreamBatchHandler<V> batchHandler;
    private StreamErrorListener errorListener = StreamConsumer.LOGGING_ERROR_LISTENER;
    private StreamConsumerListener listener = new StreamConsumerListener() { };

    StreamConsumerBuilder(StreamConnectionSource<V> source, RedisCodec<V> codec) {
        this.source = source;
        this.codec = codec;
    }

    private static String text(String value, String what) {
        Objects.requireNonNull(value, what + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    private static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
        return DurationLimit.check(value, what);
    }

    private static int atLeastOne(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, not " + value);
        }
        return value;
    }

    /**
     * Sets the stream's key (required).
     *
     * @param stream the key
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when blank
     */
    public StreamConsumerBuilder<V> stream(String stream) {
        this.stream = text(stream, "stream");
        return this;
    }

    /**
     * Sets the consumer group (required); created when missing.
     *
     * @param group the group's name
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when blank
     */
    public StreamConsumerBuilder<V> group(String group) {
        this.group = text(group, "group");
        return this;
    }

    /**
     * Sets the consumer name; with a concurrency above 1 the workers are {@code <consumer>-1} to
     * {@code <consumer>-n}. Default: this instance's stable name, {@code <host>-<pid>-<n>} with {@code n} counting
     * the consumers built in this JVM; set a name of your own to have a restarted process take up its own pending
     * entries at once rather than after the claim-idle time.
     *
     * @param consumer the name
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when blank
     */
    public StreamConsumerBuilder<V> consumer(String consumer) {
        this.consumer = text(consumer, "consumer");
        return this;
    }

    /**
     * Names the application component that consumes, e.g. the starter's listener id; dead letters carry it in
     * {@code dead-letter-listener}. Default: none.
     *
     * @param listenerId the id
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when blank
     */
    public StreamConsumerBuilder<V> listenerId(String listenerId) {
        this.listenerId = text(listenerId, "listenerId");
        return this;
    }

    /**
     * Sets where a group created by this consumer starts: {@link StreamOffset#latest()} ({@code $}, the default:
     * only entries added from now on) or an id ({@link io.respkit.commands.StreamEntryId#MIN} for every entry in the
     * stream). An existing group keeps its position.
     *
     * @param startId the start
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when it is {@link StreamOffset#undelivered()}, which XGROUP CREATE refuses
     */
    public StreamConsumerBuilder<V> startId(StreamOffset startId) {
        Objects.requireNonNull(startId, "startId must not be null");
        if (startId == StreamOffset.undelivered()) {
            throw new IllegalArgumentException("startId must be StreamOffset.latest() or an id, not '>'");
        }
        this.startId = startId;
        return this;
    }

    /**
     * Sets the number of worker threads, each with a connection and a consumer name of its own (default 1).
     *
     * @param concurrency at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public StreamConsumerBuilder<V> concurrency(int concurrency) {
        this.concurrency = atLeastOne(concurrency, "concurrency");
        return this;
    }

    /**
     * Sets the most entries one read returns ({@code COUNT}, default 10), which is the batch size in batch mode.
     *
     * @param batchSize at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public StreamConsumerBuilder<V> batchSize(int batchSize) {
        this.batchSize = atLeastOne(batchSize, "batchSize");
        return this;
    }

    /**
     * Sets how long a read waits for new entries ({@code BLOCK}, default 2 s); a stop does not wait for it.
     *
     * @param block positive
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when zero or negative ({@code BLOCK 0} would wait forever)
     */
    public StreamConsumerBuilder<V> block(Duration block) {
        this.block = positive(block, "block");
        return this;
    }

    /**
     * Sets how many deliveries an entry gets before it is dead-lettered (default 3; 1 dead-letters on the first
     * failure).
     *
     * @param maxAttempts at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public StreamConsumerBuilder<V> maxAttempts(int maxAttempts) {
        this.maxAttempts = atLeastOne(maxAttempts, "maxAttempts");
        return this;
    }

    /**
     * Sets the delay before an entry's next delivery after its handler failed: {@link Backoff#delay(int)} of the
     * delivery that failed (default 1 s, doubling, at most 30 s). Its maximum must stay below the claim-idle time.
     *
     * @param retryBackoff the back-off
     * @return this builder
     * @throws NullPointerException when null
     */
    public StreamConsumerBuilder<V> retryBackoff(Backoff retryBackoff) {
        this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff must not be null");
        return this;
    }

    /**
     * Sets the dead-letter stream's key (default {@code <stream>:dead}).
     *
     * @param deadLetterStream the key, not the consumed stream's
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when blank
     */
    public StreamConsumerBuilder<V> deadLetterStream(String deadLetterStream) {
        this.deadLetterStream = text(deadLetterStream, "deadLetterStream");
        return this;
    }

    /**
     * Sets how long an entry must sit idle in a consumer's pending list before another consumer claims it (default
     * 1 min). Must be longer than the slowest handler and than the retry back-off's maximum, or entries still in
     * work are claimed and handled twice.
     *
     * @param claimIdle positive
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when zero or negative
     */
    public StreamConsumerBuilder<V> claimIdle(Duration claimIdle) {
        this.claimIdle = positive(claimIdle, "claimIdle");
        return this;
    }

    /**
     * Sets how often each worker looks for idle entries to claim (default 30 s; also at start).
     *
     * @param claimInterval positive
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when zero or negative
     */
    public StreamConsumerBuilder<V> claimInterval(Duration claimInterval) {
        this.claimInterval = positive(claimInterval, "claimInterval");
        return this;
    }

    /**
     * Sets the delay between attempts to reconnect or to resume after a refused command (default
     * {@link Backoff#DEFAULT}).
     *
     * @param reconnectBackoff the back-off
     * @return this builder
     * @throws NullPointerException when null
     */
    public StreamConsumerBuilder<V> reconnectBackoff(Backoff reconnectBackoff) {
        this.reconnectBackoff = Objects.requireNonNull(reconnectBackoff, "reconnectBackoff must not be null");
        return this;
    }

    /**
     * Sets how long {@link StreamConsumer#close()} lets running handlers finish (default 10 s).
     *
     * @param closeGrace not negative
     * @return this builder
     * @throws NullPointerException when null
     * @throws IllegalArgumentException when negative
     */
    public StreamConsumerBuilder<V> closeGrace(Duration closeGrace) {
        Objects.requireNonNull(closeGrace, "closeGrace must not be null");
        if (closeGrace.isNegative()) {
            throw new IllegalArgumentException("closeGrace must not be negative, not " + closeGrace);
        }
        this.closeGrace = DurationLimit.check(closeGrace, "closeGrace");
        return this;
    }

    /**
     * Sets the handler of one entry at a time; give this or {@link #batchHandler(StreamBatchHandler)}.
     *
     * @param handler the handler
     * @return this builder
     * @throws NullPointerException when null
     */
    public StreamConsumerBuilder<V> handler(StreamHandler<V> handler) {
        this.handler = Objects.requireNonNull(handler, "handler must not be null");
        return this;
    }

    /**
     * Sets the handler of each read's entries at once (batch mode); give this or {@link #handler(StreamHandler)}.
     *
     * @param batchHandler the handler
     * @return this builder
     * @throws NullPointerException when null
     */
    public StreamConsumerBuilder<V> batchHandler(StreamBatchHandler<V> batchHandler) {
        this.batchHandler = Objects.requireNonNull(batchHandler, "batchHandler must not be null");
        return this;
    }

    /**
     * Sets who is told about failures (default: a logger at WARN).
     *
     * @param errorListener the listener
     * @return this builder
     * @throws NullPointerException when null
     */
    public StreamConsumerBuilder<V> errorListener(StreamErrorListener errorListener) {
        this.errorListener = Objects.requireNonNull(errorListener, "errorListener must not be null");
        return this;
    }

    /**
     * Sets who is told about entries received, processed, failed, dead-lettered and claimed (default: no one).
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException when null
     */
    public StreamConsumerBuilder<V> listener(StreamConsumerListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        return this;
    }

    /**
     * Builds the consumer, not yet started.
     *
     * @return the consumer
     * @throws IllegalStateException when the stream, the group or a handler is missing, both handlers are given, the
     *         dead-letter stream is the stream itself, or the retry back-off's maximum is not below the claim-idle
     *         time
     */
    public StreamConsumer<V> build() {
        if (stream == null) {
            throw new IllegalStateException("stream is required");
        }
        if (group == null) {
            throw new IllegalStateException("group is required");
        }
        if ((handler == null) == (batchHandler == null)) {
            throw new IllegalStateException(handler == null ? "a handler or a batchHandler is required"
                    : "give a handler or a batchHandler, not both");
        }
        String dead = deadLetterStream != null ? deadLetterStream : source.defaultDeadLetter(stream);
        if (dead.equals(stream)) {
            throw new IllegalStateException("deadLetterStream must differ from the stream '" + stream + "'");
        }
        if (!source.sameNode(stream, dead)) {
            throw new IllegalStateException("deadLetterStream '" + dead + "' is not in the hash slot of the stream '"
                    + stream + "': on a Redis Cluster dead letters are written on the stream's node; give it the "
                    + "stream's {hash tag}");
        }
        if (retryBackoff.maxDelay().compareTo(claimIdle) >= 0) {
            throw new IllegalStateException("retryBackoff maxDelay (" + retryBackoff.maxDelay() + ") must be below "
                    + "claimIdle (" + claimIdle + "), or entries waiting for a retry are claimed by other consumers");
        }
        String name = consumer != null ? consumer : defaultConsumerName();
        List<String> names = new ArrayList<>(concurrency);
        if (concurrency == 1) {
            names.add(name);
        } else {
            for (int i = 1; i <= concurrency; i++) {
                names.add(name + "-" + i);
            }
        }
        return new StreamConsumer<>(new StreamConsumerSettings<>(source, codec, stream, group, List.copyOf(names),
                listenerId, startId, batchSize, block, maxAttempts, retryBackoff, dead, claimIdle, claimInterval,
                reconnectBackoff, closeGrace, handler, batchHandler, errorListener, listener));
    }

    /** {@code <host>-<pid>-<n>}: stable for this consumer instance, distinct from every other one. */
    private static String defaultConsumerName() {
        return Host.NAME + "-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
    }

    /** The host's name, looked up once (the lookup may ask DNS). */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            String env = System.getenv("HOSTNAME");
            if (env == null || env.isBlank()) {
                env = System.getenv("COMPUTERNAME");
            }
            if (env != null && !env.isBlank()) {
                return env.trim();
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | RuntimeException e) {
                return "localhost";
            }
        }
    }
}
