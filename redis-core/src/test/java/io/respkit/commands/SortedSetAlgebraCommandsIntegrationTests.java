package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.TransactionResult;
import io.respkit.exceptions.RedisServerException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class SortedSetAlgebraCommandsIntegrationTests {

    private RedisServer server;
    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        this.server = server;
        redis = RedisClient.create(server.config());
        redis.execute("FLUSHDB");
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private RedisClient<String> client(RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    private static ScoredValue<String> sv(String m, double s) {
        return new ScoredValue<>(m, s);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void interUnionDiffWithWeightsAndAggregate(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.zadd("a", Map.of("x", 1.0, "y", 2.0, "z", 3.0));
            client.zadd("b", Map.of("y", 10.0, "z", 20.0, "w", 5.0));
            client.sadd("plain", "z");

            assertThat(client.zinter("a", "b")).containsExactly("y", "z");
            assertThat(client.zinterWithScores(List.of("a", "b"), ZStoreArgs.NONE))
                    .containsExactly(sv("y", 12), sv("z", 23));
            assertThat(client.zinterWithScores(List.of("a", "b"), ZStoreArgs.NONE.withAggregate(Aggregate.MIN)))
                    .containsExactly(sv("y", 2), sv("z", 3));
            assertThat(client.zinter(List.of("a", "b"), ZStoreArgs.NONE.withWeights(100, 1)))
                    .containsExactly("y", "z");
            assertThat(client.zinterWithScores(List.of("a", "plain"), ZStoreArgs.NONE)).containsExactly(sv("z", 4));
            assertThat(client.zinter("a", "none")).isEmpty();

            assertThat(client.zunion("a", "b")).containsExactly("x", "w", "y", "z");
            assertThat(client.zunionWithScores(List.of("a", "b"), ZStoreArgs.NONE.withWeights(2, 1)
                    .withAggregate(Aggregate.MAX))).containsExactly(sv("x", 2), sv("w", 5), sv("y", 10), sv("z", 20));

            assertThat(client.zdiff("a", "b")).containsExactly("x");
            assertThat(client.zdiff(List.of("b", "a"))).containsExactly("w");
            assertThat(client.zdiffWithScores(List.of("a", "plain"))).containsExactly(sv("x", 1), sv("y", 2));

            assertThat(client.zintercard("a", "b")).isEqualTo(2);
            assertThat(client.zintercard(1, List.of("a", "b"))).isEqualTo(1);
            assertThat(client.zintercard(0, List.of("a", "none"))).isZero();

            assertThat(client.zdiffstore("d", "a", "b")).isEqualTo(1);
            assertThat(client.zrangeWithScores("d", 0, -1)).containsExactly(sv("x", 1));
            assertThat(client.zdiffstore("d", List.of("none"))).isZero();
            assertThat(client.exists("d")).isZero();

            assertThatThrownBy(() -> client.zinter(List.of("a", "b"), ZStoreArgs.NONE.withWeights(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.zunion()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.zintercard(-1, List.of("a"))).isInstanceOf(IllegalArgumentException.class);
            client.set("str", "v");
            assertThatThrownBy(() -> client.zinter("a", "str"))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void rangeStoreByRankScoreAndLex(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.zadd("s", Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0));
            assertThat(client.zrangestore("dst", "s", 1, 2)).isEqualTo(2);
            assertThat(client.zrangeWithScores("dst", 0, -1)).containsExactly(sv("b", 2), sv("c", 3));
            assertThat(client.zrangestoreByScore("dst", "s", "(1", "+inf", ZRangeArgs.NONE)).isEqualTo(3);
            assertThat(client.zrange("dst", 0, -1)).containsExactly("b", "c", "d");
            assertThat(client.zrangestoreByScore("dst", "s", "-inf", "+inf", ZRangeArgs.REV.withLimit(0, 2)))
                    .isEqualTo(2);
            assertThat(client.zrange("dst", 0, -1)).containsExactly("c", "d");

            client.zadd("lex", Map.of("a", 0.0, "b", 0.0, "c", 0.0, "d", 0.0));
            assertThat(client.zrangestoreByLex("dst", "lex", LexRange.closed("b", "c"), ZRangeArgs.NONE))
                    .isEqualTo(2);
            assertThat(client.zrange("dst", 0, -1)).containsExactly("b", "c");
            assertThat(client.zrangestoreByLex("dst", "lex", LexRange.ALL, ZRangeArgs.REV.withLimit(1, 1)))
                    .isEqualTo(1);
            assertThat(client.zrange("dst", 0, -1)).containsExactly("c");
            assertThat(client.zrangestore("dst", "none", 0, -1)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void randomMembers(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.zadd("r", Map.of("a", 1.0, "b", 2.0, "c", 3.0));
            assertThat(client.zrandmember("r")).isIn("a", "b", "c");
            assertThat(client.zrandmember("none")).isNull();
            assertThat(client.zrandmember("r", 2)).hasSize(2).doesNotHaveDuplicates().isSubsetOf("a", "b", "c");
            assertThat(client.zrandmember("r", -5)).hasSize(5).isSubsetOf("a", "b", "c");
            assertThat(client.zrandmember("none", 3)).isEmpty();
            assertThat(client.zrandmemberWithScores("r", 10)).containsExactlyInAnyOrder(sv("a", 1), sv("b", 2),
                    sv("c", 3));
            assertThat(client.zrandmemberWithScores("r", -4)).hasSize(4)
                    .allSatisfy(v -> assertThat(v.score()).isEqualTo(v.value().charAt(0) - 'a' + 1.0));
            assertThat(client.zrandmemberWithScores("none", 2)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void multiKeyPops(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.zadd("q2", Map.of("a", 1.0, "b", 2.0, "c", 3.0));
            KeyValues<ScoredValue<String>> min = client.zmpop(SortedSetEnd.MIN, 2, "q1", "q2");
            assertThat(min).isEqualTo(new KeyValues<>("q2", List.of(sv("a", 1), sv("b", 2))));
            assertThat(client.zmpop(SortedSetEnd.MAX, 5, List.of("q2"))).isEqualTo(new KeyValues<>("q2",
                    List.of(sv("c", 3))));
            assertThat(client.zmpop(SortedSetEnd.MAX, 1, "q1", "q2")).isNull();
            assertThatThrownBy(() -> client.zmpop(SortedSetEnd.MIN, 0, "q1"))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(client.bzmpop(Duration.ofMillis(100), SortedSetEnd.MIN, 1, "q1")).isNull();
            client.zadd("q1", Map.of("m", 7.5));
            assertThat(client.bzmpop(Duration.ofSeconds(1), SortedSetEnd.MAX, 3, List.of("q0", "q1")))
                    .isEqualTo(new KeyValues<>("q1", List.of(sv("m", 7.5))));
        }
    }

    @Test
    void bzmpopWaitsForAMember() {
        CompletableFuture<KeyValues<ScoredValue<String>>> waiting = redis.async()
                .bzmpop(Duration.ofSeconds(10), SortedSetEnd.MIN, 2, "later");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                ((String) redis.execute("CLIENT", "LIST")).contains("cmd=bzmpop"));
        redis.zadd("later", Map.of("x", 1.0, "y", 2.0, "z", 3.0));
        assertThat(waiting.join()).isEqualTo(new KeyValues<>("later", List.of(sv("x", 1), sv("y", 2))));
        assertThat(redis.zcard("later")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void lexCommands(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.zadd("n", Map.of("alpha", 0.0, "bravo", 0.0, "charlie", 0.0, "delta", 0.0, "echo", 0.0));
            assertThat(client.zrangeByLex("n", LexRange.of("[b", "(d"), ZRangeArgs.NONE))
                    .containsExactly("bravo", "charlie");
            assertThat(client.zrangeByLex("n", LexRange.ALL, ZRangeArgs.REV.withLimit(0, 2)))
                    .containsExactly("echo", "delta");
            assertThat(client.zrangeByLexLegacy("n", LexRange.atLeast("c"))).containsExactly("charlie", "delta",
                    "echo");
            assertThat(client.zrangeByLexLegacy("n", LexRange.ALL, 1, 2)).containsExactly("bravo", "charlie");
            assertThat(client.zrevrangeByLex("n", LexRange.lessThan("c"))).containsExactly("bravo", "alpha");
            assertThat(client.zrevrangeByLex("n", LexRange.ALL, 1, 1)).containsExactly("delta");
            assertThat(client.zlexcount("n", LexRange.closed("alpha", "charlie"))).isEqualTo(3);
            assertThat(client.zlexcount("none", LexRange.ALL)).isZero();
            assertThat(client.zremrangeByLex("n", LexRange.of("(charlie", "+"))).isEqualTo(2);
            assertThat(client.zrange("n", 0, -1)).containsExactly("alpha", "bravo", "charlie");
            assertThatThrownBy(() -> client.zrangeByLexLegacy("n", LexRange.ALL, -1, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void pipelineAndTransaction() {
        redis.zadd("a", Map.of("x", 1.0, "y", 2.0));
        redis.zadd("b", Map.of("y", 3.0));
        List<Object> results = redis.pipelined(p -> {
            p.zinter("a", "b");
            p.zunionWithScores(List.of("a", "b"), ZStoreArgs.NONE);
            p.zdiff("a", "b");
            p.zintercard("a", "b");
            p.zlexcount("a", LexRange.ALL);
            p.zmpop(SortedSetEnd.MIN, 1, "b");
        });
        assertThat(results).containsExactly(List.of("y"), List.of(sv("x", 1), sv("y", 5)), List.of("x"), 1L, 2L,
                new KeyValues<>("b", List.of(sv("y", 3))));

        TransactionResult tx = redis.multi(t -> {
            t.zdiffstore("d", "a");
            t.zrangestore("e", "a", 0, 0);
            t.zrandmemberWithScores("e", 1);
            t.zremrangeByLex("d", LexRange.ALL);
        });
        assertThat(tx.results()).containsExactly(2L, 1L, List.of(sv("x", 1)), 2L);
    }
}
