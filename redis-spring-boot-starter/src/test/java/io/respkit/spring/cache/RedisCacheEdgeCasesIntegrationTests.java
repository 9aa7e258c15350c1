package io.respkit.spring.cache;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.SetArgs;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisCacheAutoConfiguration;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Inputs at the edges of the cache's promises, against a real server: loaders that re-enter their own key, cached
 * methods returning futures, keys holding another Redis type, entries written by another configuration, argument
 * lists that print alike, cache names that overlap other caches' keys, type names and times to live Redis or the
 * trust check were not written for.
 */
@ExtendWith(RedisServerExtension.class)
class RedisCacheEdgeCasesIntegrationTests {

    public record Person(String name, int age) {
    }

    /** A type with equals and hashCode but no toString() of its own: its text differs between equal instances. */
    static final class Filter {
        final String text;

        Filter(String text) {
            this.text = text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Filter f && f.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }

    /**
     * Cached methods counting how often each really runs. The bean is a class proxy whose own fields are unset:
     * tests reach the state through methods.
     */
    static class Service {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile CountDownLatch release = new CountDownLatch(0);

        /** Makes the future methods block until {@link #release()}. */
        public void hold() {
            release = new CountDownLatch(1);
        }

        public void release() {
            release.countDown();
        }

        /** @return the names of the threads the future methods ran on */
        public List<String> threads() {
            return threads;
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

        @Cacheable("pairs")
        public String pair(String a, String b) {
            called("pair");
            return (a == null ? "<null>" : a) + "|" + b;
        }

        @Cacheable("filtered")
        public String filtered(Filter filter, int page) {
            called("filtered");
            return filter.text + "#" + page;
        }

        /** Does blocking work before handing back its future, as methods wrapping a blocking call do. */
        @Cacheable("futures")
        public CompletableFuture<String> future(String id) throws InterruptedException {
            called("future");
            threads.add(Thread.currentThread().getName());
            release.await(20, TimeUnit.SECONDS);
            return CompletableFuture.completedFuture("f-" + id);
        }

        @Cacheable(cacheNames = "futures", sync = true)
        public CompletableFuture<String> futureSync(String id) throws InterruptedException {
            called("futureSync");
            threads.add(Thread.currentThread().getName());
            release.await(20, TimeUnit.SECONDS);
            return CompletableFuture.completedFuture("fs-" + id);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingConfig {
        @Bean
        Service service() {
            return new Service();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class, RedisCacheAutoConfiguration.class))
            .withUserConfiguration(CachingConfig.class)
            .withPropertyValues("redis.cache.trusted-packages=io.respkit.spring.cache");

    private ApplicationContextRunner on(RedisServer server) {
        return runner.withPropertyValues("redis.url=" + server.url());
    }

    @SuppressWarnings("unchecked")
    private static RedisTemplate<String> template(ApplicationContext context) {
        RedisTemplate<String> template = context.getBean(RedisTemplate.class);
        template.execute("FLUSHDB");
        return template;
    }

    private static ExecutorService daemons() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "edge-case-caller");
            t.setDaemon(true);   // a caller stuck for good must not keep the test JVM alive
            return t;
        });
    }

