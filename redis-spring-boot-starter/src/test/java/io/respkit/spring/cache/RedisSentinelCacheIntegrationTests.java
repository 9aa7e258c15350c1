package io.respkit.spring.cache;

import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisCacheAutoConfiguration;
import io.respkit.test.RedisSentinels;
import io.respkit.test.SentinelTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configured cache in Sentinel mode: entries are written to, read from and cleared on the primary. */
@SentinelTest
class RedisSentinelCacheIntegrationTests {

    public record Item(String name, int n) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingConfig {
    }

    @Test
    void cacheRunsOnThePrimary(RedisSentinels group) {
        String nodes = group.sentinels().stream().map(Object::toString).collect(Collectors.joining(","));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisCacheAutoConfiguration.class))
                .withUserConfiguration(CachingConfig.class)
                .withPropertyValues("redis.sentinel.master=" + group.masterName(), "redis.sentinel.nodes=" + nodes,
                        "redis.cache.trusted-packages=io.respkit.spring.cache")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Cache cache = context.getBean(CacheManager.class).getCache("sentinel-items");
                    cache.clear();
                    for (int i = 0; i < 100; i++) {
                        cache.put(i, new Item("item-" + i, i));
                    }
                    assertThat(group.primary().call("EXISTS", "sentinel-items::42")).isEqualTo(1L);
                    assertThat(cache.get(42, () -> new Item("loaded", 0))).isEqualTo(new Item("item-42", 42));
                    assertThat(cache.retrieve(7).get(5, TimeUnit.SECONDS)).isInstanceOf(Cache.ValueWrapper.class);
                    assertThat(cache.invalidate()).isTrue();
                    assertThat(group.primary().call("EXISTS", "sentinel-items::42")).isEqualTo(0L);
                });
    }
}
