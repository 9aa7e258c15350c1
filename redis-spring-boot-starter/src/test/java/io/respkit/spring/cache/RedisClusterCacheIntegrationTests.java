package io.respkit.spring.cache;

import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisCacheAutoConfiguration;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured cache on the shared Redis Cluster: the entries of one cache spread over every primary, and
 * {@code clear()} scans and unlinks on each of them.
 */
@ClusterTest
class RedisClusterCacheIntegrationTests {

    public record Item(String name, int n) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingConfig {
    }

    private static ApplicationContextRunner runner(RedisCluster cluster) {
        String nodes = cluster.seeds().stream().map(Object::toString).collect(Collectors.joining(","));
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisCacheAutoConfiguration.class))
                .withUserConfiguration(CachingConfig.class)
                .withPropertyValues("redis.cluster.nodes=" + nodes, "redis.cache.ttl=10m",
                        "redis.cache.trusted-packages=io.respkit.spring.cache");
    }

    private static long keysOn(ClusterNode primary, String prefix) {
        // SCAN of that node alone, as a check independent of the client's cluster scan.
        long count = 0;
        String cursor = "0";
        do {
            @SuppressWarnings("unchecked")
            List<Object> page = (List<Object>) primary.call("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
            cursor = (String) page.get(0);
            count += ((List<?>) page.get(1)).size();
        } while (!"0".equals(cursor));
        return count;
    }

    @Test
    void clearRemovesTheCachesEntriesFromEveryPrimary(RedisCluster cluster) {
        cluster.flushAll();
        runner(cluster).run(context -> {
            assertThat(context).hasNotFailed();
            CacheManager manager = context.getBean(CacheManager.class);
            Cache items = manager.getCache("items");
            Cache other = manager.getCache("other");
            for (int i = 0; i < 2_000; i++) {
                items.put(i, new Item("item-" + i, i));
            }
            other.put("kept", new Item("kept", 0));
            List<ClusterNode> primaries = cluster.primaries();
            assertThat(primaries).hasSizeGreaterThan(1);
            for (ClusterNode primary : primaries) {
                assertThat(keysOn(primary, "items::")).as("entries on %s", primary.hostAndPort()).isPositive();
            }
            assertThat(items.get(1_999, Item.class)).isEqualTo(new Item("item-1999", 1_999));

            items.clear();

            for (ClusterNode primary : primaries) {
                assertThat(keysOn(primary, "items::")).as("entries left on %s", primary.hostAndPort()).isZero();
            }
            assertThat(items.get(1)).isNull();
            assertThat(other.get("kept", Item.class)).isEqualTo(new Item("kept", 0));
        });
    }

    @Test
    void everyOperationRunsOnTheCluster(RedisCluster cluster) {
        cluster.flushAll();
        runner(cluster).run(context -> {
            @SuppressWarnings("unchecked")
            RedisTemplate<String> redis = context.getBean(RedisTemplate.class);
            Cache cache = context.getBean(CacheManager.class).getCache("ops");
            assertThat(cache.get("a", () -> new Item("a", 1))).isEqualTo(new Item("a", 1));
            assertThat(cache.get("a", () -> new Item("other", 2))).isEqualTo(new Item("a", 1));
            assertThat(redis.pttl("ops::a")).isBetween(1L, Duration.ofMinutes(10).toMillis());
            assertThat(cache.putIfAbsent("a", new Item("b", 2)).get()).isEqualTo(new Item("a", 1));
            assertThat(cache.evictIfPresent("a")).isTrue();
            assertThat(cache.retrieve("a").get(5, TimeUnit.SECONDS)).isNull();
            assertThat(cache.retrieve("b", () -> java.util.concurrent.CompletableFuture.completedFuture("v"))
                    .get(5, TimeUnit.SECONDS)).isEqualTo("v");
            assertThat(((Cache.ValueWrapper) cache.retrieve("b").get(5, TimeUnit.SECONDS)).get()).isEqualTo("v");
            // A key of the cache holding another Redis type is a miss there too (WRONGTYPE through the cluster).
            redis.hset("ops::hash", "f", "v");
            assertThat(cache.get("hash")).isNull();
            assertThat(cache.retrieve("hash").get(5, TimeUnit.SECONDS)).isNull();
            assertThat(cache.get("hash", () -> "loaded")).isEqualTo("loaded");
        });
    }
}
