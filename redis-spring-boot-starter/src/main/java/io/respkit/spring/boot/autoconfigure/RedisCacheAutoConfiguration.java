package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.respkit.spring.cache.RespkitCache;
import io.respkit.spring.cache.RespkitCacheConfiguration;
import io.respkit.spring.cache.RespkitCacheManager;
import io.respkit.spring.cache.RespkitCacheMeterBinder;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.spring.core.ValueCodecFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures a {@link RespkitCacheManager} (bean {@code cacheManager}) from {@code redis.cache.*} properties
 * when caching is enabled ({@code @EnableCaching}, which defines a {@link CacheAspectSupport} bean), a respkit
 * {@link RedisTemplate} exists, and the application defines no {@link CacheManager} (nor a {@code cacheResolver}
 * bean) of its own: the conditions of Spring Boot's own cache auto-configuration, which runs after this one and then
 * backs off. {@code spring.cache.type} set to anything but {@code redis} turns it off. Values are written with the
 * starter's {@link ValueCodecFactory} (JSON with the application's Jackson mapper), and read back only for trusted
 * types: the application's packages and {@code redis.cache.trusted-packages}. Every
 * {@link RespkitCacheManagerBuilderCustomizer} applies after the properties. With {@code
 * redis.cache.enable-statistics} and a Micrometer {@link MeterRegistry}, each cache gets Micrometer's standard cache
 * meters ({@link RespkitCacheMeterBinder}), tagged {@code cache.manager=cacheManager} and {@code name=<cache>}: the
 * tags Spring Boot's cache metrics registrar gives, so that when both bind a cache they make one set of meters.
 *
 * <p>With spring-boot-cache on the class path, Spring Boot's own hooks work too: every
 * {@code CacheManagerCustomizer} bean whose type argument accepts a {@link RespkitCacheManager} is applied to the
 * built manager (through Boot's {@code CacheManagerCustomizers}, after the builder customizers), and a
 * {@code CacheMeterBinderProvider<RespkitCache>} bean lets Boot's cache metrics registrar bind respkit caches that
 * count statistics (caches that do not get no meters rather than meters stuck at zero).
 *
 * <p>Thread-safe (stateless); used once by the container.
 */
@AutoConfiguration(after = RedisAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({CacheManager.class, RedisTemplate.class})
@ConditionalOnBean({CacheAspectSupport.class, RedisTemplate.class})
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@ConditionalOnProperty(name = "spring.cache.type", havingValue = "redis", matchIfMissing = true)
@EnableConfigurationProperties(RedisCacheProperties.class)
public final class RedisCacheAutoConfiguration {

    /**
     * Builds the cache manager from properties, then applies every customizer in order.
     *
     * @param templates the template (the only one, or the one named {@code redisTemplate})
     * @param codecFactories the codec factory of the starter
     * @param properties the {@code redis.cache.*} properties
     * @param customizers the customizers
     * @param beanFactory for the application's packages, which are trusted
     * @return the cache manager
     * @throws IllegalStateException when no value codec can be made (Jackson missing and no codec factory)
     */
    @Bean
    public RespkitCacheManager cacheManager(ObjectProvider<RedisTemplate<?>> templates,
                                            ObjectProvider<ValueCodecFactory> codecFactories,
                                            RedisCacheProperties properties,
                                            ObjectProvider<RespkitCacheManagerBuilderCustomizer> customizers,
                                            ObjectProvider<BootCacheManagerCustomizers> bootCustomizers,
                                            BeanFactory beanFactory) {
        RedisTemplate<?> template = templates.getIfUnique();
        if (template == null) {
            template = beanFactory.getBean("redisTemplate", RedisTemplate.class);
        }
        RespkitCacheConfiguration defaults = new RespkitCacheConfiguration(properties.getTtl(),
                properties.isCacheNullValues(), properties.getKeyPrefix());
        RespkitCacheManager.Builder builder = RespkitCacheManager.builder(template)
                .defaults(defaults)
                .initialCacheNames(properties.getCacheNames())
                .trustedPackages(properties.getTrustedPackages())
                .statistics(properties.isEnableStatistics())
                .transactionAware(properties.isTransactionAware());
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            builder.classLoader(configurable.getBeanClassLoader());
        }
        if (AutoConfigurationPackages.has(beanFactory)) {
            builder.trustedPackages(AutoConfigurationPackages.get(beanFactory));
        }
        properties.getTtls().forEach(builder::ttl);
        ValueCodecFactory codecFactory = codecFactories.getIfAvailable();
        if (codecFactory != null) {
            builder.codecFactory(codecFactory);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        RespkitCacheManager manager = builder.build();
        bootCustomizers.ifAvailable(boot -> boot.customize(manager));
        return manager;
    }

    /**
     * Applies Spring Boot's {@code CacheManagerCustomizer} beans to the built manager: a type of the starter's own,
     * so that the cache manager's bean method names no spring-boot-cache type, which may be missing.
     */
    @FunctionalInterface
    interface BootCacheManagerCustomizers {

        /**
         * Customizes the manager.
         *
         * @param manager the manager, built and not yet initialized
         */
        void customize(RespkitCacheManager manager);
    }

    /**
     * Spring Boot's {@code CacheManagerCustomizer} beans, when spring-boot-cache is present. Boot's own cache
     * auto-configuration, which would define {@link CacheManagerCustomizers}, backs off for the respkit manager, so
     * this defines it unless the application has.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers")
    static class BootCacheManagerCustomizersConfiguration {

        /**
         * Collects the customizers in order, as Boot does.
         *
         * @param customizers every customizer bean
         * @return the customizers
         */
        @Bean
        @ConditionalOnMissingBean
        CacheManagerCustomizers cacheManagerCustomizers(ObjectProvider<CacheManagerCustomizer<?>> customizers) {
            return new CacheManagerCustomizers(customizers.orderedStream().toList());
        }

        /**
         * Applies those whose type argument accepts the respkit manager.
         *
         * @param customizers the customizers
         * @return the hook the cache manager's bean method calls
         */
        @Bean
        BootCacheManagerCustomizers respkitBootCacheManagerCustomizers(CacheManagerCustomizers customizers) {
            return customizers::customize;
        }
    }

    /** Respkit caches for Spring Boot's cache metrics registrar, when spring-boot-cache and Micrometer are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.cache.metrics.CacheMeterBinderProvider",
        "io.micrometer.core.instrument.binder.MeterBinder"})
    static class BootCacheMetricsConfiguration {

        /**
         * Gives Boot's registrar a {@link RespkitCacheMeterBinder} for each respkit cache that counts statistics,
         * and nothing (so no meters) for one that does not: its meters would stay at zero.
         *
         * @return the provider
         */
        @Bean
        @ConditionalOnMissingBean
        CacheMeterBinderProvider<RespkitCache> respkitCacheMeterBinderProvider() {
            return (cache, tags) -> cache.statisticsEnabled() ? new RespkitCacheMeterBinder(cache, tags) : null;
        }
    }

    /** Micrometer cache meters for every cache, when statistics are on. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(name = "redis.cache.enable-statistics", havingValue = "true")
    static class CacheMetricsConfiguration {

        /**
         * Binds each cache's meters when the manager creates it, at start-up or on first use.
         *
         * @param registries the registry
         * @return the customizer
         */
        @Bean
        RespkitCacheManagerBuilderCustomizer respkitCacheMetricsCustomizer(ObjectProvider<MeterRegistry> registries) {
            return builder -> builder.onCacheCreated(cache -> {
                MeterRegistry registry = registries.getIfAvailable();
                if (registry != null) {
                    // Boot's CacheMetricsRegistrar tags: the same meter ids when it binds the cache as well.
                    new RespkitCacheMeterBinder(cache, Tags.of("cache.manager", "cacheManager", "name",
                            cache.getName())).bindTo(registry);
                }
            });
        }
    }
}
