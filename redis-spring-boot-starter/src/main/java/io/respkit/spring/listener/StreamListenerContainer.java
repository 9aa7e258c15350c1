package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.exceptions.RedisException;
import io.respkit.stream.StreamConsumer;
import io.respkit.stream.StreamConsumerBuilder;
import io.respkit.stream.StreamConsumerListener;
import io.respkit.stream.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * Consumes one Redis stream as a member of a consumer group for a {@code @RedisListener(stream = ...)}: a thin
 * wrapper of one {@link StreamConsumer} (the redis-core engine, see {@code docs/streams.md}) over the
 * application's {@link RedisClient}, on a single server or the primary of a Sentinel setup.
 *
 * <p>Delivery is at least once: an entry is acknowledged only after the method returned; a method that throws
 * never stops the container: the entry is retried after the retry back-off and, after its last attempt, added to
 * the dead-letter stream with its fields and acknowledged. The error handler is told about every failed delivery
 * ({@link RedisListenerErrorHandler#handleStreamError}); metrics count received, processed, failed, dead-lettered
 * and claimed entries. Entries left pending by consumers that are gone are claimed after the claim-idle time.
 *
 * <p>{@link #stop()} lets running handlers finish within {@code redis.listener.shutdown-timeout}, then interrupts
 * them; entries not handled stay pending and are taken up by the next start (same consumer names) or claimed by
 * another instance. A stopped container can be started again.
 *
 * <p>Thread-safe.
 */
public final class StreamListenerContainer implements RedisListenerContainer {

    private static final Logger log = LoggerFactory.getLogger(StreamListenerContainer.class);

    private final StreamListenerSpec spec;
    private final ListenerContainerSettings settings;
    private final StreamConsumer<String> consumer;

    /**
     * Creates a stopped container.
     *
     * @param spec what to consume and how
     * @param handler the handler, an entry or a batch handler
     * @param errorHandler told about every failed delivery
     * @param client the client whose server (or Sentinel primary) holds the stream; must stay open while the
     *        container runs
     * @param settings the shutdown timeout and the reconnection back-off
     * @param streamSettings the block time, the retry back-off and the claim settings
     * @param metrics the metrics
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the engine refuses the combination of settings (e.g. a claim-idle time
     *         not above the retry back-off's maximum, a dead-letter stream equal to the stream), with its message
     */
    public StreamListenerContainer(StreamListenerSpec spec, RedisStreamHandler handler,
            RedisListenerErrorHandler errorHandler, RedisClient<String> client, ListenerContainerSettings settings,
            StreamListenerSettings streamSettings, RedisListenerMetrics metrics) {
        this(spec, handler, errorHandler, StreamConsumer.builder(Objects.requireNonNull(client, "client")), settings,
                streamSettings, metrics);
    }

    /**
     * Creates a stopped container on a Redis Cluster: its workers read from the primary serving the stream's hash
     * slot and follow it; the default dead-letter stream is in the stream's slot ({@code {<stream>}:dead}).
     *
     * @param spec what to consume and how
     * @param handler the handler, an entry or a batch handler
     * @param errorHandler told about every failed delivery
     * @param cluster the cluster client; must stay open while the container runs
     * @param settings the shutdown timeout and the reconnection back-off
     * @param streamSettings the block time, the retry back-off and the claim settings
     * @param metrics the metrics
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the engine refuses the combination of settings (e.g. a dead-letter stream
     *         in another hash slot), with its message
     */
    public StreamListenerContainer(StreamListenerSpec spec, RedisStreamHandler handler,
            RedisListenerErrorHandler errorHandler, RedisClusterClient<String> cluster,
            ListenerContainerSettings settings, StreamListenerSettings streamSettings, RedisListenerMetrics metrics) {
        this(spec, handler, errorHandler, StreamConsumer.builder(Objects.requireNonNull(cluster, "cluster")), settings,
                streamSettings, metrics);
    }

    private StreamListenerContainer(StreamListenerSpec spec, RedisStreamHandler handler,
            RedisListenerErrorHandler errorHandler, StreamConsumerBuilder<String> builder,
            ListenerContainerSettings settings, StreamListenerSettings streamSettings, RedisListenerMetrics metrics) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(errorHandler, "errorHandler");
        Objects.requireNonNull(metrics, "metrics");
        String id = spec.id();
        StreamConsumerBuilder<String> b = builder
                .stream(spec.stream())
                .group(spec.group())
                .listenerId(id)
                .startId(spec.startId())
                .concurrency(spec.concurrency())
                .batchSize(spec.batchSize())
                .maxAttempts(spec.maxAttempts())
                .block(streamSettings.block())
                .retryBackoff(streamSettings.retryBackoff())
                .claimIdle(streamSettings.claimIdle())
                .claimInterval(streamSettings.claimInterval())
                .reconnectBackoff(settings.recovery())
                .closeGrace(settings.shutdownTimeout())
                .errorListener((message, error) -> onError(errorHandler, message, error))
                .listener(new MetricsListener(id, metrics));
        if (spec.consumer() != null) {
            b.consumer(spec.consumer());
        }
        if (spec.deadLetterStream() != null) {
            b.deadLetterStream(spec.deadLetterStream());
        }
        if (handler.isBatch()) {
            b.batchHandler(handler::handleBatch);
        } else {
            b.handler(handler::handle);
        }
        try {
            this.consumer = b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private void onError(RedisListenerErrorHandler errorHandler, StreamMessage<?> message, Throwable error) {
        if (message == null) {
            // The engine's own work (a lost connection, a refused command): it retries with the recovery back-off.
            if (error instanceof RedisException) {
                log.warn("Stream listener '{}' on '{}': {}; retrying after the reconnection back-off", spec.id(),
                        spec.stream(), error.toString());
            } else {
                log.warn("Stream listener '{}' on '{}' failed; retrying after the reconnection back-off", spec.id(),
                        spec.stream(), error);
            }
            return;
        }
        try {
            errorHandler.handleStreamError(spec.id(), (StreamMessage<String>) message, error);
        } catch (RuntimeException e) {
            log.warn("Error handler of stream listener '{}' threw; ignored", spec.id(), e);
        }
    }

    /**
     * Returns the listener id.
     *
     * @return the id
     */
    @Override
    public String getListenerId() {
        return spec.id();
    }

    /**
     * Creates the group when missing and starts the workers; a server that cannot be reached yet is not an error
     * (the workers keep trying). Does nothing when running.
     *
     * @throws io.respkit.exceptions.RedisServerException when the server refuses to create the group (e.g. the key
     *         holds another type)
     */
    @Override
    public void start() {
        consumer.start();
    }

    /**
     * Stops the workers, letting running handlers finish within the shutdown timeout. Does nothing when stopped.
     */
    @Override
    public void stop() {
        consumer.stop(settings.shutdownTimeout());
    }

    @Override
    public boolean isRunning() {
        return consumer.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return spec.autoStartup();
    }

    /**
     * Returns what the container consumes.
     *
     * @return the spec
     */
    public StreamListenerSpec spec() {
        return spec;
    }

    /**
     * Returns the workers' consumer names.
     *
     * @return the names, one per worker
     */
    public List<String> consumerNames() {
        return consumer.consumerNames();
    }

    /**
     * Returns the dead-letter stream's key.
     *
     * @return the key
     */
    public String deadLetterStream() {
        return consumer.deadLetterStream();
    }

    @Override
    public String toString() {
        return "StreamListenerContainer[" + spec.id() + ", stream=" + spec.stream() + ", group=" + spec.group()
                + "]";
    }

    /** The engine's events as listener metrics. */
    private record MetricsListener(String id, RedisListenerMetrics metrics) implements StreamConsumerListener {

        @Override
        public void received(StreamMessage<?> message) {
            metrics.received(id);
        }

        @Override
        public void processed(StreamMessage<?> message, long elapsedNanos) {
            metrics.processed(id);
        }

        @Override
        public void failed(StreamMessage<?> message, Throwable error, boolean willRetry) {
            metrics.failed(id);
        }

        @Override
        public void deadLettered(StreamMessage<?> message, String deadLetterStream) {
            metrics.deadLettered(id);
        }

        @Override
        public void claimed(String consumer, int count) {
            metrics.claimed(id, count);
        }

        @Override
        public void groupState(String group, long pending, Long lag) {
            metrics.streamGroupState(id, pending, lag);
        }
    }
}
