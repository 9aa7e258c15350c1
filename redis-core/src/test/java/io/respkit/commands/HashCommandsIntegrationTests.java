package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.TransactionResult;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class HashCommandsIntegrationTests {

    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
        redis.execute("FLUSHDB");
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private static Map<String, String> user1() {
        Map<String, String> user = new LinkedHashMap<>();
        user.put("id", "1");
        user.put("user", "zhangsan");
        user.put("age", "18");
        return user;
    }

    // ---------------------------------------------------------------- tutorial: hash block

    @Test
    void tutorialHashBlock() {
        assertThat(redis.hmset("user1", user1())).isTrue();

        assertThat(redis.hget("user1", "user")).isEqualTo("zhangsan");
        assertThat(redis.hget("user1", "missing")).isNull();
        assertThat(redis.hmget("user1", "id", "age", "nope")).containsExactly("1", "18", null);
        assertThat(redis.hmget("user1", List.of("age", "user"))).containsExactly("18", "zhangsan");
        assertThat(redis.hgetall("user1")).isInstanceOf(LinkedHashMap.class)
                .containsExactly(entry("id", "1"), entry("user", "zhangsan"), entry("age", "18"));

        assertThat(redis.hkeys("user1")).containsExactly("id", "user", "age");
        assertThat(redis.hvals("user1")).containsExactly("1", "zhangsan", "18");
        assertThat(redis.hexists("user1", "id")).isTrue();
        assertThat(redis.hexists("user1", "email")).isFalse();
        assertThat(redis.hlen("user1")).isEqualTo(3L);

        assertThat(redis.hincrby("user1", "age", 10)).isEqualTo(28L);
        assertThat(redis.hget("user1", "age")).isEqualTo("28");
        assertThat(redis.hset("user1", "age", "12")).isZero();
        assertThat(redis.hget("user1", "age")).isEqualTo("12");

        assertThat(redis.hsetnx("user2", "id", "2")).isTrue();
        assertThat(redis.hgetall("user2")).containsExactly(entry("id", "2"));
        assertThat(redis.hsetnx("user1", "user", "lisi")).isFalse();
        assertThat(redis.hget("user1", "user")).isEqualTo("zhangsan");
        assertThat(redis.hsetnx("user1", "email", "zs@example.com")).isTrue();
        assertThat(redis.hlen("user1")).isEqualTo(4L);
    }

    @Test
    void hashExpiresAsAWhole() {
        redis.hmset("user1", user1());
        assertThat(redis.execute("PEXPIRE", "user1", 200)).isEqualTo(1L);
        assertThat(redis.hlen("user1")).isEqualTo(3L);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> redis.hgetall("user1").isEmpty());
        assertThat(redis.hget("user1", "id")).isNull();
        assertThat(redis.hlen("user1")).isZero();
    }

    // ---------------------------------------------------------------- single commands

    @Test
    void hsetFieldAndMap() {
        assertThat(redis.hset("h", "a", "1")).isEqualTo(1L);
        Map<String, String> more = new LinkedHashMap<>();
        more.put("a", "10");
        more.put("b", "2");
        more.put("c", "3");
        assertThat(redis.hset("h", more)).isEqualTo(2L);
        assertThat(redis.hgetall("h")).containsExactly(entry("a", "10"), entry("b", "2"), entry("c", "3"));
        assertThatThrownBy(() -> redis.hset("h", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hdelVarargsAndCollection() {
        redis.hset("h", Map.of("a", "1", "b", "2", "c", "3", "d", "4"));
        assertThat(redis.hdel("h", "a", "zz")).isEqualTo(1L);
        assertThat(redis.hdel("h", List.of("b", "c"))).isEqualTo(2L);
        assertThat(redis.hkeys("h")).containsExactly("d");
        assertThat(redis.hdel("h", "d")).isEqualTo(1L);
        assertThat(redis.execute("EXISTS", "h")).isEqualTo(0L);
    }

    @Test
    void hstrlenAndEmptyResultsForMissingKey() {
        redis.hset("h", "name", "h\u00e9llo");
        assertThat(redis.hstrlen("h", "name")).isEqualTo(6L);
        assertThat(redis.hstrlen("h", "none")).isZero();
        assertThat(redis.hgetall("nokey")).isEmpty();
        assertThat(redis.hkeys("nokey")).isEmpty();
        assertThat(redis.hvals("nokey")).isEmpty();
        assertThat(redis.hmget("nokey", "a", "b")).containsExactly(null, null);
        assertThat(redis.hlen("nokey")).isZero();
    }

    @Test
    void hscanStreamsEveryEntryAcrossPages() {
        Map<String, String> big = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            big.put("f" + i, "v" + i);
        }
        redis.hset("big", big);
        Map<String, String> scanned = redis.hscan("big")
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> y));
        assertThat(scanned).isEqualTo(big);

        List<String> matched = redis.hscan("big", ScanArgs.match("f1?").count(50)).map(Map.Entry::getKey)
                .distinct().sorted().toList();
        assertThat(matched).containsExactlyElementsOf(
                IntStream.range(10, 20).mapToObj(i -> "f" + i).sorted().toList());
        assertThat(redis.hscan("nokey")).isEmpty();
    }

    @Test
    void hscanPageByPage() {
        redis.hset("small", Map.of("a", "1", "b", "2"));
        ScanPage<Map.Entry<String, String>> page = redis.hscan("small", "0", ScanArgs.NONE);
        assertThat(page.isFinished()).isTrue();
        assertThat(page.items()).containsExactlyInAnyOrder(entry("a", "1"), entry("b", "2"));

        // more fields than hash-max-listpack-entries (512), so the hash is a hashtable and HSCAN really pages
        Map<String, String> big = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            big.put("f" + i, Integer.toString(i));
        }
        redis.hset("big", big);
        Map<String, String> seen = new HashMap<>();
        String cursor = "0";
        int pages = 0;
        do {
            ScanPage<Map.Entry<String, String>> p = redis.hscan("big", cursor, ScanArgs.NONE.count(20));
            p.items().forEach(e -> seen.put(e.getKey(), e.getValue()));
            cursor = p.cursor();
            pages++;
        } while (!"0".equals(cursor));
        assertThat(pages).isGreaterThan(1);
        assertThat(seen).isEqualTo(big);
    }

    @Test
    void hrandfieldSingleAndCount() {
        redis.hmset("user1", user1());
        assertThat(redis.hrandfield("user1")).isIn("id", "user", "age");
        assertThat(redis.hrandfield("nokey")).isNull();
        assertThat(redis.hrandfield("user1", 2)).hasSize(2).doesNotHaveDuplicates().isSubsetOf("id", "user", "age");
        assertThat(redis.hrandfield("user1", 10)).containsExactlyInAnyOrder("id", "user", "age");
        assertThat(redis.hrandfield("user1", -7)).hasSize(7).isSubsetOf("id", "user", "age");
        assertThat(redis.hrandfield("nokey", 3)).isEmpty();
    }

    // ---------------------------------------------------------------- RESP2 and RESP3

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void hgetallUnderBothProtocols(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            String key = "hg-" + protocol;
            client.hmset(key, user1());
            assertThat(client.hgetall(key)).isInstanceOf(LinkedHashMap.class)
                    .containsExactly(entry("id", "1"), entry("user", "zhangsan"), entry("age", "18"));
            assertThat(client.hgetall("absent-" + protocol)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void hrandfieldWithValuesUnderBothProtocols(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            String key = "hr-" + protocol;
            client.hmset(key, user1());
            List<Map.Entry<String, String>> all = client.hrandfieldWithValues(key, 10);
            assertThat(all).containsExactlyInAnyOrder(entry("id", "1"), entry("user", "zhangsan"), entry("age", "18"));
            List<Map.Entry<String, String>> repeated = client.hrandfieldWithValues(key, -5);
            assertThat(repeated).hasSize(5).allSatisfy(e -> assertThat(user1()).contains(e));
            List<Map.Entry<String, String>> one = client.hrandfieldWithValues(key, 1);
            assertThat(one).hasSize(1);
            assertThat(user1()).containsEntry(one.get(0).getKey(), one.get(0).getValue());
            assertThat(client.hrandfieldWithValues("absent-" + protocol, 3)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void hincrbyfloatUnderBothProtocols(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            String key = "hf-" + protocol;
            client.hset(key, "price", "10.50");
            assertThat(client.hincrbyfloat(key, "price", 0.1)).isCloseTo(10.6, within(1e-9));
            assertThat(client.hincrbyfloat(key, "price", -10)).isCloseTo(0.6, within(1e-9));
            assertThat(client.hget(key, "price")).isEqualTo("0.6");
            assertThat(client.hincrbyfloat(key, "fresh", 5.0e3)).isEqualTo(5000.0);
            assertThat(client.hincrby(key, "n", -3)).isEqualTo(-3L);
        }
    }

    // ---------------------------------------------------------------- errors, pipeline, transaction, bytes

    @Test
    void wrongTypeThenClientStillWorks() {
        redis.set("str", "plain");
        assertThatThrownBy(() -> redis.hget("str", "f"))
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
        assertThatThrownBy(() -> redis.hscan("str").toList())
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
        assertThat(redis.get("str")).isEqualTo("plain");
        assertThat(redis.hset("hash", "f", "v")).isEqualTo(1L);
        assertThat(redis.hget("hash", "f")).isEqualTo("v");
    }

    @Test
    void hincrbyOnNonIntegerFieldFails() {
        redis.hset("h", "name", "bob");
        assertThatThrownBy(() -> redis.hincrby("h", "name", 1))
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
        assertThat(redis.hget("h", "name")).isEqualTo("bob");
    }

    @Test
    @SuppressWarnings("unchecked")
    void commandsInAPipeline() {
        List<Object> results = redis.pipelined(p -> {
            p.hset("p", Map.of("a", "1"));
            p.hset("p", "b", "2");
            p.hsetnx("p", "a", "x");
            p.hincrby("p", "a", 4);
            p.hincrbyfloat("p", "b", 0.5);
            p.hmget("p", "a", "b", "c");
            p.hmget("p", List.of("b"));
            p.hkeys("p");
            p.hvals("p");
            p.hexists("p", "a");
            p.hstrlen("p", "b");
            p.hlen("p");
            p.hget("p", "a");
            p.hrandfield("p", 5);
            p.hdel("p", List.of("a"));
            p.hdel("p", "b");
            p.hgetall("p");
        });
        assertThat(results).hasSize(17);
        assertThat(results.subList(0, 5)).containsExactly(1L, 1L, false, 5L, 2.5);
        assertThat(results.get(5)).isEqualTo(Arrays.asList("5", "2.5", null));
        assertThat(results.subList(6, 13)).containsExactly(List.of("2.5"), List.of("a", "b"), List.of("5", "2.5"),
                true, 3L, 2L, "5");
        assertThat((List<Object>) results.get(13)).containsExactlyInAnyOrder("a", "b");
        assertThat(results.subList(14, 17)).containsExactly(1L, 1L, Map.of());
    }

    @Test
    void commandsInATransaction() {
        TransactionResult tx = redis.multi(t -> {
            t.hmset("t", user1());
            t.hincrby("t", "age", 10);
            t.hset("t", "age", "12");
            t.hgetall("t");
            t.hrandfieldWithValues("t", -1);
            t.hscan("t", "0", ScanArgs.match("a*"));
            t.hrandfield("t");
        });
        assertThat(tx.aborted()).isFalse();
        assertThat(tx.results().subList(0, 3)).containsExactly(true, 28L, 0L);
        @SuppressWarnings("unchecked")
        Map<String, String> all = (Map<String, String>) tx.get(3);
        assertThat(all).containsExactly(entry("id", "1"), entry("user", "zhangsan"), entry("age", "12"));
        assertThat((List<?>) tx.get(4)).hasSize(1).allSatisfy(e -> assertThat(all).containsValue(
                ((Map.Entry<?, ?>) e).getValue().toString()));
        assertThat(tx.get(5)).isEqualTo(new ScanPage<>("0", List.of(new SimpleImmutableEntry<>("age", "12"))));
        assertThat(tx.get(6)).isIn("id", "user", "age");
    }

    @Test
    void bytesRoundTripExactly() {
        RedisClient<byte[]> bytes = redis.withCodec(ByteArrayCodec.INSTANCE);
        byte[] v1 = {(byte) 0xff, 0x00, (byte) 0xc3, 0x28};
        byte[] v2 = {(byte) 0x80, (byte) 0xfe, 0x0a, 0x0d};
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("one", v1);
        entries.put("two", v2);
        assertThat(bytes.hset("bin", entries)).isEqualTo(2L);
        assertThat(bytes.hget("bin", "one")).containsExactly(v1);
        assertThat(bytes.hmget("bin", "two", "x")).satisfiesExactly(
                v -> assertThat(v).containsExactly(v2), v -> assertThat(v).isNull());
        Map<String, byte[]> all = bytes.hgetall("bin");
        assertThat(all.keySet()).containsExactly("one", "two");
        assertThat(all.get("one")).containsExactly(v1);
        assertThat(all.get("two")).containsExactly(v2);
        List<byte[]> vals = new ArrayList<>(bytes.hvals("bin"));
        assertThat(vals).hasSize(2);
        assertThat(vals.get(1)).containsExactly(v2);
        assertThat(bytes.hstrlen("bin", "two")).isEqualTo(4L);
        List<Map.Entry<String, byte[]>> scanned = bytes.hscan("bin", ScanArgs.match("o*")).toList();
        assertThat(scanned).hasSize(1);
        assertThat(scanned.get(0).getValue()).containsExactly(v1);
    }
}
