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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class KeyCommandsIntegrationTests {

    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
        redis.flushall();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void generalOperationsOfTheTutorial() {
        assertThat(redis.set("k1", "v1")).isTrue();
        assertThat(redis.type("k1")).isEqualTo("string");
        assertThat(redis.type("k8888")).isEqualTo("none");
        assertThat(redis.exists("k1")).isEqualTo(1);
        assertThat(redis.exists("k8888")).isZero();

        assertThat(redis.rename("k1", "k11")).isTrue();
        assertThat(redis.get("k11")).isEqualTo("v1");
        assertThat(redis.exists("k1")).isZero();

        redis.set("k2", "v2");
        assertThat(redis.del("k2")).isEqualTo(1);
        assertThat(redis.del("k2")).isZero();

        assertThat(redis.ttl("k11")).isEqualTo(-1);
        assertThat(redis.ttl("k8888")).isEqualTo(-2);
        redis.set("k3", "v3", SetArgs.ex(10));
        assertThat(redis.ttl("k3")).isBetween(9L, 10L);
        assertThat(redis.persist("k3")).isTrue();
        assertThat(redis.ttl("k3")).isEqualTo(-1);
        assertThat(redis.persist("k3")).isFalse();

        assertThat(redis.dbsize()).isEqualTo(2);
        assertThat(redis.flushall()).isTrue();
        assertThat(redis.dbsize()).isZero();
    }

    @Test
    void existsCountsEveryGivenKey() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertThat(redis.exists("a", "b", "missing")).isEqualTo(2);
        assertThat(redis.exists("a", "a")).isEqualTo(2);
        assertThat(redis.exists(List.of("b", "missing"))).isEqualTo(1);
        assertThatThrownBy(() -> redis.exists(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void renameAndRenamenx() {
        redis.set("src", "1");
        redis.set("taken", "2");
        assertThat(redis.renamenx("src", "taken")).isFalse();
        assertThat(redis.get("taken")).isEqualTo("2");
        assertThat(redis.renamenx("src", "free")).isTrue();
        assertThat(redis.get("free")).isEqualTo("1");
        assertThat(redis.rename("free", "taken")).isTrue();
        assertThat(redis.get("taken")).isEqualTo("1");
        assertThatThrownBy(() -> redis.rename("nope", "x"))
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
    }

    @Test
    void delAndUnlinkCountDeletedKeys() {
        redis.mset(Map.of("a", "1", "b", "2", "c", "3", "d", "4"));
        assertThat(redis.del("a", "b", "missing")).isEqualTo(2);
        assertThat(redis.del(List.of("c", "missing"))).isEqualTo(1);
        assertThat(redis.unlink("d", "missing")).isEqualTo(1);
        redis.set("e", "5");
        assertThat(redis.unlink(List.of("e"))).isEqualTo(1);
        assertThat(redis.dbsize()).isZero();
        assertThatThrownBy(() -> redis.del(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expireInSecondsMillisAndDurations() {
        redis.set("k", "v");
        assertThat(redis.expire("k", 100)).isTrue();
        assertThat(redis.ttl("k")).isBetween(99L, 100L);
        assertThat(redis.expire("missing", 100)).isFalse();

        assertThat(redis.expire("k", Duration.ofMillis(50_500))).isTrue();
        assertThat(redis.pttl("k")).isBetween(49_000L, 50_500L);
        assertThat(redis.expire("k", Duration.ofMinutes(2))).isTrue();
        assertThat(redis.ttl("k")).isBetween(119L, 120L);

        assertThat(redis.pexpire("k", 5_000)).isTrue();
        assertThat(redis.pttl("k")).isBetween(4_000L, 5_000L);
        assertThat(redis.pexpire("k", Duration.ofSeconds(7))).isTrue();
        assertThat(redis.pttl("k")).isBetween(6_000L, 7_000L);

        assertThat(redis.pttl("missing")).isEqualTo(-2);
        redis.set("forever", "v");
        assertThat(redis.pttl("forever")).isEqualTo(-1);

        assertThat(redis.expire("k", 0)).isTrue();
        assertThat(redis.exists("k")).isZero();
    }

    @Test
    void expireConditions() {
        redis.set("k", "v");
        assertThat(redis.expire("k", 100, ExpireCondition.XX)).isFalse();
        assertThat(redis.ttl("k")).isEqualTo(-1);
        assertThat(redis.expire("k", 100, ExpireCondition.NX)).isTrue();
        assertThat(redis.expire("k", 200, ExpireCondition.NX)).isFalse();
        assertThat(redis.expire("k", 50, ExpireCondition.GT)).isFalse();
        assertThat(redis.expire("k", Duration.ofSeconds(300), ExpireCondition.GT)).isTrue();
        assertThat(redis.ttl("k")).isBetween(299L, 300L);
        assertThat(redis.pexpire("k", 400_000, ExpireCondition.LT)).isFalse();
        assertThat(redis.pexpire("k", 10_000, ExpireCondition.LT)).isTrue();
        assertThat(redis.pttl("k")).isBetween(9_000L, 10_000L);
        assertThat(redis.expire("k", 20, ExpireCondition.XX)).isTrue();
        assertThat(redis.ttl("k")).isBetween(19L, 20L);
    }

    @Test
    void expireAtInstantsAndEpochNumbers() {
        redis.mset(Map.of("a", "1", "b", "2", "c", "3", "d", "4"));
        Instant now = Instant.now();
        assertThat(redis.expireat("a", now.plusSeconds(100).getEpochSecond())).isTrue();
        assertThat(redis.ttl("a")).isBetween(98L, 100L);
        assertThat(redis.expireat("b", now.plusMillis(60_250))).isTrue();
        assertThat(redis.pttl("b")).isBetween(58_000L, 60_250L);
        assertThat(redis.pexpireat("c", now.plusSeconds(30).toEpochMilli())).isTrue();
        assertThat(redis.pttl("c")).isBetween(28_000L, 30_000L);
        assertThat(redis.pexpireat("d", now.plusSeconds(40))).isTrue();
        assertThat(redis.pttl("d")).isBetween(38_000L, 40_000L);

        assertThat(redis.expireat("a", now.plusSeconds(10), ExpireCondition.GT)).isFalse();
        assertThat(redis.expireat("a", now.plusSeconds(10).getEpochSecond(), ExpireCondition.LT)).isTrue();
        assertThat(redis.ttl("a")).isBetween(8L, 10L);
        assertThat(redis.pexpireat("d", now.plusSeconds(50).toEpochMilli(), ExpireCondition.NX)).isFalse();

        assertThat(redis.expireat("missing", now.plusSeconds(10))).isFalse();
        assertThat(redis.expireat("a", now.minusSeconds(10))).isTrue();
        assertThat(redis.exists("a")).isZero();
    }

    @Test
    void keysMatchesPattern() {
        redis.mset(Map.of("user:1", "a", "user:2", "b", "order:1", "c"));
        assertThat(redis.keys("user:*")).containsExactlyInAnyOrder("user:1", "user:2");
        assertThat(redis.keys("*")).hasSize(3);
        assertThat(redis.keys("nothing*")).isEmpty();
        assertThat(redis.withCodec(ByteArrayCodec.INSTANCE).keys("order:*")).containsExactly("order:1");
    }

    @Test
    void scanStreamVisitsEveryKeyOnceOverManyPages() {
        Map<String, String> entries = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            entries.put("key:" + i, "v" + i);
        }
        redis.mset(entries);

        List<String> scanned = redis.scan(ScanArgs.NONE.count(10)).collect(Collectors.toList());
        assertThat(new HashSet<>(scanned)).isEqualTo(entries.keySet());
        assertThat(scanned).hasSize(1000);
        assertThat(redis.scan().collect(Collectors.toSet())).isEqualTo(entries.keySet());

        int pages = 0;
        Set<String> manual = new HashSet<>();
        String cursor = "0";
        do {
            ScanPage<String> page = redis.scan(cursor, ScanArgs.NONE.count(10));
            manual.addAll(page.items());
            cursor = page.cursor();
            pages++;
        } while (!"0".equals(cursor));
        assertThat(pages).isGreaterThan(10);
        assertThat(manual).isEqualTo(entries.keySet());
    }

    @Test
    void scanWithMatchAndType() {
        for (int i = 0; i < 50; i++) {
            redis.set("user:" + i, "u");
        }
        redis.execute("HSET", "user:h", "f", "v");
        redis.execute("RPUSH", "other", "x");

        Set<String> users = redis.scan(ScanArgs.match("user:*").count(7)).collect(Collectors.toSet());
        assertThat(users).hasSize(51).contains("user:0", "user:49", "user:h").doesNotContain("other");
        assertThat(redis.scan(ScanArgs.match("user:*").type("hash")).collect(Collectors.toList()))
                .containsExactly("user:h");
        assertThat(redis.scan(ScanArgs.NONE.type("list")).collect(Collectors.toList())).containsExactly("other");
        assertThat(redis.scan(ScanArgs.match("absent:*")).count()).isZero();
    }

    @Test
    void scanStreamIsLazy() {
        for (int i = 0; i < 100; i++) {
            redis.set("lazy:" + i, "v");
        }
        assertThat(redis.scan(ScanArgs.NONE.count(5)).limit(3).collect(Collectors.toList())).hasSize(3);
    }

    @Test
    void randomkeyDbsizeAndFlushModes() {
        assertThat(redis.randomkey()).isNull();
        redis.set("only", "v");
        assertThat(redis.randomkey()).isEqualTo("only");
        assertThat(redis.dbsize()).isEqualTo(1);
        assertThat(redis.flushdb(FlushMode.SYNC)).isTrue();
        assertThat(redis.dbsize()).isZero();
        redis.set("a", "v");
        assertThat(redis.flushdb()).isTrue();
        assertThat(redis.dbsize()).isZero();
        redis.set("b", "v");
        assertThat(redis.flushall(FlushMode.ASYNC)).isTrue();
        assertThat(redis.dbsize()).isZero();
        redis.set("c", "v");
        assertThat(redis.flushdb(FlushMode.ASYNC)).isTrue();
        assertThat(redis.exists("c")).isZero();
        redis.set("d", "v");
        assertThat(redis.flushall(FlushMode.SYNC)).isTrue();
        assertThat(redis.exists("d")).isZero();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void keyCommandsInPipeline(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            List<Response<?>> handles = new ArrayList<>();
            List<Object> results = client.pipelined(p -> {
                p.set("p1", "v");
                handles.add(p.type("p1"));
                handles.add(p.exists("p1", "p2"));
                handles.add(p.expire("p1", 100));
                handles.add(p.ttl("p1"));
                handles.add(p.persist("p1"));
                handles.add(p.pttl("p1"));
                handles.add(p.rename("p1", "p2"));
                handles.add(p.renamenx("p2", "p2"));
                handles.add(p.keys("p*"));
                handles.add(p.scan("0", ScanArgs.match("p*").count(100)));
                handles.add(p.randomkey());
                handles.add(p.dbsize());
                handles.add(p.unlink("p2"));
                handles.add(p.del(List.of("p2")));
                handles.add(p.flushdb());
            });
            assertThat(results).hasSize(16);
            assertThat(results.subList(0, 4)).containsExactly(true, "string", 1L, true);
            assertThat((Long) results.get(4)).isBetween(99L, 100L);
            assertThat(results.subList(5, 8)).containsExactly(true, -1L, true);
            assertThat(results.get(8)).isEqualTo(false);
            assertThat(results.get(9)).isEqualTo(List.of("p2"));
            assertThat(results.get(10)).isEqualTo(new ScanPage<>("0", List.of("p2")));
            assertThat(results.subList(11, 16)).containsExactly("p2", 1L, 1L, 0L, true);
            assertThat(handles.get(0).get()).isEqualTo("string");
            assertThat(handles.get(9).get()).isEqualTo(new ScanPage<>("0", List.of("p2")));
        }
    }

    @Test
    void keyCommandsInTransaction() {
        redis.set("t1", "v");
        TransactionResult tx = redis.multi(t -> {
            t.rename("t1", "t2");
            t.exists("t1", "t2");
            t.expire("t2", Duration.ofSeconds(60));
            t.expireat("t2", Instant.now().plusSeconds(120), ExpireCondition.GT);
            t.type("t2");
            t.del("t2");
            t.dbsize();
        });
        assertThat(tx.aborted()).isFalse();
        assertThat(tx.results()).containsExactly(true, 1L, true, true, "string", 1L, 0L);
    }

    @Test
    void keysAreTextWhateverTheCodec() {
        RedisClient<byte[]> bytes = redis.withCodec(ByteArrayCodec.INSTANCE);
        bytes.set("bin", "v".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes.scan().collect(Collectors.toList())).containsExactly("bin");
        assertThat(bytes.randomkey()).isEqualTo("bin");
        assertThat(bytes.type("bin")).isEqualTo("string");
    }
}
