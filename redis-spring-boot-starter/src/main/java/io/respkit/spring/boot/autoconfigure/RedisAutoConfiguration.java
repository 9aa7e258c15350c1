package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.codec.StringCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.sentinel.SentinelConfig;
import io.respkit.spring.core.JacksonJsonCodec;
import io.respkit.spring.core.RedisCommandMetrics;
import io.respkit.connection.CommandObserver;
import io.respkit.spring.core.RedisExceptionTranslator;
import io.respkit.spring.observation.MicrometerCommandObserver;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.spring.core.ValueCodecFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configures respkit from {@code redis.*} properties: the {@link RedisConfig}, the {@link ConnectionPool}, a
 * {@link RedisClient RedisClient&lt;String&gt;} over that pool and a {@link RedisTemplate RedisTemplate&lt;String&gt;}.
 * With {@code redis.cluster.nodes} set (cluster mode) it creates a {@link ClusterConfig} and a
 * {@link RedisClusterClient RedisClusterClient&lt;String&gt;} instead of the first three, and the template runs on
 * the cluster. With {@code redis.sentinel.master} set (Sentinel mode) it creates a {@link SentinelConfig} and a
 * {@link RedisClient RedisClient&lt;String&gt;} that follows the primary the sentinels name; the
 * {@link ConnectionPool} bean is that client's pool, and the template runs on the client. Each bean backs off when
 * the application defines its own. On shutdown the template and client go before the pool they depend on, and the
 * pool (or the cluster client, or the Sentinel client with its pool) closes its connections.
 *
 * <p>Thread-safe (stateless); used once by the container.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(RedisClient.class)
@EnableConfigurationProperties(RedisProperties.class)
public final class RedisAutoConfiguration {

    /**
     * Derives the connection details from the properties, unless a service connection (Testcontainers'
     * {@code @ServiceConnection}, Docker Compose) or the application provides them; every mode builds its
     * configuration from the details. Declared with its own type: {@link RedisModeCondition} tells it from the
     * application's details by that type.
     *
     * @param properties the {@code redis.*} properties
     * @return the details
     */
    @Bean
    @ConditionalOnMissingBean(RedisConnectionDetails.class)
    PropertiesRedisConnectionDetails redisConnectionDetails(RedisProperties properties) {
        return new PropertiesRedisConnectionDetails(properties);
    }

    /**
     * One server: a {@link RedisConnectionDetails} bean of neither the cluster nor the Sentinel type, or, without
     * one, neither {@code redis.cluster.nodes} nor {@code redis.sentinel.master} set.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisModeCondition.SingleNode.class)
    static class SingleNodeConfiguration {

        /**
         * Builds the configuration from properties, then applies every {@link RedisConfigBuilderCustomizer} in order.
         *
         * @param properties the {@code redis.*} properties
         * @param sslBundles the SSL bundles, for {@code redis.ssl.bundle}
         * @param customizers the customizers
         * @param details where to connect: from a service connection when there is one, else from the properties
         * @return the configuration
         * @throws io.respkit.exceptions.RedisUrlSyntaxException when {@code redis.url} is malformed
         * @throws InvalidRedisPropertyException when a property is out of range or {@code redis.ssl.bundle} cannot be
         *         used
         */
        @Bean
        @ConditionalOnMissingBean
        public RedisConfig redisConfig(RedisProperties properties, ObjectProvider<SslBundles> sslBundles,
                                       ObjectProvider<RedisConfigBuilderCustomizer> customizers,
                                       RedisConnectionDetails details) {
            RedisConfig.Builder builder = RedisConfigFactory.builder(properties, sslBundles.getIfAvailable());
            if (!(details instanceof PropertiesRedisConnectionDetails)) {
                RedisConfigFactory.apply(details, builder);
            }
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        }

        /**
         * Creates the connection pool; no connection opens until the first command.
         *
         * @param config the configuration
         * @return the pool, closed when the context closes
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        public ConnectionPool redisConnectionPool(RedisConfig config) {
            return ConnectionPool.create(config);
        }

        /**
         * Creates a client with String values over the pool; closing it leaves the pool to its own bean.
         *
         * @param pool the pool
         * @return the client
         */
        @Bean
        @ConditionalOnMissingBean
        public RedisClient<String> redisClient(ConnectionPool pool, ObjectProvider<CommandObserver> observers) {
            return RedisObservation.observed(RedisClient.create(pool, StringCodec.of(pool.config().charset())),
                    observers);
        }

