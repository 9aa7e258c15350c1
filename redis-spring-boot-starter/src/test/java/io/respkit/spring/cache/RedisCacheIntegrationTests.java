package io.respkit.spring.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisCacheAutoConfiguration;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} on the auto-configured cache manager against a real server. */
@ExtendWith(RedisServerExtension.class)
class RedisCacheIntegrationTests {

    public record Person(String name, int age) {
    }

    /** A key type with no toString() of its own. */
    static final class OpaqueKey {
    }

    /**
     * A cached service counting how often each method really runs. The bean is a class proxy whose own fields are
     * unset: tests reach the state through methods.
     */
    static class PeopleService {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        volatile CountDownLatch release = new CountDownLatch(0);

        /** Makes {@link #slow} block until {@link #release()}. */
        public void hold() {
            release = new CountDownLatch(1);
        }

        public void release() {
            release.countDown();
        }

        int calls(String method) {
            return calls.computeIfAbsent(method, m -> new AtomicInteger()).get();
        }

        private void called(String method) {
            calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        }

        @Cacheable("people")
        public Person find(String id) {
            called("find");
            return new Person("person-" + id, id.length());
        }

        @CachePut(cacheNames = "people", key = "#id")
        public Person update(String id, int age) {
            called("update");
            return new Person("person-" + id, age);
        }

        @CacheEvict("people")
        public void remove(String id) {
            called("remove");
        }

        @CacheEvict(cacheNames = "people", allEntries = true)
        public void removeAll() {
            called("removeAll");
        }

        @Cacheable(cacheNames = "slow", sync = true)
        public Person slow(String id) throws InterruptedException {
            called("slow");
            release.await(20, TimeUnit.SECONDS);
            return new Person("slow-" + id, 1);
        }

        @Cacheable("maybe")
        public Person maybe(String id) {
            called("maybe");
            return null;
        }

        @Cacheable("async")
        public CompletableFuture<Person> async(String id) {
            called("async");
            return CompletableFuture.supplyAsync(() -> new Person("async-" + id, 2));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingConfig {
        @Bean
        PeopleService peopleService() {
            return new PeopleService();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    @AutoConfigurationPackage
    static class ApplicationPackageConfig {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class, RedisCacheAutoConfiguration.class))
            .withUserConfiguration(CachingConfig.class)
            .withPropertyValues("redis.cache.trusted-packages=io.respkit.spring.cache");

    private static ApplicationContextRunner on(ApplicationContextRunner runner, RedisServer server) {
        return runner.withPropertyValues("redis.url=" + server.url());
    }

    @SuppressWarnings("unchecked")
    private static RedisTemplate<String> template(ApplicationContext context) {
        RedisTemplate<String> template = context.getBean(RedisTemplate.class);
        template.execute("FLUSHDB");
        return template;
    }

    @Test
    void cacheableCachePutAndCacheEvict(RedisServer server) {
        on(runner, server).run(context -> {
            RedisTemplate<String> redis = template(context);
            PeopleService service = context.getBean(PeopleService.class);
            Person ada = service.find("ada");
            assertThat(service.find("ada")).isEqualTo(ada).isEqualTo(new Person("person-ada", 3));
            assertThat(service.calls("find")).isEqualTo(1);
            assertThat(redis.exists("people::ada")).isEqualTo(1);
            assertThat(redis.pttl("people::ada")).as("no expiry by default").isEqualTo(-1);

            service.update("ada", 36);
            assertThat(service.find("ada")).isEqualTo(new Person("person-ada", 36));
            assertThat(service.calls("find")).isEqualTo(1);

            service.remove("ada");
            assertThat(redis.exists("people::ada")).isZero();
            assertThat(service.find("ada")).isEqualTo(new Person("person-ada", 3));
            assertThat(service.calls("find")).isEqualTo(2);

            service.find("bob");
            service.removeAll();
            assertThat(redis.scan().filter(k -> k.startsWith("people::")).count()).isZero();
        });
    }

    @Test
    void jsonRoundTripOfARecord(RedisServer server) {
        on(runner, server).run(context -> {
            RedisTemplate<String> redis = template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("json");
            cache.put(7, new Person("Ada", 36));
            String stored = redis.get("json::7");
            assertThat(stored).isEqualTo(Person.class.getName() + "\n{\"name\":\"Ada\",\"age\":36}");
            assertThat(cache.get(7, Person.class)).isEqualTo(new Person("Ada", 36));
            cache.put("list", List.of("a", "b"));
            assertThat(cache.get("list").get()).isEqualTo(List.of("a", "b"));
            cache.put("array", new Person[] {new Person("B", 1)});
            assertThat((Person[]) cache.get("array").get()).containsExactly(new Person("B", 1));
            cache.put("number", 42L);
            assertThat(cache.get("number").get()).isEqualTo(42L);
        });
    }

    @Test
    void typesOutsideTheTrustedPackagesAreRefusedWhenRead(RedisServer server) {
        on(runner, server).withPropertyValues("redis.cache.trusted-packages=com.example").run(context -> {
            RedisTemplate<String> redis = template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("json");
            cache.put("p", new Person("Ada", 36));
            assertThatIllegalStateException().isThrownBy(() -> cache.get("p"))
                    .withMessageContaining(Person.class.getName())
                    .withMessageContaining("redis.cache.trusted-packages");
            redis.set("json::forged", "java.util.logging.FileHandler\n\"/tmp/x\"");
            assertThatIllegalStateException().isThrownBy(() -> cache.get("forged"))
                    .withMessageContaining("not trusted");
            cache.put("s", "plain");
            assertThat(cache.get("s").get()).isEqualTo("plain");
        });
    }

    @Test
    void theApplicationsPackagesAreTrusted(RedisServer server) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisCacheAutoConfiguration.class))
                .withUserConfiguration(ApplicationPackageConfig.class)
                .withPropertyValues("redis.url=" + server.url()).run(context -> {
                    template(context);
                    Cache cache = context.getBean(CacheManager.class).getCache("json");
                    cache.put("p", new Person("Ada", 36));
                    assertThat(cache.get("p", Person.class)).isEqualTo(new Person("Ada", 36));
                });
    }

