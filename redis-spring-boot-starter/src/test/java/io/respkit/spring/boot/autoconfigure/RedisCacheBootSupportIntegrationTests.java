package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.spring.cache.RespkitCache;
import io.respkit.spring.cache.RespkitCacheManager;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own cache integration (spring-boot-cache) on the respkit cache manager against a real server:
 * {@link CacheManagerCustomizer} beans for a {@link RespkitCacheManager} are applied (and the respkit builder
 * customizers still are), and Boot's cache metrics registrar binds respkit caches that count statistics.
 */
@ExtendWith(RedisServerExtension.class)
class RedisCacheBootSupportIntegrationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingConfig {
    }

    /** Customizers of both kinds, recording what they were given. */
    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<Object> calls = new CopyOnWriteArrayList<>();

        @Bean
        CacheManagerCustomizer<RespkitCacheManager> respkitManagerCustomizer() {
            return calls::add;
        }

        @Bean
        CacheManagerCustomizer<CacheManager> anyManagerCustomizer() {
            return manager -> calls.add("any:" + manager.getClass().getSimpleName());
        }

        @Bean
        CacheManagerCustomizer<ConcurrentMapCacheManager> otherManagerCustomizer() {
            return manager -> calls.add("never: not a respkit manager");
        }

        @Bean
        RespkitCacheManagerBuilderCustomizer respkitBuilderCustomizer() {
            return builder -> calls.add("builder");
        }
    }

    private static ApplicationContextRunner runner(RedisServer server) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisCacheAutoConfiguration.class, CacheAutoConfiguration.class,
                        CacheMetricsAutoConfiguration.class))
                .withUserConfiguration(CachingConfig.class)
                .withPropertyValues("redis.url=" + server.url());
    }

    @Test
    void bootsCacheManagerCustomizersOfTheRespkitManagerAreAppliedAfterTheBuilderCustomizers(RedisServer server) {
        runner(server).withUserConfiguration(Customizers.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CacheManager.class);
            RespkitCacheManager manager = context.getBean(RespkitCacheManager.class);
            List<Object> calls = context.getBean(Customizers.class).calls;
            assertThat(calls).containsExactlyInAnyOrder("builder", manager, "any:RespkitCacheManager");
            assertThat(calls.get(0)).isEqualTo("builder");
            Cache cache = manager.getCache("customized");
            cache.put("k", "v");
            assertThat(cache.get("k", String.class)).isEqualTo("v");
            cache.evict("k");
        });
    }

    @Test
    void withoutSpringBootCacheTheRespkitCustomizersStillApply(RedisServer server) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisCacheAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.cache"))
                .withUserConfiguration(CachingConfig.class)
                .withBean(RespkitCacheManagerBuilderCustomizer.class,
                        () -> builder -> builder.initialCacheNames(List.of("from-builder")))
                .withPropertyValues("redis.url=" + server.url())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RespkitCacheManager.class).getCacheNames()).contains("from-builder");
                });
    }

    @Test
    void bootsCacheMetricsRegistrarBindsRespkitCachesThatCountStatistics(RedisServer server) {
        // Statistics on through the builder, not redis.cache.enable-statistics: the starter's own binding stays
        // off, so any meter comes through Boot's registrar.
        runner(server).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(RespkitCacheManagerBuilderCustomizer.class, () -> builder -> builder.statistics(true))
                .withPropertyValues("redis.cache.cache-names=boot-metrics")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CacheMetricsRegistrar.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    RespkitCacheManager manager = context.getBean(RespkitCacheManager.class);
                    Cache cache = manager.getCache("boot-metrics");
                    cache.evict("k");
                    assertThat(cache.get("k")).isNull();
                    cache.put("k", "v");
                    assertThat(cache.get("k", String.class)).isEqualTo("v");
                    cache.evict("k");
                    assertThat(registry.get("cache.gets").tag("cache", "boot-metrics")
                            .tag("cache.manager", "cacheManager").tag("result", "hit").functionCounter().count())
                            .isEqualTo(1.0);
                    assertThat(registry.get("cache.gets").tag("cache", "boot-metrics").tag("result", "miss")
                            .functionCounter().count()).isEqualTo(1.0);
                    assertThat(registry.get("cache.puts").tag("cache", "boot-metrics").functionCounter().count())
                            .isEqualTo(1.0);
                    // A cache made on first use is bound by the registrar too, when asked.
                    RespkitCache later = (RespkitCache) manager.getCache("boot-metrics-later");
                    assertThat(context.getBean(CacheMetricsRegistrar.class).bindCacheToRegistry(later)).isTrue();
                    assertThat(registry.find("cache.gets").tag("cache", "boot-metrics-later").functionCounters())
                            .hasSize(2);
                });
    }

    @Test
    void bootsRegistrarAndTheStartersOwnBindingMakeOneSetOfMeters(RedisServer server) {
        runner(server).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("redis.cache.cache-names=both-bound", "redis.cache.enable-statistics=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CacheMetricsRegistrar.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    Cache cache = context.getBean(RespkitCacheManager.class).getCache("both-bound");
                    cache.evict("k");
                    assertThat(cache.get("k")).isNull();
                    assertThat(registry.find("cache.gets").tag("cache", "both-bound").tag("result", "miss")
                            .functionCounters()).hasSize(1).first()
                            .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
                });
    }

    @Test
    void cachesWithoutStatisticsGetNoMetersRatherThanZeros(RedisServer server) {
        runner(server).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("redis.cache.cache-names=no-stats")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("cache.gets").tag("cache", "no-stats").meters()).isEmpty();
                    Cache cache = context.getBean(RespkitCacheManager.class).getCache("no-stats");
                    assertThat(context.getBean(CacheMetricsRegistrar.class).bindCacheToRegistry(cache)).isFalse();
                });
    }
}
