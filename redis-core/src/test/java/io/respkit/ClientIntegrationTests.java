package io.respkit;

import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisServerException;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client as a whole against a real server: many threads sharing one client, the generic {@code execute}, other
 * codecs, and clients over a shared pool.
 */
@ExtendWith(RedisServerExtension.class)
class ClientIntegrationTests {

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void manyThreadsShareOneClientAndGetTheirOwnReplies(RespVersion protocol, RedisServer server) throws Exception {
        int threads = 16;
        int perThread = 500;
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(executor.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        int checked = 0;
                        for (int i = 0; i < perThread; i++) {
                            String key = "ts:" + thread + ":" + (i % 10);
                            String value = thread + "/" + i + "/" + Long.toHexString(random.nextLong());
                            if (!redis.set(key, value)) {
                                throw new AssertionError("SET " + key + " did not answer OK");
                            }
                            String got = redis.get(key);
                            if (!value.equals(got)) {
                                throw new AssertionError("GET " + key + " returned " + got + ", expected " + value);
                            }
                            checked++;
                        }
                        return checked;
                    }));
                }
                for (Future<Integer> f : futures) {
                    assertThat(f.get()).isEqualTo(perThread);
                }
            } finally {
                executor.shutdownNow();
            }
            assertThat(redis.pool().stats().active()).isZero();
            assertThat(redis.pool().stats().destroyed()).isZero();
            assertThat(redis.pool().stats().created()).isBetween(1L, 16L);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void genericExecute(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            assertThat(redis.execute("FLUSHALL")).isEqualTo("OK");
            Object maxclients = redis.execute("CONFIG", "GET", "maxclients");
            if (protocol == RespVersion.RESP3) {
                assertThat(maxclients).isInstanceOfSatisfying(Map.class,
                        m -> assertThat(m).containsOnlyKeys("maxclients"));
                assertThat(Long.parseLong((String) ((Map<?, ?>) maxclients).get("maxclients"))).isPositive();
            } else {
                assertThat(maxclients).isInstanceOfSatisfying(List.class, l -> {
                    assertThat(l).hasSize(2).first().isEqualTo("maxclients");
                    assertThat(Long.parseLong((String) l.get(1))).isPositive();
                });
            }
            assertThat(redis.execute("CONFIG GET", "maxclients")).isEqualTo(maxclients);

            Object info = redis.execute("INFO", "clients");
            assertThat(info).isInstanceOfSatisfying(String.class,
                    s -> assertThat(s).contains("# Clients").contains("connected_clients:"));

            assertThat(redis.execute("ECHO", "hello")).isEqualTo("hello");
            assertThat(redis.execute("INCRBY", "gen-counter", 5)).isEqualTo(5L);
            assertThat(redis.execute("INCRBYFLOAT", "gen-float", 1.5)).isEqualTo("1.5");
            assertThat(redis.execute("GET", "no-such-key")).isNull();
            assertThat(redis.execute("RPUSH", "gen-list", "a", "b", "c")).isEqualTo(3L);
            assertThat(redis.execute("LRANGE", "gen-list", 0, -1)).isEqualTo(List.of("a", "b", "c"));
            assertThatThrownBy(() -> redis.execute("NOSUCHCOMMAND"))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
            assertThatThrownBy(() -> redis.execute("SET", "k", (Object) null)).isInstanceOf(NullPointerException.class);
            assertThat(redis.pool().stats().destroyed()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void byteArrayCodecRoundTrip(RespVersion protocol, RedisServer server) {
        byte[] value = new byte[1024];
        ThreadLocalRandom.current().nextBytes(value);
        value[0] = '\r';
        value[1] = '\n';
        value[2] = 0;
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            RedisClient<byte[]> binary = redis.withCodec(ByteArrayCodec.INSTANCE);
            assertThat(binary.codec()).isSameAs(ByteArrayCodec.INSTANCE);
            assertThat(binary.pool()).isSameAs(redis.pool());
            assertThat(binary.set("bin", value)).isTrue();
            assertThat(binary.get("bin")).isEqualTo(value);
            assertThat(binary.get("missing")).isNull();
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("b1", new byte[] {1, 2, 3});
            entries.put("b2", new byte[0]);
            assertThat(binary.mset(entries)).isTrue();
            assertThat(binary.mget("b1", "b2", "missing")).containsExactly(new byte[] {1, 2, 3}, new byte[0], null);
            assertThat(binary.pipelined(p -> p.get("b1"))).singleElement()
                    .isEqualTo(new byte[] {1, 2, 3});
            binary.close(); // shares the pool: closing it leaves the pool open
            assertThat(redis.pool().isClosed()).isFalse();
            assertThat(redis.get("b2")).isEmpty();
        }
    }

    @Test
    void sharedConnectionPool(RedisServer server) {
        RedisConfig config = server.configBuilder().pool(PoolConfig.builder().maxTotal(100).build()).build();
        try (ConnectionPool pool = ConnectionPool.create(config)) {
            assertThat(pool.stats().maxTotal()).isEqualTo(100);
            try (RedisClient<String> first = RedisClient.create(pool)) {
                assertThat(first.pool()).isSameAs(pool);
                assertThat(first.set("shared", "1")).isTrue();
            }
            assertThat(pool.isClosed()).isFalse();
            try (RedisClient<String> second = RedisClient.create(pool)) {
                assertThat(second.get("shared")).isEqualTo("1");
                assertThat(second.incr("shared")).isEqualTo(2L);
            }
            assertThat(pool.isClosed()).isFalse();
            assertThat(pool.stats().active()).isZero();
            assertThat(pool.stats().created()).isEqualTo(1);
        }
    }

    @Test
    void clientOwningItsPoolClosesIt(RedisServer server) {
        RedisClient<String> redis = RedisClient.create(server.url());
        assertThat(redis.set("own", "v")).isTrue();
        redis.close();
        assertThat(redis.pool().isClosed()).isTrue();
        assertThatThrownBy(() -> redis.get("own")).isInstanceOf(RedisException.class).hasMessageContaining("closed");
        assertThat(redis.toString()).contains(server.host() + ":" + server.port());
    }
}
