package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.sentinel.SentinelConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@code redis} health indicator ({@link RedisHealthIndicator}) when Spring Boot's health support
 * (module {@code spring-boot-health}) is on the classpath and a {@link ConnectionPool} bean exists, or
 * {@link RedisClusterHealthIndicator} when a {@link RedisClusterClient} and its {@link ClusterConfig} exist (cluster
 * mode). In Sentinel mode the {@link ConnectionPool} bean is the client's, which follows the primary: the indicator
 * pings the current primary and reports its address and the master name. Turn it off with
 * {@code management.health.redis.enabled=false}.
 *
 * <p>Thread-safe (stateless); used once by the container.
 */
@AutoConfiguration(after = RedisAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
public final class RedisHealthAutoConfiguration {

    /**
     * Creates the indicator; the bean name makes its health contributor name {@code redis}.
     *
     * @param pool the pool to check
     * @param sentinel the Sentinel configuration in Sentinel mode, for the master name
     * @return the indicator
     */
    @Bean
    @ConditionalOnBean(ConnectionPool.class)
    // On the method, not the class: Spring resolves every condition class of an annotated element before evaluating
    // any, so at class level this would fail when spring-boot-health is absent instead of backing off.
    @ConditionalOnEnabledHealthIndicator("redis")
    @ConditionalOnMissingBean(name = "redisHealthIndicator")
    public RedisHealthIndicator redisHealthIndicator(ConnectionPool pool, ObjectProvider<SentinelConfig> sentinel) {
        SentinelConfig config = sentinel.getIfUnique();
        return new RedisHealthIndicator(pool, config != null ? config.masterName() : null);
    }

    /** The cluster's indicator, in cluster mode. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean({RedisClusterClient.class, ClusterConfig.class})
    static class ClusterHealthConfiguration {

        /**
         * Creates the cluster indicator; the bean name makes its health contributor name {@code redis}.
         *
         * @param client the cluster client
         * @param config its configuration
         * @return the indicator
         */
        @Bean
        @ConditionalOnEnabledHealthIndicator("redis")
        @ConditionalOnMissingBean(name = "redisHealthIndicator")
        RedisClusterHealthIndicator redisHealthIndicator(RedisClusterClient<?> client, ClusterConfig config) {
            return new RedisClusterHealthIndicator(client, config);
        }
    }
}
