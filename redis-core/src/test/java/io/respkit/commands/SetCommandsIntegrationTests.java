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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class SetCommandsIntegrationTests {

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

    @Test
    void seedTutorialSetBlock() {
        assertThat(redis.sadd("s1", "a", "b", "c", "a", "b")).isEqualTo(3);
        assertThat(redis.sadd("s1", "c", "d")).isEqualTo(1);
        assertThat(redis.smembers("s1")).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(redis.scard("s1")).isEqualTo(4);
        assertThat(redis.srandmember("s1")).isIn("a", "b", "c", "d");
        assertThat(redis.sismember("s1", "a")).isTrue();
        assertThat(redis.sismember("s1", "w")).isFalse();

        String popped = redis.spop("s1");
        assertThat(popped).isIn("a", "b", "c", "d");
        assertThat(redis.sismember("s1", popped)).isFalse();
        assertThat(redis.scard("s1")).isEqualTo(3);

        // make sure "a" is present for the move, whatever SPOP took
        redis.sadd("s1", "a");
        Set<String> before = redis.smembers("s1");
        assertThat(redis.smove("s1", "s2", "w")).isFalse();
        assertThat(redis.smove("s1", "s2", "a")).isTrue();
        Set<String> expected = new HashSet<>(before);
        expected.remove("a");
        assertThat(redis.smembers("s1")).isEqualTo(expected).doesNotContain("a");
        assertThat(redis.smembers("s2")).containsExactly("a");
    }

    @Test
    void missingKeysAndWrongType() {
        assertThat(redis.smembers("none")).isEmpty();
        assertThat(redis.scard("none")).isZero();
        assertThat(redis.srandmember("none")).isNull();
        assertThat(redis.srandmember("none", 3)).isEmpty();
        assertThat(redis.spop("none")).isNull();
        assertThat(redis.spop("none", 3)).isEmpty();
        assertThat(redis.sismember("none", "a")).isFalse();
        assertThat(redis.smismember("none", "a", "b")).containsExactly(false, false);
        assertThat(redis.srem("none", "a")).isZero();

        redis.set("str", "x");
        assertThatThrownBy(() -> redis.sadd("str", "a"))
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
        assertThatThrownBy(() -> redis.sadd("empty"))
                .isInstanceOf(RedisServerException.class);
    }

    @Test
    void sremAndCollectionOverloads() {
        assertThat(redis.sadd("c", List.of("a", "b", "c", "d"))).isEqualTo(4);
        assertThat(redis.srem("c", "a", "zz")).isEqualTo(1);
        assertThat(redis.srem("c", List.of("b", "c"))).isEqualTo(2);
        assertThat(redis.smembers("c")).containsExactly("d");
        assertThat(redis.smismember("c", List.of("d", "a"))).containsExactly(true, false);
        assertThat(redis.srem("c", "d")).isEqualTo(1);
        assertThat(redis.execute("EXISTS", "c")).isEqualTo(0L);
    }

    @Test
    void srandmemberWithCount() {
        redis.sadd("r", "a", "b", "c");
        List<String> distinct = redis.srandmember("r", 2);
        assertThat(distinct).hasSize(2).doesNotHaveDuplicates().isSubsetOf("a", "b", "c");
        assertThat(redis.srandmember("r", 10)).containsExactlyInAnyOrder("a", "b", "c");
        List<String> repeated = redis.srandmember("r", -10);
        assertThat(repeated).hasSize(10).isSubsetOf("a", "b", "c");
        assertThat(redis.scard("r")).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void spopWithCount(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            client.sadd("sp", "a", "b", "c", "d");
            Set<String> two = client.spop("sp", 2);
            assertThat(two).hasSize(2).isSubsetOf("a", "b", "c", "d");
            Set<String> rest = client.smembers("sp");
            assertThat(rest).hasSize(2).doesNotContainAnyElementsOf(two);
            assertThat(client.spop("sp", 10)).isEqualTo(rest);
            assertThat(client.scard("sp")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void setAlgebraUnderBothProtocols(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            client.sadd("k1", "a", "b", "c");
            client.sadd("k2", "b", "c", "d");
            client.sadd("k3", "c", "e");

            Set<String> members = client.smembers("k1");
            assertThat(members).isInstanceOf(LinkedHashSet.class).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(client.sinter("k1", "k2")).containsExactlyInAnyOrder("b", "c");
            assertThat(client.sinter(List.of("k1", "k2", "k3"))).containsExactly("c");
            assertThat(client.sinter("k1", "none")).isEmpty();
            assertThat(client.sunion("k1", "k3")).containsExactlyInAnyOrder("a", "b", "c", "e");
            assertThat(client.sunion(List.of("k2", "none"))).containsExactlyInAnyOrder("b", "c", "d");
            assertThat(client.sdiff("k1", "k2")).containsExactly("a");
            assertThat(client.sdiff(List.of("k2", "k1", "k3"))).containsExactly("d");
            assertThat(client.smismember("k1", "a", "d", "c")).containsExactly(true, false, true);

            assertThat(client.sinterstore("dst", "k1", "k2")).isEqualTo(2);
            assertThat(client.smembers("dst")).containsExactlyInAnyOrder("b", "c");
            assertThat(client.sunionstore("dst", List.of("k1", "k2", "k3"))).isEqualTo(5);
            assertThat(client.smembers("dst")).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
            assertThat(client.sdiffstore("dst", "k1", "k2", "k3")).isEqualTo(1);
            assertThat(client.smembers("dst")).containsExactly("a");
            assertThat(client.sinterstore("dst", List.of("k1", "none"))).isZero();
            assertThat(client.execute("EXISTS", "dst")).isEqualTo(0L);
            assertThat(client.sunionstore("dst2", "k3")).isEqualTo(2);
            assertThat(client.sdiffstore("dst3", List.of("k3", "k1"))).isEqualTo(1);
            assertThat(client.smembers("dst3")).containsExactly("e");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void sscanStreamsEveryMember(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            List<String> all = IntStream.range(0, 300).mapToObj(i -> "m" + i).collect(Collectors.toList());
            client.sadd("big", all);
            assertThat(client.sscan("big").collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(all);
            assertThat(client.sscan("big", ScanArgs.match("m1?").count(50)).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17", "m18", "m19");
            assertThat(client.sscan("none")).isEmpty();

            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int pages = 0;
            do {
                ScanPage<String> page = client.sscan("big", cursor, ScanArgs.NONE.count(20));
                seen.addAll(page.items());
                cursor = page.cursor();
                pages++;
            } while (!"0".equals(cursor));
            assertThat(pages).isGreaterThan(1);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void binaryMembersWithByteArrayCodec() {
        RedisClient<byte[]> bytes = redis.withCodec(ByteArrayCodec.INSTANCE);
        byte[] raw = {0, (byte) 0xff, 7};
        assertThat(bytes.sadd("bin", raw, "x".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(bytes.sismember("bin", raw)).isTrue();
        List<byte[]> members = new ArrayList<>(bytes.smembers("bin"));
        assertThat(members).hasSize(2).anySatisfy(m -> assertThat(m).isEqualTo(raw));
    }

    @Test
    void pipelinedAndTransaction() {
        List<Object> results = redis.pipelined(p -> {
            p.sadd("p1", "a", "b", "c");
            p.sadd("p2", List.of("c", "d"));
            p.scard("p1");
            p.sismember("p1", "a");
            p.smismember("p1", "a", "z");
            p.sinter("p1", "p2");
            p.sunion(List.of("p1", "p2"));
            p.sdiff("p1", "p2");
            p.smove("p1", "p2", "a");
            p.srem("p1", "b");
            p.smembers("p1");
            p.sscan("p2", "0", ScanArgs.NONE);
        });
        assertThat(results).hasSize(12);
        assertThat(results.subList(0, 5)).containsExactly(3L, 2L, 3L, true, List.of(true, false));
        assertThat(results.get(5)).isEqualTo(Set.of("c"));
        assertThat(results.get(6)).isEqualTo(Set.of("a", "b", "c", "d"));
        assertThat(results.get(7)).isEqualTo(Set.of("a", "b"));
        assertThat(results.subList(8, 11)).containsExactly(true, 1L, Set.of("c"));
        assertThat(results.get(11)).isInstanceOfSatisfying(ScanPage.class, page -> {
            assertThat(page.isFinished()).isTrue();
            assertThat(page.items()).containsExactlyInAnyOrder("a", "c", "d");
        });

        TransactionResult tx = redis.multi(t -> {
            t.sadd("t1", "x", "y");
            t.sinterstore("t2", "t1");
            t.sunionstore("t3", List.of("t1", "p2"));
            t.sdiffstore("t4", "t3", "t1");
            t.spop("t4", 10);
            t.srandmember("t1", -3);
            t.spop("missing");
            t.srandmember("missing");
        });
        assertThat(tx.aborted()).isFalse();
        assertThat(tx.results().subList(0, 4)).containsExactly(2L, 2L, 5L, 3L);
        assertThat(tx.get(4)).isEqualTo(Set.of("a", "c", "d"));
        assertThat(tx.get(5)).asList().hasSize(3).isSubsetOf("x", "y");
        assertThat(tx.results().subList(6, 8)).containsExactly(null, null);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void sintercardWithAndWithoutLimit(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            client.sadd("i1", "a", "b", "c", "d");
            client.sadd("i2", "b", "c", "d", "e");
            assertThat(client.sintercard("i1", "i2")).isEqualTo(3);
            assertThat(client.sintercard(2, List.of("i1", "i2"))).isEqualTo(2);
            assertThat(client.sintercard(0, List.of("i1"))).isEqualTo(4);
            assertThat(client.sintercard("i1", "none")).isZero();
            assertThatThrownBy(() -> client.sintercard()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.sintercard(-1, List.of("i1"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(client.pipelined(p -> p.sintercard(1, List.of("i1", "i2")))).containsExactly(1L);
            assertThat(client.async().sintercard("i1", "i2").join()).isEqualTo(3L);
        }
    }
}
