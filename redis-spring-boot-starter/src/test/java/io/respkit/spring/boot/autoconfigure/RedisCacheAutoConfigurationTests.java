package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.spring.cache.RespkitCache;
import io.respkit.spring.cache.RespkitCacheConfiguration;
import io.respkit.spring.cache.RespkitCacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the cache manager is auto-configured and how {@code redis.cache.*} properties shape it. No server is needed:
 * nothing connects until the first command.
 */
class RedisCacheAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class, RedisCacheAutoConfiguration.class))
            .withPropertyValues("redis.url=redis://localhost:1");

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingEnabled {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class OwnCacheManager {
        @Bean
        CacheManager myCacheManager() {
            return new ConcurrentMapCacheManager();
        }
    }

    @Test
    void noCacheManagerWithoutEnableCaching() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CacheManager.class));
    }

    @Test
    void cacheManagerWhenCachingIsEnabled() {
        runner.withUserConfiguration(CachingEnabled.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RespkitCacheManager.class).hasBean("cacheManager");
            RespkitCacheManager manager = context.getBean(RespkitCacheManager.class);
            assertThat(manager.defaults()).isEqualTo(RespkitCacheConfiguration.DEFAULTS);
            assertThat(manager.statisticsEnabled()).isFalse();
            RespkitCache cache = (RespkitCache) manager.getCache("users");
            assertThat(cache.redisKey(42)).isEqualTo("users::42");
            assertThat(cache.isAllowNullValues()).isTrue();
        });
    }

    @Test
    void backsOffForTheApplicationsCacheManager() {
        runner.withUserConfiguration(OwnCacheManager.class).run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(CacheManager.class).doesNotHaveBean(RespkitCacheManager.class));
    }

    @Test
    void backsOffForACacheResolverBean() {
        runner.withUserConfiguration(CachingEnabled.class)
                .withBean("cacheResolver", org.springframework.cache.interceptor.CacheResolver.class,
                        () -> context -> java.util.List.of())
                .run(RedisCacheAutoConfigurationTests::assertNoCacheManager);
    }

    /** With caching enabled and no cache manager at all, Spring's cache interceptor fails the start-up. */
    private static void assertNoCacheManager(org.springframework.context.ApplicationContext context) {
        assertThat(((org.springframework.boot.test.context.assertj.AssertableApplicationContext) context))
                .hasFailed().getFailure().isInstanceOf(org.springframework.beans.factory.NoSuchBeanDefinitionException.class)
                .hasMessageContaining("CacheManager");
    }

    @Test
    void springCacheTypeSelectsOrDeselectsRedis() {
        runner.withUserConfiguration(CachingEnabled.class).withPropertyValues("spring.cache.type=none")
                .run(RedisCacheAutoConfigurationTests::assertNoCacheManager);
        runner.withUserConfiguration(CachingEnabled.class).withPropertyValues("spring.cache.type=redis")
                .run(context -> assertThat(context).hasSingleBean(RespkitCacheManager.class));
    }

    @Test
    void needsARedisTemplate() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RedisCacheAutoConfiguration.class))
                .withUserConfiguration(CachingEnabled.class)
                .run(RedisCacheAutoConfigurationTests::assertNoCacheManager);
    }

    @Test
    void propertiesShapeTheCaches() {
        runner.withUserConfiguration(CachingEnabled.class)
                .withPropertyValues("redis.cache.ttl=10m", "redis.cache.ttls.prices=30s",
                        "redis.cache.key-prefix=app:", "redis.cache.cache-null-values=false",
                        "redis.cache.cache-names=users,orders", "redis.cache.enable-statistics=true")
                .run(context -> {
                    RespkitCacheManager manager = context.getBean(RespkitCacheManager.class);
                    assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("users", "orders", "prices");
                    assertThat(manager.defaults()).isEqualTo(
                            new RespkitCacheConfiguration(Duration.ofMinutes(10), false, "app:"));
                    RespkitCache prices = (RespkitCache) manager.getCache("prices");
                    assertThat(prices.configuration().ttl()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(prices.configuration().cacheNullValues()).isFalse();
                    assertThat(prices.redisKey("a")).isEqualTo("app:prices::a");
                    RespkitCache other = (RespkitCache) manager.getCache("other");
                    assertThat(other.configuration().ttl()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(manager.statisticsEnabled()).isTrue();
                });
    }

    @Test
    void aCacheNameWithColonsOrDotsGetsItsTtlInBrackets() {
        // TestPropertyValues would split "ttls[user:profile]=1m" at the colon: a property source as a file gives it.
        runner.withUserConfiguration(CachingEnabled.class)
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("file", Map.of("redis.cache.ttls[user:profile]", "1m",
                                "redis.cache.ttls[user.email]", "2m", "redis.cache.ttls.plain-name", "3m"))))
                .run(context -> {
                    RespkitCacheManager manager = context.getBean(RespkitCacheManager.class);
                    assertThat(manager.cacheConfigurations()).containsOnlyKeys("user:profile", "user.email",
                            "plain-name");
                    assertThat(((RespkitCache) manager.getCache("user:profile")).configuration().ttl())
                            .isEqualTo(Duration.ofMinutes(1));
                    assertThat(((RespkitCache) manager.getCache("user.email")).configuration().ttl())
                            .isEqualTo(Duration.ofMinutes(2));
                });
    }

    @Test
    void customizersApplyAfterProperties() {
        runner.withUserConfiguration(CachingEnabled.class).withPropertyValues("redis.cache.ttl=10m")
                .withBean(RespkitCacheManagerBuilderCustomizer.class, () -> builder -> builder
                        .cacheConfiguration("special", RespkitCacheConfiguration.DEFAULTS.withTtl(Duration.ofHours(1))))
                .run(context -> {
                    RespkitCacheManager manager = context.getBean(RespkitCacheManager.class);
                    assertThat(((RespkitCache) manager.getCache("special")).configuration().ttl())
                            .isEqualTo(Duration.ofHours(1));
                    assertThat(manager.defaults().ttl()).isEqualTo(Duration.ofMinutes(10));
                });
    }

    @Test
    void metersOnlyWithStatisticsAndARegistry() {
        ApplicationContextRunner withRegistry = runner.withUserConfiguration(CachingEnabled.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
        withRegistry.withPropertyValues("redis.cache.enable-statistics=true", "redis.cache.cache-names=users")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("cache.gets").tag("cache", "users")
                            .tag("cache.manager", "cacheManager").tag("result", "hit").functionCounter()).isNotNull();
                    context.getBean(RespkitCacheManager.class).getCache("created-later");
                    assertThat(registry.find("cache.puts").tag("cache", "created-later").functionCounter())
                            .isNotNull();
                });
        withRegistry.withPropertyValues("redis.cache.cache-names=users").run(context -> assertThat(
                context.getBean(MeterRegistry.class).find("cache.gets").meters()).isEmpty());
    }

    @Test
    void withoutJacksonOrAnotherCodecStartupFailsWithAnExplanation() {
        runner.withUserConfiguration(CachingEnabled.class).withClassLoader(new FilteredClassLoader("tools.jackson"))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("Jackson 3"));
    }
}