    @Test
    void aCachedMethodReturningAFutureNeverRunsOnTheConnectionsReaderThread(RedisServer server) {
        on(server).run(context -> {
            template(context);
            Service service = context.getBean(Service.class);
            Cache cache = context.getBean(CacheManager.class).getCache("futures");
            service.hold();
            ExecutorService pool = daemons();
            try {
                Future<CompletableFuture<String>> plain = pool.submit(() -> service.future("a"));
                Future<CompletableFuture<String>> sync = pool.submit(() -> service.futureSync("b"));
                await().atMost(Duration.ofSeconds(10)).until(() -> service.threads().size() == 2);
                // Both methods are blocked; the connection must still answer everyone else, and the cache complete
                // other lookups (on a common pool of two threads, both would be taken).
                assertThat(cache.retrieve("other").get(5, TimeUnit.SECONDS)).isNull();
                assertThat(service.threads()).noneMatch(name -> name.startsWith("respkit-multiplexed-reader"));
                service.release();
                assertThat(plain.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS)).isEqualTo("f-a");
                assertThat(sync.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS)).isEqualTo("fs-b");
            } finally {
                service.release();
                pool.shutdownNow();
            }
        });
    }

    @Test
    void aLoaderAskingForItsOwnKeyFailsInsteadOfHangingEveryCallerOfThatKey(RedisServer server) {
        on(server).run(context -> {
            template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("recursive");
            ExecutorService pool = daemons();
            try {
                Future<Object> outer = pool.submit(() -> cache.get("k", () -> cache.get("k", () -> "inner")));
                Throwable failure = catchThrowable(() -> outer.get(10, TimeUnit.SECONDS));
                assertThat(failure).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(Cache.ValueRetrievalException.class)
                        .rootCause().isInstanceOf(IllegalStateException.class).hasMessageContaining("recursive");
                Future<Object> next = pool.submit(() -> cache.get("k", () -> "v"));
                assertThat(next.get(10, TimeUnit.SECONDS)).as("the key is free again").isEqualTo("v");
            } finally {
                pool.shutdownNow();
            }
        });
    }

    /** @return whether the thread is parked in the cache on a load's future (not, e.g., on a Redis reply) */
    private static boolean waitsForALoad(Thread thread) {
        StackTraceElement[] frames = thread.getStackTrace();
        for (int i = 1; i < frames.length; i++) {
            if (frames[i].getClassName().equals(RespkitCache.class.getName())) {
                return thread.getState() == Thread.State.WAITING
                        && frames[i - 1].getClassName().equals(CompletableFuture.class.getName());
            }
        }
        return false;
    }

    @Test
    void aCallerWaitingForAnotherThreadsLoadCanBeInterrupted(RedisServer server) {
        on(server).run(context -> {
            template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("interrupted");
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = daemons();
            try {
                Future<Object> loader = pool.submit(() -> cache.get("k", () -> {
                    loading.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    return "loaded";
                }));
                assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
                List<Thread> waiter = new CopyOnWriteArrayList<>();
                Future<Object> waiting = pool.submit(() -> {
                    waiter.add(Thread.currentThread());
                    try {
                        return cache.get("k", () -> "not called");
                    } finally {
                        waiter.add(Thread.currentThread().isInterrupted() ? Thread.currentThread() : null);
                    }
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> !waiter.isEmpty()
                        && waitsForALoad(waiter.get(0)));
                waiter.get(0).interrupt();
                Throwable failure = catchThrowable(() -> waiting.get(5, TimeUnit.SECONDS));
                assertThat(failure).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(Cache.ValueRetrievalException.class)
                        .cause().isInstanceOf(InterruptedException.class);
                assertThat(waiter.get(1)).as("the interrupt is kept").isSameAs(waiter.get(0));
                release.countDown();
                assertThat(loader.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        });
    }

    @Test
    void aCachedNullReadByACacheThatStoresNoNullsIsAMiss(RedisServer server) {
        // E.g. during a rolling deployment that turned cache-null-values off.
        on(server).withPropertyValues("redis.cache.cache-null-values=false").run(context -> {
            RedisTemplate<String> redis = template(context);
            Service service = context.getBean(Service.class);
            Cache cache = context.getBean(CacheManager.class).getCache("people");
            redis.set("people::n", "!null");
            assertThat(service.find("n")).isEqualTo(new Person("person-n", 1));
            redis.set("people::m", "!null");
            assertThat(cache.get("m")).isNull();
            assertThat(cache.retrieve("m").get(5, TimeUnit.SECONDS)).isNull();
        });
    }

    @Test
    void putIfAbsentOverAnUnreadableEntryStoresItsValue(RedisServer server) {
        on(server).run(context -> {
            RedisTemplate<String> redis = template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("pia");
            redis.set("pia::k", "written by another tool");
            // null means "there was no value, yours is stored": it must then be stored.
            assertThat(cache.putIfAbsent("k", "mine")).isNull();
            assertThat(cache.get("k", String.class)).isEqualTo("mine");
        });
    }

    /**
     * An entry that expires between {@code putIfAbsent}'s {@code SET NX} and its {@code GET}: the answer may not be
     * null ("yours is stored") unless the value is stored. Entries of 1 ms make the window come up in some rounds.
     */
    @Test
    void putIfAbsentAnsweringNullHasStoredItsValueEvenWhenTheEntryExpiresInBetween(RedisServer server) {
        on(server).run(context -> {
            RedisTemplate<String> redis = template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("pix");
            cache.put("k", "old");
            RedisTemplate<byte[]> raw = redis.withCodec(ByteArrayCodec.INSTANCE);
            byte[] written = raw.get("pix::k");
            for (int round = 0; round < 500; round++) {
                raw.set("pix::k", written, SetArgs.px(1));
                Cache.ValueWrapper present = cache.putIfAbsent("k", "mine");
                if (present == null) {
                    assertThat(cache.get("k", String.class)).as("round " + round).isEqualTo("mine");
                } else {
                    assertThat(present.get()).isEqualTo("old");
                }
            }
        });
    }

    @Test
    void anEntryHoldingAnotherRedisTypeIsAMissAndIsReplaced(RedisServer server) {
        on(server).run(context -> {
            RedisTemplate<String> redis = template(context);
            Service service = context.getBean(Service.class);
            Cache cache = context.getBean(CacheManager.class).getCache("people");
            redis.rpush("people::list", "x");
            assertThat(service.find("list")).isEqualTo(new Person("person-list", 4));
            assertThat(redis.type("people::list")).isEqualTo("string");
            assertThat(service.find("list")).isEqualTo(new Person("person-list", 4));
            assertThat(service.calls("find")).isEqualTo(1);

            redis.hset("people::hash", "f", "v");
            assertThat(cache.get("hash")).isNull();
            assertThat(cache.retrieve("hash").get(5, TimeUnit.SECONDS)).isNull();
            assertThat(cache.get("hash", () -> "loaded")).isEqualTo("loaded");
            redis.del("people::hash");
            redis.hset("people::hash", "f", "v");
            assertThat(cache.retrieve("hash", () -> CompletableFuture.completedFuture("async"))
                    .get(5, TimeUnit.SECONDS)).isEqualTo("async");
            redis.del("people::hash");
            redis.hset("people::hash", "f", "v");
            assertThat(cache.putIfAbsent("hash", "absent")).isNull();
            assertThat(cache.get("hash", String.class)).isEqualTo("absent");
        });
    }

    @Test
    void distinctArgumentListsNeverShareAnEntry(RedisServer server) {
        on(server).run(context -> {
            template(context);
            Service service = context.getBean(Service.class);
            assertThat(service.pair("a, b", "c")).isEqualTo("a, b|c");
            assertThat(service.pair("a", "b, c")).isEqualTo("a|b, c");
            assertThat(service.pair(null, "x")).isEqualTo("<null>|x");
            assertThat(service.pair("null", "x")).isEqualTo("null|x");
            assertThat(service.pair("a\\", ", c")).isEqualTo("a\\|, c");
            assertThat(service.pair("a\\, ", "c")).isEqualTo("a\\, |c");
            assertThat(service.calls("pair")).isEqualTo(6);
            assertThat(service.pair("a", "b, c")).isEqualTo("a|b, c");
            assertThat(service.pair(null, "x")).isEqualTo("<null>|x");
            assertThat(service.calls("pair")).as("equal arguments still hit").isEqualTo(6);
            // Arguments without ',' or '\\' keep SimpleKey's own text, so that their entries are still found.
            SimpleKey plain = new SimpleKey("a", 1, new int[] {1, 2}, null);
            RespkitCache pairs = (RespkitCache) context.getBean(CacheManager.class).getCache("pairs");
            assertThat(pairs.redisKey(plain)).isEqualTo("pairs::" + plain)
                    .isEqualTo("pairs::SimpleKey [a, 1, [1, 2], null]");
        });
    }

    @Test
    void anArgumentWhoseTextDiffersBetweenEqualInstancesIsRefused(RedisServer server) {
        on(server).run(context -> {
            RedisTemplate<String> redis = template(context);
            Service service = context.getBean(Service.class);
            // Its text names the instance: each call would miss and leave one more entry in Redis.
            assertThatIllegalArgumentException().isThrownBy(() -> service.filtered(new Filter("x"), 1))
                    .withMessageContaining(Filter.class.getName())
                    .withMessageContaining("does not override toString()");
            assertThat(redis.scan().filter(k -> k.startsWith("filtered::")).count()).isZero();
        });
    }

    @Test
    void cacheNamesThatWouldOverlapAnotherCachesKeysAreRefused(RedisServer server) {
        on(server).run(context -> {
            template(context);
            CacheManager manager = context.getBean(CacheManager.class);
            // "a::b" would store key "c" where cache "a" stores key "b::c"; both would go with a's clear().
            assertThatIllegalArgumentException().isThrownBy(() -> manager.getCache("a::b"))
                    .withMessageContaining("a::b");
            assertThatIllegalArgumentException().isThrownBy(() -> manager.getCache("a:"))
                    .withMessageContaining("a:");
            assertThat(manager.getCache("a:b")).isNotNull();
        });
    }

    @Test
    void aOneLetterTypeNameIsNotTrusted(RedisServer server) {
        on(server).run(context -> {
            RedisTemplate<String> redis = template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("types");
            // A class of the default package; only arrays of primitives have one-letter element names.
            redis.set("types::x", "Z\n{}");
            assertThatIllegalStateException().isThrownBy(() -> cache.get("x")).withMessageContaining("not trusted");
            redis.set("types::ints", "[I\n[1,2]");
            assertThat((int[]) cache.get("ints").get()).containsExactly(1, 2);
        });
    }

    @Test
    void aTimeToLiveRedisCannotTakeIsRefusedUpFront() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RespkitCacheConfiguration.DEFAULTS.withTtl(Duration.ofMillis(Long.MAX_VALUE)))
                .withMessageContaining("ttl");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RespkitCacheConfiguration.DEFAULTS.withTtl(ChronoUnit.FOREVER.getDuration()))
                .withMessageContaining("ttl");
        assertThat(RespkitCacheConfiguration.DEFAULTS.withTtl(Duration.ofDays(365L * 1000)).expires()).isTrue();
        assertThat(RespkitCacheConfiguration.DEFAULTS.withTtl(Duration.ofSeconds(-1)).expires()).isFalse();
    }

    @Test
    void aVeryLongTimeToLiveIsStored(RedisServer server) {
        on(server).withPropertyValues("redis.cache.ttl=365000d").run(context -> {
            RedisTemplate<String> redis = template(context);
            Cache cache = context.getBean(CacheManager.class).getCache("long");
            cache.put("k", "v");
            assertThat(redis.pttl("long::k")).isGreaterThan(Duration.ofDays(364_000).toMillis());
        });
    }
}
