package io.respkit.stream;

import io.respkit.DedicatedConnection;
import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterNode;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisClusterDownException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.internal.cluster.SlotHash;
import io.respkit.internal.stream.StreamConnectionSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Consumes a Redis stream as a member of a consumer group, at least once: reads with {@code XREADGROUP} on
 * connections of its own, hands each entry to a {@link StreamHandler} (or batches to a {@link StreamBatchHandler}),
 * and acknowledges ({@code XACK}) only after the handler returned.
 *
 * <pre>{@code
 * try (StreamConsumer<String> orders = StreamConsumer.builder(redis)
 *         .stream("orders").group("billing")
 *         .concurrency(4).maxAttempts(5)
 *         .handler(m -> bill(m.field("order")))
 *         .build()) {
 *     orders.start();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Guarantees.</b>
 * <ul>
 * <li>The group is created when missing ({@code XGROUP CREATE ... MKSTREAM}; an existing group is fine).</li>
 * <li>A handler that throws never stops the consumer: the entry stays pending and is delivered again after the
 *     retry back-off ({@code XCLAIM} to the same worker, which counts a delivery). Once an entry has been delivered
 *     {@code maxAttempts} times and failed, it is added to the dead-letter stream (default {@code <stream>:dead})
 *     with its fields, id, stream, group, consumer, listener id and the error's class and message, then
 *     acknowledged.</li>
 * <li>At start and every claim interval, entries idle for longer than the claim-idle time in any consumer's pending
 *     list ({@code XAUTOCLAIM}) are taken over: a crashed instance's work is finished by another. A restarted worker
 *     first takes up its own pending entries. An entry delivered more than {@code maxAttempts} times is
 *     dead-lettered without being handed on (its handler never came back).</li>
 * <li>After a server restart or failover that lost the group ({@code NOGROUP}), the group is recreated after the
 *     highest id read, and consumption goes on; the gap is logged once at WARN. Lost connections are reopened with
 *     the reconnection back-off.</li>
 * <li>{@link #stop(Duration)} lets handlers finish for up to the grace period, then interrupts them; nothing is
 *     acknowledged that was not handled, and entries not yet handed on stay pending.</li>
 * </ul>
 * Entries may be delivered more than once (after a crash, a stop without grace, a lost acknowledgement, or a handler
 * slower than the claim-idle time): make handlers idempotent.
 *
 * <p><b>Concurrency.</b> Like a Spring Kafka container's {@code concurrency}: that many worker threads, each with a
 * connection of its own and a consumer name of its own ({@code <consumer>-1} to {@code <consumer>-n}; the name
 * itself when there is one worker), each reading, handling and acknowledging its own entries in stream order. The
 * group spreads new entries over the workers; per-worker names keep each worker's pending list its own, so that a
 * worker restarted under the same name takes up exactly its own unfinished entries.
 *
 * <p>Thread-safe: {@link #start()}, {@link #stop(Duration)} and {@link #close()} may be called from any thread, also
 * a virtual one (they take turns on a {@link ReentrantLock}, held while a start connects and a stop waits for the
 * workers, where a monitor would pin a virtual thread's carrier on JDK 21–23). A stopped consumer can be started
 * again; a closed one cannot.
 *
 * @param <V> the value type, from the client's codec
 */
public final class StreamConsumer<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
    /** How long a stop waits for interrupted handlers to end before giving up on them (and logging it). */
    private static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(5);

    private final StreamConsumerSettings<V> settings;
    private final StreamGroup group;
    private final List<Thread> threads = new ArrayList<>();
    private final List<StreamWorker<V>> workers = new ArrayList<>();
    /** Guards {@link #threads}, {@link #workers} and {@link #closed}. */
    private final ReentrantLock lifecycle = new ReentrantLock();
    private boolean closed;

    StreamConsumer(StreamConsumerSettings<V> settings) {
        this.settings = settings;
        this.group = new StreamGroup(settings.stream(), settings.group(), settings.startId());
    }

    /**
     * Returns a builder of a consumer that reads through {@code client}'s server, with its configuration and codec,
     * on dedicated connections ({@link RedisClient#dedicatedConnection()}, one per worker) so that blocking reads
     * hold up no pooled connection. The client must stay open while the consumer runs.
     *
     * @param client the client
     * @param <V> the value type
     * @return the builder
     * @throws NullPointerException when {@code client} is null
     */
    public static <V> StreamConsumerBuilder<V> builder(RedisClient<V> client) {
        Objects.requireNonNull(client, "client must not be null");
        return new StreamConsumerBuilder<>(new ClientSource<>(client), client.codec());
    }

    /**
     * Returns a builder of a consumer of a stream on a Redis Cluster: each worker's dedicated connection goes to the
     * primary serving the stream's hash slot in the client's topology, and moves (between two reads) when that
     * changes after a failover or a slot migration. The default dead-letter stream is {@code {<stream>}:dead}, in the
     * stream's slot (a stream with a hash tag of its own keeps it: {@code <stream>:dead}).
     *
     * @param client the cluster client; it must stay open while the consumer runs
     * @param <V> the value type
     * @return the builder
     * @throws NullPointerException when {@code client} is null
     */
    public static <V> StreamConsumerBuilder<V> builder(RedisClusterClient<V> client) {
        Objects.requireNonNull(client, "client must not be null");
        return new StreamConsumerBuilder<>(new ClusterSource<>(client), client.codec());
    }

    /**
     * Creates the group when missing and starts the workers. Does nothing when already running. A server that cannot
     * be reached is not an error here: the workers keep trying to connect with the reconnection back-off.
     *
     * @throws IllegalStateException when the consumer was closed
     * @throws io.respkit.exceptions.RedisServerException when the server refused to create the group (e.g.
     *         {@code WRONGTYPE}: the key holds something else than a stream; {@code NOPERM})
     */
    public void start() {
        lifecycle.lock();
        try {
            startLocked();
        } finally {
            lifecycle.unlock();
        }
    }

    private void startLocked() {
        if (closed) {
            throw new IllegalStateException("stream consumer on '" + settings.stream() + "' was closed");
        }
        if (!threads.isEmpty()) {
            return;
        }
        try (DedicatedConnection<V> c = settings.source().open(settings.stream())) {
            group.ensure(c);
        } catch (RedisConnectionException e) {
            log.warn("Stream consumer for group '{}' on '{}' cannot reach {} yet ({}); its workers keep trying",
                    settings.group(), settings.stream(), settings.source().describe(), e.toString());
        }
        for (String name : settings.consumerNames()) {
            StreamWorker<V> worker = new StreamWorker<>(settings, name, group);
            Thread t = new Thread(worker, "respkit-stream-" + settings.stream() + "-" + name);
            workers.add(worker);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        log.info("Stream consumer started on '{}' group '{}' as {}", settings.stream(), settings.group(),
                settings.consumerNames());
    }

    /**
     * Stops the workers: no further entry is handed on, a blocked read ends at once, and handlers still running get
     * up to {@code grace} to finish (their entries are then acknowledged as usual); after that they are interrupted
     * and their connections closed, and their entries stay pending (taken up by this consumer's next start under the
     * same names, or claimed by another consumer after the claim-idle time). Does nothing when not running.
     *
     * @param grace how long running handlers may take to finish; {@link Duration#ZERO} interrupts them at once
     * @return {@code true} when every worker thread ended; {@code false} when a handler ignored its interrupt for
     *         5 s more (it is logged, and left running)
     * @throws NullPointerException when {@code grace} is null
     * @throws IllegalArgumentException when {@code grace} is negative
     */
    public boolean stop(Duration grace) {
        Objects.requireNonNull(grace, "grace must not be null");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, not " + grace);
        }
        lifecycle.lock();
        try {
            return stopLocked(grace);
        } finally {
            lifecycle.unlock();
        }
    }

    private boolean stopLocked(Duration grace) {
        if (threads.isEmpty()) {
            return true;
        }
        workers.forEach(StreamWorker::requestStop);
        boolean interrupted = false;
        long deadline = System.nanoTime() + grace.toNanos();
        interrupted |= joinAll(deadline);
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i).isAlive()) {
                workers.get(i).forceStop();
            }
        }
        interrupted |= joinAll(System.nanoTime() + FORCED_STOP_WAIT.toNanos());
        boolean ended = true;
        for (Thread t : threads) {
            if (t.isAlive()) {
                ended = false;
                log.warn("Stream consumer thread {} did not end within {} after its interrupt; a handler ignores "
                        + "interrupts", t.getName(), FORCED_STOP_WAIT);
            }
        }
        threads.clear();
        workers.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        log.info("Stream consumer stopped on '{}' group '{}'", settings.stream(), settings.group());
        return ended;
    }

    /** Waits for every thread until {@code deadline}; returns whether the caller was interrupted meanwhile. */
    private boolean joinAll(long deadline) {
        boolean interrupted = false;
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            while (t.isAlive() && left > 0) {
                try {
                    t.join(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    // Still stop the workers, now: the caller wants out.
                    interrupted = true;
                    deadline = System.nanoTime();
                }
                left = deadline - System.nanoTime();
            }
        }
        return interrupted;
    }

    /**
     * Returns whether the workers are running (started and not stopped).
     *
     * @return {@code true} between {@link #start()} and {@link #stop(Duration)}
     */
    public boolean isRunning() {
        lifecycle.lock();
        try {
            return !threads.isEmpty();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Returns the stream's key.
     *
     * @return the key
     */
    public String stream() {
        return settings.stream();
    }

    /**
     * Returns the consumer group's name.
     *
     * @return the group
     */
    public String group() {
        return settings.group();
    }

    /**
     * Returns the workers' consumer names, one per worker.
     *
     * @return the names, unmodifiable
     */
    public List<String> consumerNames() {
        return settings.consumerNames();
    }

    /**
     * Returns the dead-letter stream's key.
     *
     * @return the key
     */
    public String deadLetterStream() {
        return settings.deadLetterStream();
    }

    /**
     * Stops with the builder's close grace ({@link StreamConsumerBuilder#closeGrace(Duration)}) and releases every
     * thread and connection; the consumer cannot be started again. Idempotent. Leaves the client open.
     */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            closed = true;
        } finally {
            lifecycle.unlock();
        }
        stop(settings.closeGrace());
    }

    @Override
    public String toString() {
        return "StreamConsumer[stream=" + settings.stream() + ", group=" + settings.group() + ", consumers="
                + settings.consumerNames() + "]";
    }

    /**
     * The error listener used when none is given: a handler's failure at WARN with its stack trace, the consumer's
     * own failures (connection lost, command refused) at WARN with the exception only, as they repeat while the
     * server is away.
     */
    static final StreamErrorListener LOGGING_ERROR_LISTENER = (message, error) -> {
        if (message != null) {
            log.warn("Stream handler failed on entry {} of '{}' (delivery {})", message.id(), message.stream(),
                    message.deliveryCount(), error);
        } else if (error instanceof RedisException) {
            log.warn("Stream consumer failed; retrying after the reconnection back-off: {}", error.toString());
        } else {
            log.warn("Stream consumer failed; retrying after the reconnection back-off", error);
        }
    };

    /** Dedicated connections to the primary serving the stream's slot. */
    private record ClusterSource<V>(RedisClusterClient<V> client) implements StreamConnectionSource<V> {

        @Override
        public DedicatedConnection<V> open(String streamKey) {
            client.requestTopologyRefresh(); // a reconnection follows a failure: maybe a move (rate-limited)
            return DedicatedConnection.open(client.config().configFor(primary(streamKey)), client.codec());
        }

        @Override
        public boolean isCurrent(String streamKey, DedicatedConnection<V> connection) {
            HostAndPort now;
            try {
                now = primary(streamKey);
            } catch (RedisClusterDownException e) {
                return true; // no owner known now: keep reading until the topology names one
            }
            return now.host().equals(connection.config().host()) && now.port() == connection.config().port();
        }

        private HostAndPort primary(String streamKey) {
            int slot = SlotHash.slot(streamKey, client.codec().charset());
            ClusterNode owner = client.topology().primary(slot);
            if (owner == null) {
                throw new RedisClusterDownException("no primary serves hash slot " + slot + " of stream '"
                        + streamKey + "' in the cluster's topology");
            }
            return owner.address();
        }

        @Override
        public String defaultDeadLetter(String stream) {
            return (hasHashTag(stream) ? stream : "{" + stream + "}") + ":dead";
        }

        @Override
        public boolean sameNode(String a, String b) {
            java.nio.charset.Charset cs = client.codec().charset();
            return SlotHash.slot(a, cs) == SlotHash.slot(b, cs);
        }

        private static boolean hasHashTag(String key) {
            int open = key.indexOf('{');
            int close = open < 0 ? -1 : key.indexOf('}', open + 1);
            return close > open + 1;
        }

        @Override
        public String describe() {
            return "cluster " + client.config().seeds();
        }
    }

    /** Dedicated connections from a single-server or Sentinel client. */
    private record ClientSource<V>(RedisClient<V> client) implements StreamConnectionSource<V> {

        @Override
        public DedicatedConnection<V> open(String streamKey) {
            return client.dedicatedConnection();
        }

        @Override
        public boolean isCurrent(String streamKey, DedicatedConnection<V> connection) {
            return connection.config() == client.pool().config();
        }

        @Override
        public String describe() {
            return client.pool().config().address().toString();
        }
    }
}
