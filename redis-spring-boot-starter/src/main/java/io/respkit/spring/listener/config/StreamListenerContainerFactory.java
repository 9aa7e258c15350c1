package io.respkit.spring.listener.config;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.commands.StreamOffset;
import io.respkit.spring.listener.ListenerContainerSettings;
import io.respkit.spring.listener.RedisListenerConnections;
import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisListenerMetrics;
import io.respkit.spring.listener.RedisStreamHandler;
import io.respkit.spring.listener.StreamListenerContainer;
import io.respkit.spring.listener.StreamListenerSettings;
import io.respkit.spring.listener.StreamListenerSpec;
import io.respkit.spring.listener.adapter.PayloadConverter;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;

import java.util.Objects;

/**
 * The container factory of stream listeners ({@link RedisListenerEndpoint.Kind#STREAM}): one
 * {@link StreamListenerContainer} per listener, wrapping a redis-core {@link io.respkit.stream.StreamConsumer}
 * over the application's {@link RedisClient} (one server, or the primary of a Sentinel setup). Settings the
 * endpoint leaves {@code null} take the {@link StreamListenerSettings} defaults ({@code redis.listener.stream.*})
 * and, for the concurrency and auto-startup, the {@link ListenerContainerSettings} ones.
 *
 * <p>On a Redis Cluster the containers read through the {@link RedisClusterClient}: from the primary serving the
 * stream's hash slot, with dead letters in that slot.
 *
 * <p>The listener auto-configuration defines one under {@link #DEFAULT_BEAN_NAME}, unless the application defines
 * a bean of that name.
 *
 * <p>Thread-safe.
 */