        /**
         * Creates the String-valued template, timing commands when a {@link RedisCommandMetrics} bean exists (see
         * {@link RedisMetricsAutoConfiguration}).
         *
         * @param client the client
         * @param codecFactories the codec factory for {@link RedisTemplate#forType(Class)}
         * @param metrics the command metrics
         * @return the template
         */
        @Bean
        @ConditionalOnMissingBean
        public RedisTemplate<String> redisTemplate(RedisClient<String> client,
                                                   ObjectProvider<ValueCodecFactory> codecFactories,
                                                   ObjectProvider<RedisCommandMetrics> metrics) {
            return new RedisTemplate<>(client, codecFactories.getIfAvailable(), metrics.getIfAvailable());
        }
    }

    /**
     * A Redis Cluster: a {@link RedisConnectionDetails.ClusterDetails} bean, or, without a details bean,
     * {@code redis.cluster.nodes} set.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisModeCondition.Cluster.class)
    static class ClusterConfiguration {

        /**
         * Builds the cluster configuration from the connection details (the nodes, credentials, SSL bundle) and
         * the properties (the rest); every {@link RedisConfigBuilderCustomizer} applies, in order, to the per-node
         * template.
         *
         * @param properties the {@code redis.*} properties
         * @param sslBundles the SSL bundles, for {@code redis.ssl.bundle}
         * @param customizers the customizers of the per-node template
         * @param details the cluster: from the application's details bean, else from {@code redis.cluster.*}
         * @return the configuration
         * @throws InvalidRedisPropertyException when a property is out of range, {@code redis.url} is set too, or
         *         {@code redis.ssl.bundle} cannot be used
         * @throws IllegalStateException when the details have no cluster
         */
        @Bean
        @ConditionalOnMissingBean
        public ClusterConfig redisClusterConfig(RedisProperties properties, ObjectProvider<SslBundles> sslBundles,
                                                ObjectProvider<RedisConfigBuilderCustomizer> customizers,
                                                RedisConnectionDetails details) {
            return RedisConfigFactory.cluster(properties, sslBundles.getIfAvailable(), details,
                    builder -> customizers.orderedStream().forEach(customizer -> customizer.customize(builder)));
        }

        /**
         * Creates the cluster client with String values; it reads the topology from the seeds at once.
         *
         * @param config the cluster configuration
         * @param observers the observer of every call (Micrometer's, see {@link ObservationConfiguration}), if any
         * @return the client, closed (with every node's connections) when the context closes
         * @throws io.respkit.exceptions.RedisConnectionException when no seed answered with the topology
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        public RedisClusterClient<String> redisClusterClient(ClusterConfig config,
                                                             ObjectProvider<CommandObserver> observers) {
            return RedisObservation.observed(RedisClusterClient.create(config), observers);
        }

        /**
         * Creates the String-valued template on the cluster, timing commands when a {@link RedisCommandMetrics}
         * bean exists.
         *
         * @param client the cluster client
         * @param codecFactories the codec factory for {@link RedisTemplate#forType(Class)}
         * @param metrics the command metrics
         * @return the template
         */
        @Bean
        @ConditionalOnMissingBean
        public RedisTemplate<String> redisTemplate(RedisClusterClient<String> client,
                                                   ObjectProvider<ValueCodecFactory> codecFactories,
                                                   ObjectProvider<RedisCommandMetrics> metrics) {
            return new RedisTemplate<>(client, codecFactories.getIfAvailable(), metrics.getIfAvailable());
        }
    }

    /**
     * A primary watched by Redis Sentinel: a {@link RedisConnectionDetails.SentinelDetails} bean, or, without a
     * details bean, {@code redis.sentinel.master} set (and {@code redis.cluster.nodes} not). The client follows the
     * primary through failovers; its pool is the {@link ConnectionPool} bean.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisModeCondition.Sentinel.class)
    static class SentinelConfiguration {

        /**
         * Builds the Sentinel configuration from the connection details (the sentinels, master name, credentials,
         * database, SSL bundle) and the properties (the rest); every {@link RedisConfigBuilderCustomizer} applies,
         * in order, to the data-node template.
         *
         * @param properties the {@code redis.*} properties
         * @param sslBundles the SSL bundles, for {@code redis.ssl.bundle}
         * @param customizers the customizers of the data-node template
         * @param details the deployment: from the application's details bean, else from {@code redis.sentinel.*}
         * @return the configuration
         * @throws InvalidRedisPropertyException when a property is out of range or inconsistent (e.g.
         *         {@code redis.url} is set too, or no sentinel is given), or {@code redis.ssl.bundle} cannot be used
         * @throws IllegalStateException when the details have no Sentinel deployment
         */
        @Bean
        @ConditionalOnMissingBean
        public SentinelConfig redisSentinelConfig(RedisProperties properties, ObjectProvider<SslBundles> sslBundles,
                                                  ObjectProvider<RedisConfigBuilderCustomizer> customizers,
                                                  RedisConnectionDetails details) {
            return RedisConfigFactory.sentinel(properties, sslBundles.getIfAvailable(), details,
                    builder -> customizers.orderedStream().forEach(customizer -> customizer.customize(builder)));
        }

        /**
         * Creates the client with String values: it asks the sentinels where the primary is at once, then follows
         * it (see {@link RedisClient#create(SentinelConfig, io.respkit.codec.RedisCodec)}).
         *
         * @param config the Sentinel configuration
         * @return the client, closed (with its pool and its watch of the sentinels) when the context closes
         * @throws io.respkit.exceptions.RedisConnectionException when no sentinel answered or none named a node
         *         that confirmed it is primary
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        public RedisClient<String> redisClient(SentinelConfig config, ObjectProvider<CommandObserver> observers) {
            return RedisObservation.observed(RedisClient.create(config, StringCodec.of(config.nodeConfig().charset())),
                    observers);
        }

        /**
         * Exposes the client's pool, whose {@code config()} is always the current primary's, for health, metrics
         * and applications that borrow connections themselves.
         *
         * @param client the client
         * @return its pool; not closed here: the client closes it
         */
        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        public ConnectionPool redisConnectionPool(RedisClient<String> client) {
            return client.pool();
        }

        /**
         * Creates the String-valued template on the client, timing commands when a {@link RedisCommandMetrics} bean
         * exists.
         *
         * @param client the client
         * @param codecFactories the codec factory for {@link RedisTemplate#forType(Class)}
         * @param metrics the command metrics
         * @return the template
         */
        @Bean
        @ConditionalOnMissingBean
        public RedisTemplate<String> redisTemplate(RedisClient<String> client,
                                                   ObjectProvider<ValueCodecFactory> codecFactories,
                                                   ObjectProvider<RedisCommandMetrics> metrics) {
            return new RedisTemplate<>(client, codecFactories.getIfAvailable(), metrics.getIfAvailable());
        }
    }

    /**
     * Spring's {@code DataAccessException} hierarchy for respkit's exceptions, when spring-tx is present: picked up by
     * {@code PersistenceExceptionTranslationPostProcessor} for {@code @Repository} beans.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.support.PersistenceExceptionTranslator")
    static class ExceptionTranslationConfiguration {

        /**
         * The translator (see {@link RedisExceptionTranslator} for the mapping).
         *
         * @return the translator
         */
        @Bean
        @ConditionalOnMissingBean
        RedisExceptionTranslator redisExceptionTranslator() {
            return new RedisExceptionTranslator();
        }
    }

    /**
     * Micrometer Observation of every command of the client bean (single-node, Sentinel or cluster) when
     * micrometer-observation is present and an {@code ObservationRegistry} bean records observations;
     * {@code redis.observation.enabled=false} turns it off, {@code redis.observation.query-text} adds
     * {@code db.query.text}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
    @ConditionalOnProperty(name = "redis.observation.enabled", matchIfMissing = true)
    static class ObservationConfiguration {

        /**
         * The observer; the client is wrapped only when the registry records anything.
         *
         * @param registry the application's registry, if any
         * @param environment where {@code redis.observation.query-text} is read
         * @return the observer
         */
        @Bean
        @ConditionalOnMissingBean(CommandObserver.class)
        CommandObserver redisCommandObserver(ObjectProvider<io.micrometer.observation.ObservationRegistry> registry,
                Environment environment) {
            CommandObserver.QueryText queryText = Binder.get(environment)
                    .bind("redis.observation.query-text", CommandObserver.QueryText.class)
                    .orElse(CommandObserver.QueryText.NONE);
            return new MicrometerCommandObserver(registry.getIfAvailable(), queryText);
        }
    }

    /**
     * Keeps respkit's passwords and the passwords inside its URLs out of {@code /actuator/configprops} and
     * {@code /actuator/env}, also when their values are shown.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorSanitizingConfiguration {

        /**
         * The sanitizing function; Boot's configprops and env endpoints apply every such bean.
         *
         * @return the function
         */
        @Bean
        org.springframework.boot.actuate.endpoint.SanitizingFunction redisSanitizingFunction() {
            return new RedisSanitizingFunction();
        }
    }

    /** JSON values for {@link RedisTemplate#forType(Class)} with the application's Jackson mapper. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "tools.jackson.databind.json.JsonMapper")
    static class JacksonCodecConfiguration {

        /**
         * Uses the application's {@link JsonMapper} (or its only {@link ObjectMapper}) when there is one, else
         * Jackson's shared default.
         *
         * @param jsonMappers the JSON mappers
         * @param objectMappers any mappers
         * @return the factory
         */
        @Bean
        @ConditionalOnMissingBean
        ValueCodecFactory redisJsonCodecFactory(ObjectProvider<JsonMapper> jsonMappers,
                                                ObjectProvider<ObjectMapper> objectMappers) {
            ObjectMapper mapper = jsonMappers.getIfUnique();
            if (mapper == null) {
                mapper = objectMappers.getIfUnique(JsonMapper::shared);
            }
            return JacksonJsonCodec.factory(mapper);
        }
    }

    /** Without Jackson, {@link RedisTemplate#forType(Class)} fails with an explanation. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("tools.jackson.databind.json.JsonMapper")
    static class NoJacksonCodecConfiguration {

        /**
         * A factory that explains that Jackson is missing.
         *
         * @return the factory
         */
        @Bean
        @ConditionalOnMissingBean
        ValueCodecFactory redisJsonCodecFactory() {
            return ValueCodecFactory.unavailable("RedisTemplate.forType needs Jackson 3 "
                    + "(tools.jackson.core:jackson-databind) on the classpath to store objects as JSON; add that "
                    + "dependency, or use a String RedisTemplate, or withCodec(...) with your own RedisCodec");
        }
    }
}