    @Test
    void anUnreadableValueIsAMiss(RedisServer server) {
        on(runner, server).run(context -> {
            RedisTemplate<String> redis = template(context);
            PeopleService service = context.getBean(PeopleService.class);
            redis.set("people::old", Person.class.getName() + "\n{\"name\":[1,2]}");
            assertThat(service.find("old")).isEqualTo(new Person("person-old", 3));
            assertThat(service.calls("find")).isEqualTo(1);
            assertThat(service.find("old")).isEqualTo(new Person("person-old", 3));
            assertThat(service.calls("find")).isEqualTo(1);
            redis.set("people::foreign", "written by another tool");
            assertThat(service.find("foreign")).isEqualTo(new Person("person-foreign", 7));
            assertThat(service.calls("find")).isEqualTo(2);
        });
    }

    @Test
    void syncLoadsOncePerKeyUnderConcurrentCallers(RedisServer server) throws Exception {
        on(runner, server).run(context -> {
            template(context);
            PeopleService service = context.getBean(PeopleService.class);
            service.hold();
            int callers = 16;
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Thread> threads = new CopyOnWriteArrayList<>();
            try {
                List<Future<Person>> results = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    String id = i % 2 == 0 ? "even" : "odd";
                    results.add(pool.submit(() -> {
                        threads.add(Thread.currentThread());
                        return service.slow(id);
                    }));
                }
                // Every caller is parked: two are in the loader, the others wait for those two loads.
                await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == callers && threads.stream()
                        .allMatch(t -> t.getState() == Thread.State.WAITING
                                || t.getState() == Thread.State.TIMED_WAITING));
                assertThat(service.calls("slow")).isEqualTo(2);
                service.release();
                for (int i = 0; i < callers; i++) {
                    String id = i % 2 == 0 ? "even" : "odd";
                    assertThat(results.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(new Person("slow-" + id, 1));
                }
                assertThat(service.calls("slow")).isEqualTo(2);
                assertThat(service.slow("even")).isEqualTo(new Person("slow-even", 1));
                assertThat(service.calls("slow")).isEqualTo(2);
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void syncLoaderFailureReachesTheCallerAndIsNotCached(RedisServer server) {
        on(runner, server).run(context -> {
            template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("failing");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cache.get("k", () -> {
                throw new java.io.IOException("boom");
            }))).isInstanceOf(Cache.ValueRetrievalException.class).hasRootCauseMessage("boom");
            assertThat(cache.get("k")).isNull();
            assertThat(cache.get("k", () -> "loaded")).isEqualTo("loaded");
            assertThat(cache.get("k", () -> "again")).isEqualTo("loaded");
        });
    }

    @Test
    void entriesExpireAfterTheirCachesTtl(RedisServer server) {
        on(runner, server).withPropertyValues("redis.cache.ttl=1h", "redis.cache.ttls.short=300ms").run(context -> {
            RedisTemplate<String> redis = template(context);
            CacheManager manager = context.getBean(CacheManager.class);
            Cache shortLived = manager.getCache("short");
            shortLived.put("k", "v");
            manager.getCache("long").put("k", "v");
            assertThat(redis.pttl("short::k")).isBetween(1L, 300L);
            assertThat(redis.pttl("long::k")).isBetween(3_500_000L, 3_600_000L);
            await().atMost(Duration.ofSeconds(5)).until(() -> shortLived.get("k") == null);
            assertThat(manager.getCache("long").get("k").get()).isEqualTo("v");
            assertThat(shortLived.putIfAbsent("k", "first")).isNull();
            assertThat(shortLived.putIfAbsent("k", "second").get()).isEqualTo("first");
            assertThat(redis.pttl("short::k")).as("SET NX with the TTL").isBetween(1L, 300L);
        });
    }

    @Test
    void clearRemovesManyKeysOfOneCacheOnly(RedisServer server) {
        on(runner, server).withPropertyValues("redis.cache.key-prefix=app:").run(context -> {
            RedisTemplate<String> redis = template(context);
            CacheManager manager = context.getBean(CacheManager.class);
            RespkitCache big = (RespkitCache) manager.getCache("big*[x]");
            Cache other = manager.getCache("big");
            redis.pipelined(p -> {
                for (int i = 0; i < 5_000; i++) {
                    p.set(big.redisKey(i), "java.lang.Integer\n" + i);
                }
            });
            other.put(1, 1);
            redis.set("unrelated", "x");
            assertThat(big.get(4_999).get()).isEqualTo(4_999);
            assertThat(big.invalidate()).isTrue();
            assertThat(redis.scan().filter(k -> k.startsWith("app:big*[x]::")).count()).isZero();
            assertThat(other.get(1).get()).isEqualTo(1);
            assertThat(redis.get("unrelated")).isEqualTo("x");
            assertThat(big.invalidate()).isFalse();
        });
    }

    @Test
    void nullsAreCachedAsAMarker(RedisServer server) {
        on(runner, server).run(context -> {
            RedisTemplate<String> redis = template(context);
            PeopleService service = context.getBean(PeopleService.class);
            assertThat(service.maybe("x")).isNull();
            assertThat(service.maybe("x")).isNull();
            assertThat(service.calls("maybe")).isEqualTo(1);
            assertThat(redis.get("maybe::x")).isEqualTo("!null");
            Cache.ValueWrapper wrapper = context.getBean(CacheManager.class).getCache("maybe").get("x");
            assertThat(wrapper).isNotNull();
            assertThat(wrapper.get()).isNull();
        });
    }

    @Test
    void nullsAreRefusedWhenNotCached(RedisServer server) {
        on(runner, server).withPropertyValues("redis.cache.cache-null-values=false").run(context -> {
            template(context);
            PeopleService service = context.getBean(PeopleService.class);
            assertThatIllegalArgumentException().isThrownBy(() -> service.maybe("x"))
                    .withMessageContaining("does not store null values")
                    .withMessageContaining("redis.cache.cache-null-values");
            Cache cache = context.getBean(CacheManager.class).getCache("direct");
            assertThatIllegalArgumentException().isThrownBy(() -> cache.put("k", null));
            assertThat(cache.get("k")).isNull();
        });
    }

    @Test
    void keysMustHaveTheirOwnToString(RedisServer server) {
        on(runner, server).run(context -> {
            Cache cache = context.getBean(CacheManager.class).getCache("keys");
            assertThatIllegalArgumentException().isThrownBy(() -> cache.put(new OpaqueKey(), "v"))
                    .withMessageContaining("does not override toString()");
        });
    }

    @Test
    void completableFutureMethodsUseRetrieve(RedisServer server) {
        on(runner, server).run(context -> {
            RedisTemplate<String> redis = template(context);
            PeopleService service = context.getBean(PeopleService.class);
            assertThat(service.async("a").get(5, TimeUnit.SECONDS)).isEqualTo(new Person("async-a", 2));
            await().atMost(Duration.ofSeconds(5)).until(() -> redis.exists("async::a") == 1);
            assertThat(service.async("a").get(5, TimeUnit.SECONDS)).isEqualTo(new Person("async-a", 2));
            assertThat(service.calls("async")).isEqualTo(1);
            Cache cache = context.getBean(CacheManager.class).getCache("async");
            assertThat(cache.retrieve("missing").get(5, TimeUnit.SECONDS)).isNull();
            AtomicInteger loads = new AtomicInteger();
            CompletableFuture<String> slowLoad = new CompletableFuture<>();
            CompletableFuture<String> first = cache.retrieve("k", () -> {
                loads.incrementAndGet();
                return slowLoad;
            });
            CompletableFuture<String> second = cache.retrieve("k", () -> {
                loads.incrementAndGet();
                return slowLoad;
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() >= 1);
            slowLoad.complete("v");
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("v");
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("v");
            assertThat(cache.get("k").get()).isEqualTo("v");
        });
    }

    @Test
    void statisticsAndMicrometerMeters(RedisServer server) {
        on(runner, server).withPropertyValues("redis.cache.enable-statistics=true")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    template(context);
                    PeopleService service = context.getBean(PeopleService.class);
                    service.find("a");
                    service.find("a");
                    service.find("b");
                    service.remove("a");
                    RespkitCache cache = (RespkitCache) context.getBean(CacheManager.class).getCache("people");
                    assertThat(cache.statistics()).isEqualTo(new RespkitCacheStatistics(1, 2, 2, 1));
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("cache.gets").tag("cache", "people").tag("result", "hit")
                            .functionCounter().count()).isEqualTo(1);
                    assertThat(registry.get("cache.gets").tag("cache", "people").tag("result", "miss")
                            .functionCounter().count()).isEqualTo(2);
                    assertThat(registry.get("cache.puts").tag("cache", "people").functionCounter().count())
                            .isEqualTo(2);
                    assertThat(registry.get("cache.evictions").tag("cache", "people").functionCounter().count())
                            .isEqualTo(1);
                });
    }
}