public final class StreamListenerContainerFactory
        implements RedisListenerContainerFactory<StreamListenerContainer>, BeanFactoryAware {

    /** The bean name of the default factory of stream listeners. */
    public static final String DEFAULT_BEAN_NAME = "redisStreamListenerContainerFactory";

    private final ContainerFactorySupport support;
    private final RedisClient<String> client;
    private final RedisClusterClient<String> cluster;
    private final StreamListenerSettings streamSettings;

    /**
     * Creates a factory whose containers read through {@code client}.
     *
     * @param client the client, or {@code null} when there is none (on a cluster): creating a container then fails
     * @param connections where the other listeners connect; tells whether this is a cluster, and the charset
     * @param settings shutdown timeout, reconnection back-off, default concurrency and auto-startup
     * @param streamSettings the stream defaults
     * @param metrics the metrics, or {@code null} for none
     * @param converter converts JSON payloads, or {@code null} when Jackson is absent
     * @param defaultErrorHandler the error handler of listeners that name none
     * @throws NullPointerException when connections, settings, streamSettings or defaultErrorHandler is null
     */
    public StreamListenerContainerFactory(RedisClient<String> client, RedisListenerConnections connections,
            ListenerContainerSettings settings, StreamListenerSettings streamSettings, RedisListenerMetrics metrics,
            PayloadConverter converter, RedisListenerErrorHandler defaultErrorHandler) {
        this(client, null, connections, settings, streamSettings, metrics, converter, defaultErrorHandler);
    }

    /**
     * Creates a factory whose containers read through {@code client}, or through {@code cluster} on a Redis Cluster.
     *
     * @param client the client of one server or a Sentinel setup, or {@code null}
     * @param cluster the cluster client, or {@code null} when not on a cluster
     * @param connections where the other listeners connect; tells whether this is a cluster, and the charset
     * @param settings shutdown timeout, reconnection back-off, default concurrency and auto-startup
     * @param streamSettings the stream defaults
     * @param metrics the metrics, or {@code null} for none
     * @param converter converts JSON payloads, or {@code null} when Jackson is absent
     * @param defaultErrorHandler the error handler of listeners that name none
     * @throws NullPointerException when connections, settings, streamSettings or defaultErrorHandler is null
     */
    public StreamListenerContainerFactory(RedisClient<String> client, RedisClusterClient<String> cluster,
            RedisListenerConnections connections, ListenerContainerSettings settings,
            StreamListenerSettings streamSettings, RedisListenerMetrics metrics, PayloadConverter converter,
            RedisListenerErrorHandler defaultErrorHandler) {
        this.support = new ContainerFactorySupport(connections, settings, metrics, converter, defaultErrorHandler);
        this.client = client;
        this.cluster = cluster;
        this.streamSettings = Objects.requireNonNull(streamSettings, "streamSettings");
    }

    /**
     * Receives the bean factory in which error handlers named by listeners are looked up.
     *
     * @param beanFactory the bean factory
     */
    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        support.setBeanFactory(beanFactory);
    }

    /**
     * Serves stream listeners.
     *
     * @param kind the endpoint's kind
     * @return {@code true} for {@code STREAM}
     */
    @Override
    public boolean supports(RedisListenerEndpoint.Kind kind) {
        return kind == RedisListenerEndpoint.Kind.STREAM;
    }

    /**
     * Returns the stream defaults.
     *
     * @return the settings
     */
    public StreamListenerSettings streamSettings() {
        return streamSettings;
    }

    /**
     * Builds a stopped container for a stream endpoint.
     *
     * @param endpoint a stream endpoint
     * @return its container
     * @throws RedisListenerDefinitionException naming the method when its parameters cannot be supplied, its error
     *         handler bean does not exist, its start id or settings are invalid, or there is no client bean
     * @throws IllegalArgumentException for another kind of endpoint
     */
    @Override
    public StreamListenerContainer createContainer(RedisListenerEndpoint endpoint) {
        ContainerFactorySupport.requireKind(this, endpoint);
        String where = "@RedisListener '" + endpoint.id() + "' of " + endpoint.describe();
        boolean onCluster = support.connections().isCluster();
        if (onCluster ? cluster == null : client == null) {
            throw new RedisListenerDefinitionException(where + " listens to stream '" + endpoint.stream()
                    + "', but there is no " + (onCluster ? "RedisClusterClient<String>" : "RedisClient<String>")
                    + " bean to read it with", "Define the client bean, or let the starter's auto-configuration "
                    + "create it from redis.* properties.");
        }
        ListenerContainerSettings settings = support.settings();
        RedisStreamHandler handler = support.streamHandler(endpoint);
        RedisListenerErrorHandler errorHandler = support.errorHandler(endpoint);
        StreamOffset start;
        try {
            start = StreamListenerSpec.parseStartId(endpoint.startId() != null ? endpoint.startId()
                    : streamSettings.startId());
        } catch (IllegalArgumentException e) {
            throw new RedisListenerDefinitionException(where + ": " + e.getMessage(), "Set startId to \"$\", \"0\" "
                    + "or an entry id, or leave it empty for redis.listener.stream.start-id.");
        }
        StreamListenerSpec spec = new StreamListenerSpec(endpoint.id(), endpoint.stream(), endpoint.group(),
                endpoint.consumer(), start,
                endpoint.concurrency() != null ? endpoint.concurrency() : settings.defaultConcurrency(),
                endpoint.batchSize() != null ? endpoint.batchSize() : streamSettings.batchSize(),
                endpoint.maxAttempts() != null ? endpoint.maxAttempts() : streamSettings.maxAttempts(),
                endpoint.deadLetterStream(), support.autoStartup(endpoint));
        try {
            return onCluster ? new StreamListenerContainer(spec, handler, errorHandler, cluster, settings,
                    streamSettings, support.metrics())
                    : new StreamListenerContainer(spec, handler, errorHandler, client, settings, streamSettings,
                    support.metrics());
        } catch (IllegalArgumentException e) {
            throw new RedisListenerDefinitionException(where + " on stream '" + endpoint.stream() + "' cannot be "
                    + "set up: " + e.getMessage(), "Fix the listener's attributes or redis.listener.stream.*.");
        }
    }

    @Override
    public String toString() {
        return "StreamListenerContainerFactory[" + support.connections() + "]";
    }
}
