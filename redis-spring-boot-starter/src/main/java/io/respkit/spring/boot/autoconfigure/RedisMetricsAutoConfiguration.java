package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.respkit.RedisClusterClient;
import io.respkit.pool.ConnectionPool;
import io.respkit.sentinel.SentinelConfig;
import io.respkit.spring.core.MicrometerCommandMetrics;
import io.respkit.spring.core.RedisCommandMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Micrometer metrics for respkit when a {@link MeterRegistry} bean exists: pool gauges ({@link RedisPoolMetrics},
 * tagged by the master name in Sentinel mode; per node, tagged by address, on a cluster:
 * {@link RedisClusterPoolMetrics}) and a {@code respkit.commands} timer per command for the auto-configured
 * {@link io.respkit.spring.core.RedisTemplate} ({@link MicrometerCommandMetrics}).
 *
 * <p>Thread-safe (stateless); used once by the container.
 */
@AutoConfiguration(after = RedisAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class RedisMetricsAutoConfiguration {

    /**
     * Registers the pool gauges.
     *
     * @param pool the pool
     * @param registry the registry
     * @param sentinel the Sentinel configuration in Sentinel mode: the gauges are then tagged with its master name
     * @return the gauges, removed when the context closes
     */
    @Bean
    @ConditionalOnBean(ConnectionPool.class)
    @ConditionalOnMissingBean
    public RedisPoolMetrics redisPoolMetrics(ConnectionPool pool, MeterRegistry registry,
                                             ObjectProvider<SentinelConfig> sentinel) {
        SentinelConfig config = sentinel.getIfUnique();
        return new RedisPoolMetrics(pool, registry, config != null ? config.masterName() : null);
    }

    /**
     * Registers the pool gauges of every node of a cluster, kept up to date as nodes join and leave.
     *
     * @param client the cluster client
     * @param registry the registry
     * @return the gauges, removed when the context closes
     */
    @Bean
    @ConditionalOnBean(RedisClusterClient.class)
    @ConditionalOnMissingBean
    public RedisClusterPoolMetrics redisClusterPoolMetrics(RedisClusterClient<?> client, MeterRegistry registry) {
        return new RedisClusterPoolMetrics(client, registry, Duration.ofSeconds(10));
    }

    /**
     * Times the template's commands.
     *
     * @param registry the registry
     * @return the command metrics
     */
    @Bean
    @ConditionalOnMissingBean
    public RedisCommandMetrics redisCommandMetrics(MeterRegistry registry) {
        return new MicrometerCommandMetrics(registry);
    }
}
