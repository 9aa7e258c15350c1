package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.RedisConfig;
import io.respkit.sentinel.SentinelConfig;
import io.respkit.spring.listener.ListenerContainerSettings;
import io.respkit.spring.listener.ListenerThreads;
import io.respkit.spring.listener.LoggingRedisListenerErrorHandler;
import io.respkit.spring.listener.MicrometerRedisListenerMetrics;
import io.respkit.connection.Backoff;
import io.respkit.spring.listener.RedisListenerConnections;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisListenerMetrics;
import io.respkit.spring.listener.StreamListenerSettings;
import io.respkit.spring.listener.adapter.JacksonPayloadConverter;
import io.respkit.spring.listener.adapter.PayloadConverter;
import io.respkit.spring.listener.annotation.RedisListenerAnnotationBeanPostProcessor;
import io.respkit.spring.listener.config.PubSubListenerContainerFactory;
import io.respkit.spring.listener.config.QueueListenerContainerFactory;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.spring.listener.config.StreamListenerContainerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of {@code @RedisListener}: the annotation post-processor, the endpoint registry that owns the
 * listener containers, the default container factories of pub/sub listeners
 * ({@value PubSubListenerContainerFactory#DEFAULT_BEAN_NAME}), queue listeners
 * ({@value QueueListenerContainerFactory#DEFAULT_BEAN_NAME}) and stream listeners
 * ({@value StreamListenerContainerFactory#DEFAULT_BEAN_NAME}), the connections and settings they use, a logging
 * default error handler, JSON payload conversion when Jackson 3 is present (with
 * the context's {@code JsonMapper} or {@code ObjectMapper} when there is one) and Micrometer counters when
 * Micrometer is present. Active when a {@link RedisConfig} bean exists, a {@link RedisClusterClient} with its
 * {@link ClusterConfig} (cluster mode: containers connect to the cluster's nodes), or a {@link SentinelConfig} with
 * a {@link RedisClient} (Sentinel mode: containers connect to the client's current primary and follow it through
 * failovers); see {@link RedisListenerConnections}. Every bean backs off when the application
 * defines its own. Settings come from {@code redis.listener.*}; {@code spring.threads.virtual.enabled} runs
 * listeners on virtual threads where the JVM has them.
 *
 * <p>Configuration classes are thread-safe; they hold no state.
 */
@AutoConfiguration(afterName = "io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration")
@Conditional(RedisListenerAutoConfiguration.OnRedisConfiguration.class)
@EnableConfigurationProperties(RedisProperties.class)
public final class RedisListenerAutoConfiguration {

    /**
     * The post-processor that finds {@code @RedisListener} methods; static so that it does not force this
     * configuration to be created early.
     *
     * @return the post-processor
     */
    @Bean
    @ConditionalOnMissingBean
    static RedisListenerAnnotationBeanPostProcessor redisListenerAnnotationBeanPostProcessor() {
        return new RedisListenerAnnotationBeanPostProcessor();
    }

    /**
     * The default error handler, which logs.
     *
     * @return the error handler
     */
    @Bean
    @ConditionalOnMissingBean
    RedisListenerErrorHandler redisListenerErrorHandler() {
        return new LoggingRedisListenerErrorHandler();
    }

    /**
     * Where listener containers connect: a cluster when there is a cluster client, else the Sentinel primary when
     * Sentinel is set up, else one server. A bean so that application-defined container factories can use it.
     *
     * @param config where containers connect on one server
     * @param clusterConfig where containers connect on a cluster, preferred when there is a cluster client too
     * @param clusterClient the cluster's client, for its topology
     * @param sentinelConfig the Sentinel configuration in Sentinel mode
     * @param client the client that follows the Sentinel primary, in Sentinel mode
     * @return the connections
     */
    @Bean
    @ConditionalOnMissingBean
    RedisListenerConnections redisListenerConnections(ObjectProvider<RedisConfig> config,
            ObjectProvider<ClusterConfig> clusterConfig, ObjectProvider<RedisClusterClient<?>> clusterClient,
            ObjectProvider<SentinelConfig> sentinelConfig, ObjectProvider<RedisClient<?>> client) {
        return connections(config, clusterConfig, clusterClient, sentinelConfig, client);
    }

    /**
     * The container settings and listener defaults, from {@code redis.listener.*}. A bean so that
     * application-defined container factories can use it.
     *
     * @param properties {@code redis.*}
     * @param environment for {@code spring.application.name} and {@code spring.threads.virtual.enabled}
     * @return the settings
     * @throws InvalidRedisPropertyException when a {@code redis.listener.*} property is out of range
     */
    @Bean
    @ConditionalOnMissingBean
    ListenerContainerSettings redisListenerContainerSettings(RedisProperties properties, Environment environment) {
        return settings(properties.getListener(), environment);
    }

    /**
     * The default container factory of channel and pattern listeners: they share one subscriber connection.
     * Replaced by an application bean of the same name, as Spring Boot does for
     * {@code kafkaListenerContainerFactory}.
     *
     * @param connections where the subscriber connects
     * @param settings the container settings
     * @param metrics the metrics, when configured
     * @param converter the JSON payload converter, when Jackson is present
     * @param errorHandler the default error handler
     * @return the factory
     */
    @Bean(name = PubSubListenerContainerFactory.DEFAULT_BEAN_NAME)
    @ConditionalOnMissingBean(name = PubSubListenerContainerFactory.DEFAULT_BEAN_NAME)
    PubSubListenerContainerFactory redisPubSubListenerContainerFactory(RedisListenerConnections connections,
            ListenerContainerSettings settings, ObjectProvider<RedisListenerMetrics> metrics,
            ObjectProvider<PayloadConverter> converter, RedisListenerErrorHandler errorHandler) {
        return new PubSubListenerContainerFactory(connections, settings,
                metrics.getIfAvailable(RedisListenerMetrics::noop), converter.getIfAvailable(), errorHandler);
    }

    /**
     * The default container factory of queue listeners. Replaced by an application bean of the same name.
     *
     * @param connections where workers connect
     * @param settings the container settings
     * @param metrics the metrics, when configured
     * @param converter the JSON payload converter, when Jackson is present
     * @param errorHandler the default error handler
     * @return the factory
     */
    @Bean(name = QueueListenerContainerFactory.DEFAULT_BEAN_NAME)
    @ConditionalOnMissingBean(name = QueueListenerContainerFactory.DEFAULT_BEAN_NAME)
    QueueListenerContainerFactory redisQueueListenerContainerFactory(RedisListenerConnections connections,
            ListenerContainerSettings settings, ObjectProvider<RedisListenerMetrics> metrics,
            ObjectProvider<PayloadConverter> converter, RedisListenerErrorHandler errorHandler) {
        return new QueueListenerContainerFactory(connections, settings,
                metrics.getIfAvailable(RedisListenerMetrics::noop), converter.getIfAvailable(), errorHandler);
    }

    /**
     * The stream listener defaults, from {@code redis.listener.stream.*}. A bean so that application-defined
     * container factories can use it.
     *
     * @param properties {@code redis.*}
     * @return the settings
     * @throws InvalidRedisPropertyException when a {@code redis.listener.*} property is out of range
     */
    @Bean
    @ConditionalOnMissingBean
    StreamListenerSettings redisStreamListenerSettings(RedisProperties properties) {
        return streamSettings(properties.getListener());
    }

    /**
     * The default container factory of stream listeners: each listener wraps a redis-core
     * {@code StreamConsumer} over the application's {@code RedisClient<String>}, or on a cluster its
     * {@code RedisClusterClient<String>} (reading from the stream slot's primary). Replaced by an application bean of
     * the same name.
     *
     * @param client the application's client, when there is one
     * @param cluster the application's cluster client, on a cluster
     * @param connections tells whether this is a cluster
     * @param settings the container settings
     * @param streamSettings the stream defaults
     * @param metrics the metrics, when configured
     * @param converter the JSON payload converter, when Jackson is present
     * @param errorHandler the default error handler
     * @return the factory
     */
    @Bean(name = StreamListenerContainerFactory.DEFAULT_BEAN_NAME)
    @ConditionalOnMissingBean(name = StreamListenerContainerFactory.DEFAULT_BEAN_NAME)
    StreamListenerContainerFactory redisStreamListenerContainerFactory(ObjectProvider<RedisClient<String>> client,
            ObjectProvider<RedisClusterClient<String>> cluster, RedisListenerConnections connections,
            ListenerContainerSettings settings, StreamListenerSettings streamSettings,
            ObjectProvider<RedisListenerMetrics> metrics, ObjectProvider<PayloadConverter> converter,
            RedisListenerErrorHandler errorHandler) {
        return new StreamListenerContainerFactory(client.getIfUnique(), cluster.getIfUnique(), connections, settings,
                streamSettings, metrics.getIfAvailable(RedisListenerMetrics::noop), converter.getIfAvailable(),
                errorHandler);
    }

    /**
     * The registry of listener containers; it builds each listener's container with the container factory bean
     * the listener names, or the default factory of its kind.
     *
     * @return the registry
     */
    @Bean(name = RedisListenerEndpointRegistry.BEAN_NAME)
    @ConditionalOnMissingBean
    RedisListenerEndpointRegistry redisListenerEndpointRegistry() {
        return new RedisListenerEndpointRegistry();
    }

    /** A cluster when there is a cluster client, else the Sentinel primary when Sentinel is set up, else a server. */
    private static RedisListenerConnections connections(ObjectProvider<RedisConfig> config,
            ObjectProvider<ClusterConfig> clusterConfig, ObjectProvider<RedisClusterClient<?>> clusterClient,
            ObjectProvider<SentinelConfig> sentinelConfig, ObjectProvider<RedisClient<?>> client) {
        ClusterConfig cluster = clusterConfig.getIfUnique();
        RedisClusterClient<?> clusterNodes = clusterClient.getIfUnique();
        if (cluster != null && clusterNodes != null) {
            return RedisListenerConnections.cluster(cluster, clusterNodes);
        }
        SentinelConfig sentinel = sentinelConfig.getIfUnique();
        RedisClient<?> primary = client.getIfUnique();
        if (sentinel != null && primary != null) {
            return RedisListenerConnections.sentinel(sentinel, primary);
        }
        return RedisListenerConnections.of(config.getObject());
    }


    static ListenerContainerSettings settings(RedisListenerProperties listener, Environment environment) {
        RedisPropertyChecks.listener(listener);
        RedisListenerProperties.Recovery recovery = listener.getRecovery();
        boolean virtual = environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
                && ListenerThreads.virtualThreadsAvailable();
        String name = environment.getProperty("spring.application.name");
        return new ListenerContainerSettings(listener.getPollTimeout(), listener.getShutdownTimeout(),
                new Backoff(recovery.getInitialDelay(), recovery.getMultiplier(), recovery.getMaxDelay()),
                listener.getRetry().getBackoff(), listener.isAutoStartup(), listener.getConcurrency(),
                listener.getRetry().getAttempts(), listener.getBatchSize(), virtual, name == null || name.isBlank() ? "app" : name);
    }

    static StreamListenerSettings streamSettings(RedisListenerProperties listener) {
        RedisPropertyChecks.listener(listener);
        RedisListenerProperties.Stream s = listener.getStream();
        RedisListenerProperties.Backoff b = s.getRetryBackoff();
        return new StreamListenerSettings(s.getBlock(), s.getBatchSize(), s.getMaxAttempts(),
                new Backoff(b.getInitialDelay(), b.getMultiplier(), b.getMaxDelay()), s.getClaimIdle(),
                s.getClaimInterval(), s.getStartId().trim());
    }

    /** A {@link RedisConfig} bean, a cluster client with its configuration, or a Sentinel configuration and client. */
    static final class OnRedisConfiguration extends AnyNestedCondition {

        OnRedisConfiguration() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(RedisConfig.class)
        static final class SingleNode {
        }

        @ConditionalOnBean({RedisClusterClient.class, ClusterConfig.class})
        static final class Cluster {
        }

        @ConditionalOnBean({RedisClient.class, SentinelConfig.class})
        static final class Sentinel {
        }
    }

    /** JSON payloads with Jackson 3. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonPayloadConfiguration {

        /**
         * Converts payloads with the context's {@code JsonMapper}, else its {@code ObjectMapper}, else Jackson's
         * shared default mapper.
         *
         * @param jsonMapper the context's JsonMapper
         * @param objectMapper the context's ObjectMapper
         * @return the converter
         */
        @Bean
        @ConditionalOnMissingBean
        PayloadConverter redisListenerPayloadConverter(ObjectProvider<JsonMapper> jsonMapper,
                ObjectProvider<ObjectMapper> objectMapper) {
            ObjectMapper mapper = jsonMapper.getIfUnique();
            if (mapper == null) {
                mapper = objectMapper.getIfUnique(JsonMapper::shared);
            }
            return new JacksonPayloadConverter(mapper);
        }
    }

    /** Listener counters in Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class MetricsConfiguration {

        /**
         * Counts into the context's {@link MeterRegistry}, or nothing when there is none.
         *
         * @param registry the meter registry
         * @return the metrics
         */
        @Bean
        @ConditionalOnMissingBean
        RedisListenerMetrics redisListenerMetrics(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry r = registry.getIfUnique();
            return r == null ? RedisListenerMetrics.noop() : new MicrometerRedisListenerMetrics(r);
        }
    }

    /**
     * Micrometer Observation of each pub/sub and queue delivery to a listener method, when micrometer-observation is
     * present; records nothing without an {@code ObservationRegistry} bean. {@code redis.observation.enabled=false}
     * turns it off.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "redis.observation.enabled",
            matchIfMissing = true)
    static class ObservationConfiguration {

        /**
         * The observer listener containers wrap their handlers with.
         *
         * @param registry the application's registry, if any
         * @return the observer
         */
        @Bean
        @ConditionalOnMissingBean(io.respkit.spring.listener.ListenerDeliveryObserver.class)
        io.respkit.spring.listener.ListenerDeliveryObserver redisListenerDeliveryObserver(
                ObjectProvider<io.micrometer.observation.ObservationRegistry> registry) {
            return new io.respkit.spring.observation.MicrometerListenerDeliveryObserver(registry.getIfAvailable());
        }
    }
}
