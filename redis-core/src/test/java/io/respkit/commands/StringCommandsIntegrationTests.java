package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.Response;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(RedisServerExtension.class)
class StringCommandsIntegrationTests {

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

    private long ttl(String key) {
        return (Long) redis.execute("TTL", key);
    }

    private long pttl(String key) {
        return (Long) redis.execute("PTTL", key);
    }

    // ---------------------------------------------------------------- tutorial: counters

    @Test
    void incrCountsUpFromOne() {
        assertThat(redis.set("num", "1")).isTrue();
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seen.add(redis.incr("num"));
        }
        assertThat(seen).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(redis.get("num")).isEqualTo("6");
    }

    @Test
    void incrbyAddsAThousand() {
        redis.set("num", "1");
        assertThat(redis.incrby("num", 1000)).isEqualTo(1001L);
        assertThat(redis.get("num")).isEqualTo("1001");
        assertThat(redis.incrby("num", -1)).isEqualTo(1000L);
    }

    @Test
    void decrCountsDownToFive() {
        redis.set("num", "10");
        for (int i = 0; i < 5; i++) {
            redis.decr("num");
        }
        assertThat(redis.get("num")).isEqualTo("5");
        assertThat(redis.decr("fresh")).isEqualTo(-1L);
    }

    @Test
    void decrbyEight() {
        redis.set("num", "10");
        assertThat(redis.decrby("num", 8)).isEqualTo(2L);
        assertThat(redis.get("num")).isEqualTo("2");
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void incrbyfloatUnderBothProtocols(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            client.set("f", "10.5");
            assertThat(client.incrbyfloat("f", 0.1)).isCloseTo(10.6, within(1e-9));
            assertThat(client.incrbyfloat("f", -5)).isCloseTo(5.6, within(1e-9));
            assertThat(client.get("f")).isEqualTo("5.6");
            assertThat(client.incrbyfloat("missing-float-" + protocol, 2.5e3)).isEqualTo(2500.0);
        }
    }

    @Test
    void incrOnNonIntegerIsAServerError() {
        redis.set("text", "abc");
        assertThatThrownBy(() -> redis.incr("text"))
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
        assertThat(redis.get("text")).isEqualTo("abc");
    }

    // ---------------------------------------------------------------- tutorial: basic operations

    @Test
    void setWithTtlExpiresWithinTenSeconds() {
        assertThat(redis.set("name", "zhangsan", Duration.ofSeconds(10))).isTrue();
        assertThat(ttl("name")).isBetween(1L, 10L);
        assertThat(redis.set("name2", "lisi", SetArgs.ex(10))).isTrue();
        assertThat(ttl("name2")).isBetween(1L, 10L);
        assertThat(redis.set("name3", "wangwu", Duration.ofMillis(1500))).isTrue();
        assertThat(pttl("name3")).isBetween(1L, 1500L);
        assertThat(redis.get("name")).isEqualTo("zhangsan");
    }

    @Test
    void setexAndPsetex() {
        assertThat(redis.setex("a", 10, "1")).isTrue();
        assertThat(ttl("a")).isBetween(1L, 10L);
        assertThat(redis.setex("b", Duration.ofSeconds(20), "2")).isTrue();
        assertThat(ttl("b")).isBetween(11L, 20L);
        assertThat(redis.setex("c", Duration.ofMillis(2500), "3")).isTrue();
        assertThat(pttl("c")).isBetween(1L, 2500L);
        assertThat(redis.psetex("d", 3000, "4")).isTrue();
        assertThat(pttl("d")).isBetween(1L, 3000L);
        assertThat(redis.mget("a", "b", "c", "d")).containsExactly("1", "2", "3", "4");
        assertThatThrownBy(() -> redis.setex("e", 0, "x")).isInstanceOf(RedisServerException.class);
    }

    @Test
    void getsetReturnsOldValueThenNewIsStored() {
        redis.set("name", "old");
        assertThat(redis.getset("name", "new")).isEqualTo("old");
        assertThat(redis.get("name")).isEqualTo("new");
        assertThat(redis.getset("absent", "v")).isNull();
        assertThat(redis.get("absent")).isEqualTo("v");
    }

    @Test
    void setnxOnlyWhenAbsent() {
        assertThat(redis.setnx("lock", "first")).isTrue();
        assertThat(redis.setnx("lock", "second")).isFalse();
        assertThat(redis.get("lock")).isEqualTo("first");
    }

    @Test
    void msetAndMgetByVarargsAndCollection() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("k1", "v1");
        entries.put("k2", "v2");
        entries.put("k3", "v3");
        assertThat(redis.mset(entries)).isTrue();
        assertThat(redis.mget("k1", "k2", "k3")).containsExactly("v1", "v2", "v3");
        assertThat(redis.mget(List.of("k3", "missing", "k1"))).containsExactly("v3", null, "v1");
    }

    @Test
    void msetnxIsAllOrNothing() {
        assertThat(redis.msetnx(Map.of("x1", "a", "x2", "b"))).isTrue();
        assertThat(redis.msetnx(Map.of("x2", "changed", "x3", "c"))).isFalse();
        assertThat(redis.mget("x1", "x2", "x3")).containsExactly("a", "b", null);
    }

    @Test
    void strlenCountsBytes() {
        redis.set("s", "hello");
        assertThat(redis.strlen("s")).isEqualTo(5L);
        redis.set("u", "\u00e9t\u00e9");
        assertThat(redis.strlen("u")).isEqualTo(5L);
        assertThat(redis.strlen("none")).isZero();
    }

    @Test
    void deleteThenGetIsNullAndOverwriteReplaces() {
        redis.set("name", "zhangsan");
        assertThat(redis.execute("DEL", "name")).isEqualTo(1L);
        assertThat(redis.get("name")).isNull();
        redis.set("name", "lisi");
        redis.set("name", "wangwu");
        assertThat(redis.get("name")).isEqualTo("wangwu");
    }

    // ---------------------------------------------------------------- SET options

    @Test
    void setConditionsAndKeepTtl() {
        assertThat(redis.set("k", "v1", SetArgs.ifPresent())).isFalse();
        assertThat(redis.get("k")).isNull();
        assertThat(redis.set("k", "v1", SetArgs.ifAbsent())).isTrue();
        assertThat(redis.set("k", "v2", SetArgs.ifAbsent())).isFalse();
        assertThat(redis.set("k", "v3", SetArgs.ex(100).xx())).isTrue();
        assertThat(redis.set("k", "v4", SetArgs.keepTtl())).isTrue();
        assertThat(ttl("k")).isBetween(1L, 100L);
        assertThat(redis.get("k")).isEqualTo("v4");
        assertThat(redis.set("k", "v5")).isTrue();
        assertThat(ttl("k")).isEqualTo(-1L);
    }

    @Test
    void setExpireAtAndSetGet() {
        Instant at = Instant.now().plusSeconds(60).plusMillis(500);
        assertThat(redis.set("k", "v", SetArgs.expireAt(at))).isTrue();
        assertThat(ttl("k")).isBetween(50L, 61L);
        assertThat(redis.setGet("k", "w", SetArgs.NONE)).isEqualTo("v");
        assertThat(redis.setGet("fresh", "x", SetArgs.px(5000))).isNull();
        assertThat(pttl("fresh")).isBetween(1L, 5000L);
        assertThat(redis.get("k")).isEqualTo("w");
    }

    // ---------------------------------------------------------------- GETDEL, GETEX, ranges, APPEND

    @Test
    void getdelReturnsAndRemoves() {
        redis.set("k", "v");
        assertThat(redis.getdel("k")).isEqualTo("v");
        assertThat(redis.get("k")).isNull();
        assertThat(redis.getdel("k")).isNull();
    }

    @Test
    void getexChangesTheExpiry() {
        redis.set("k", "v");
        assertThat(redis.getex("k", GetExArgs.NONE)).isEqualTo("v");
        assertThat(ttl("k")).isEqualTo(-1L);
        assertThat(redis.getex("k", GetExArgs.ex(Duration.ofSeconds(30)))).isEqualTo("v");
        assertThat(ttl("k")).isBetween(21L, 30L);
        assertThat(redis.getex("k", GetExArgs.px(4000))).isEqualTo("v");
        assertThat(pttl("k")).isBetween(1L, 4000L);
        assertThat(redis.getex("k", GetExArgs.persist())).isEqualTo("v");
        assertThat(ttl("k")).isEqualTo(-1L);
        assertThat(redis.getex("k", GetExArgs.expireAt(Instant.now().plusSeconds(90)))).isEqualTo("v");
        assertThat(ttl("k")).isBetween(80L, 90L);
        assertThat(redis.getex("k", GetExArgs.ex(45))).isEqualTo("v");
        assertThat(ttl("k")).isBetween(35L, 45L);
        assertThat(redis.getex("missing", GetExArgs.ex(5))).isNull();
    }

    @Test
    void appendGetrangeSetrange() {
        assertThat(redis.append("s", "Hello")).isEqualTo(5L);
        assertThat(redis.append("s", " World")).isEqualTo(11L);
        assertThat(redis.get("s")).isEqualTo("Hello World");
        assertThat(redis.getrange("s", 0, 4)).isEqualTo("Hello");
        assertThat(redis.getrange("s", -5, -1)).isEqualTo("World");
        assertThat(redis.getrange("missing", 0, 10)).isEmpty();
        assertThat(redis.setrange("s", 6, "Redis")).isEqualTo(11L);
        assertThat(redis.get("s")).isEqualTo("Hello Redis");
        assertThat(redis.setrange("pad", 3, "x")).isEqualTo(4L);
        assertThat(redis.get("pad")).isEqualTo("\0\0\0x");
    }

    // ---------------------------------------------------------------- pipeline, transaction, bytes

    @Test
    void commandsInAPipeline() {
        List<Object> results = redis.pipelined(p -> {
            p.set("p1", "1");
            p.incrby("p1", 9);
            p.incrbyfloat("p1", 0.5);
            p.setnx("p1", "x");
            p.getset("p1", "a");
            p.append("p1", "bc");
            p.strlen("p1");
            p.getrange("p1", 1, 2);
            p.mget(List.of("p1", "nope"));
            p.getdel("p1");
        });
        assertThat(results).containsExactly(true, 10L, 10.5, false, "10.5", 3L, 3L, "bc",
                java.util.Arrays.asList("abc", null), "abc");
    }

    @Test
    void responsesFromAPipelineHandle() {
        Response<Long> decr;
        Response<Boolean> setex;
        Response<String> getex;
        try (var p = redis.pipeline()) {
            setex = p.setex("t", Duration.ofMillis(1500), "v");
            getex = p.getex("t", GetExArgs.persist());
            decr = p.decrby("counter", 3);
            p.sync();
        }
        assertThat(setex.get()).isTrue();
        assertThat(getex.get()).isEqualTo("v");
        assertThat(decr.get()).isEqualTo(-3L);
        assertThat(ttl("t")).isEqualTo(-1L);
    }

    @Test
    void commandsInATransaction() {
        TransactionResult tx = redis.multi(t -> {
            t.mset(Map.of("a", "1"));
            t.msetnx(Map.of("a", "2", "b", "3"));
            t.decr("a");
            t.set("c", "v", Duration.ofSeconds(50));
            t.psetex("d", 5000, "w");
            t.setrange("c", 1, "ww");
            t.get("c");
        });
        assertThat(tx.aborted()).isFalse();
        assertThat(tx.results()).containsExactly(true, false, 0L, true, true, 3L, "vww");
    }

    @Test
    void bytesRoundTripExactly() {
        RedisClient<byte[]> bytes = redis.withCodec(ByteArrayCodec.INSTANCE);
        byte[] value = {(byte) 0xff, 0x00, (byte) 0xc3, 0x28, (byte) 0x80, 0x7f, (byte) 0xfe};
        assertThat(bytes.set("bin", value)).isTrue();
        assertThat(bytes.get("bin")).containsExactly(value);
        assertThat(bytes.strlen("bin")).isEqualTo(7L);
        assertThat(bytes.append("bin", new byte[] {(byte) 0xe9})).isEqualTo(8L);
        assertThat(bytes.getrange("bin", 6, 7)).containsExactly((byte) 0xfe, (byte) 0xe9);
        assertThat(bytes.getset("bin", new byte[] {(byte) 0x81})).hasSize(8).startsWith(value);
        assertThat(bytes.mget("bin", "none")).satisfiesExactly(
                v -> assertThat(v).containsExactly((byte) 0x81), v -> assertThat(v).isNull());
    }
}
