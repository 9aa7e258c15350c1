package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.TransactionResult;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class SortedSetCommandsIntegrationTests {

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        return redis;
    }

    private static Map<String, Double> scores(Object... memberScore) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < memberScore.length; i += 2) {
            m.put((String) memberScore[i], ((Number) memberScore[i + 1]).doubleValue());
        }
        return m;
    }

    private static ScoredValue<String> sv(String member, double score) {
        return new ScoredValue<>(member, score);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void seedScenario(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.zadd("score", scores("zhangsan", 108, "likai", 99, "wangkai", 100, "zhaokai", 102)))
                    .isEqualTo(4);
            assertThat(redis.zrange("score", 0, -1)).containsExactly("likai", "wangkai", "zhaokai", "zhangsan");
            assertThat(redis.zrangeWithScores("score", 0, -1)).containsExactly(sv("likai", 99), sv("wangkai", 100),
                    sv("zhaokai", 102), sv("zhangsan", 108));
            assertThat(redis.zrevrange("score", 0, -1)).containsExactly("zhangsan", "zhaokai", "wangkai", "likai");
            assertThat(redis.zrank("score", "zhangsan")).isEqualTo(3L);
            assertThat(redis.zrank("score", "w")).isNull();
            assertThat(redis.zcard("score")).isEqualTo(4);

            List<ScoredValue<String>> ascending = List.of(sv("likai", 99), sv("wangkai", 100), sv("zhaokai", 102),
                    sv("zhangsan", 108));
            assertThat(redis.zrangeByScoreWithScores("score", "-inf", "+inf")).isEqualTo(ascending);
            assertThat(redis.zrangeByScoreLegacyWithScores("score", "-inf", "+inf")).isEqualTo(ascending);
            assertThat(redis.zrangeByScoreWithScores("score", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
                    .isEqualTo(ascending);
            assertThat(redis.zrangeByScore("score", "+inf", "-inf")).isEmpty();
            assertThat(redis.zrangeByScoreLegacy("score", "+inf", "-inf")).isEmpty();
            assertThat(redis.zrangeByScore("score", 100, 200)).containsExactly("wangkai", "zhaokai", "zhangsan");
            assertThat(redis.zrangeByScoreLegacy("score", "100", "200"))
                    .containsExactly("wangkai", "zhaokai", "zhangsan");
            assertThat(redis.zcount("score", 100, 200)).isEqualTo(3);
            assertThat(redis.zrevrange("score", 0, 2)).containsExactly("zhangsan", "zhaokai", "wangkai");
            assertThat(redis.zrevrangeWithScores("score", 0, 1)).containsExactly(sv("zhangsan", 108), sv("zhaokai", 102));
            assertThat(redis.zrevrangeByScoreWithScores("score", 120, 100))
                    .containsExactly(sv("zhangsan", 108), sv("zhaokai", 102), sv("wangkai", 100));
            assertThat(redis.zrevrangeByScore("score", 120, 100)).containsExactly("zhangsan", "zhaokai", "wangkai");
            assertThat(redis.zrevrangeByScore("score", 100, 120)).isEmpty();

            // exclusive bounds, exactly as the server reads them
            assertThat(redis.zrangeByScore("score", "(100", "+inf")).containsExactly("zhaokai", "zhangsan");
            assertThat(redis.zcount("score", "(99", "(108")).isEqualTo(2);
            assertThat(redis.zrevrangeByScoreWithScores("score", "(108", "(99"))
                    .containsExactly(sv("zhaokai", 102), sv("wangkai", 100));

            assertThat(redis.zadd("score", scores("zhangsan", 110))).isZero();
            assertThat(redis.zadd("score", scores("zhangsan", 120, "sunkai", 12))).isEqualTo(1);
            assertThat(redis.zscore("score", "zhangsan")).isEqualTo(120.0);
            assertThat(redis.zincrby("score", 5, "zhangsan")).isEqualTo(125.0);
            assertThat(redis.zscore("score", "zhangsan")).isEqualTo(125.0);
            assertThat(redis.zscore("score", "nobody")).isNull();

            assertThat(redis.zremrangeByScore("score", 90, 100)).isEqualTo(2);
            assertThat(redis.zrangeWithScores("score", 0, -1))
                    .containsExactly(sv("sunkai", 12), sv("zhaokai", 102), sv("zhangsan", 125));

            assertThat(redis.zadd("score", scores("likai", 99, "wangkai", 100))).isEqualTo(2);
            assertThat(redis.zremrangeByRank("score", 0, 2)).isEqualTo(3);
            assertThat(redis.zrange("score", 0, -1)).containsExactly("zhaokai", "zhangsan");

            assertThat(redis.zrem("score", "zhaokai", "nobody", "zhangsan")).isEqualTo(2);
            assertThat(redis.zcard("score")).isZero();
            assertThat(redis.zrange("score", 0, -1)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void zaddConditionsAndIncr(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.zadd("z", 10, "a")).isEqualTo(1);
            assertThat(redis.zadd("z", 20, "a", ZAddArgs.NX)).isZero();
            assertThat(redis.zscore("z", "a")).isEqualTo(10.0);
            assertThat(redis.zadd("z", 30, "b", ZAddArgs.XX)).isZero();
            assertThat(redis.zscore("z", "b")).isNull();
            assertThat(redis.zadd("z", 15, "a", ZAddArgs.XX.withCh())).isEqualTo(1);
            assertThat(redis.zadd("z", 5, "a", ZAddArgs.GT.withCh())).isZero();
            assertThat(redis.zscore("z", "a")).isEqualTo(15.0);
            assertThat(redis.zadd("z", scores("a", 1, "c", 3), ZAddArgs.LT.withCh())).isEqualTo(2);
            assertThat(redis.zmscore("z", "a", "missing", "c")).containsExactly(1.0, null, 3.0);
            assertThat(redis.zmscore("z", List.of("c"))).containsExactly(3.0);

            assertThat(redis.zaddIncr("z", 2.5, "a", ZAddArgs.NONE)).isEqualTo(3.5);
            assertThat(redis.zaddIncr("z", 1, "nobody", ZAddArgs.XX)).isNull();
            assertThat(redis.zaddIncr("z", 1, "a", ZAddArgs.NX)).isNull();
            assertThat(redis.zaddIncr("z", -1, "a", ZAddArgs.GT)).isNull();
            assertThat(redis.zscore("z", "a")).isEqualTo(3.5);

            assertThat(redis.zrevrank("z", "a")).isEqualTo(0L);
            assertThat(redis.zrevrank("z", "c")).isEqualTo(1L);
            assertThat(redis.zrevrank("z", "missing")).isNull();
            assertThat(redis.zrem("z", List.of("a", "zz"))).isEqualTo(1);

            assertThatThrownBy(() -> ZAddArgs.NX.withXx()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ZAddArgs.GT.withLt()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ZAddArgs.NX.withGt()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void infiniteAndFractionalScores(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.zadd("z", Double.POSITIVE_INFINITY, "top");
            redis.zadd("z", Double.NEGATIVE_INFINITY, "bottom");
            redis.zadd("z", 0.125, "mid");
            assertThat(redis.zrangeWithScores("z", 0, -1)).containsExactly(sv("bottom", Double.NEGATIVE_INFINITY),
                    sv("mid", 0.125), sv("top", Double.POSITIVE_INFINITY));
            assertThat(redis.zscore("z", "top")).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(redis.zcount("z", 0.1, Double.POSITIVE_INFINITY)).isEqualTo(2);
            assertThat(redis.zrangeByScore("z", 0.125, 0.125)).containsExactly("mid");
            assertThat(redis.zincrby("z", 0.25, "mid")).isEqualTo(0.375);
            assertThat(redis.zremrangeByScore("z", "-inf", "(0")).isEqualTo(1);
            assertThat(redis.zrange("z", 0, -1)).containsExactly("mid", "top");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void rangeArgsRevAndLimit(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.zadd("z", scores("a", 1, "b", 2, "c", 3, "d", 4, "e", 5));
            assertThat(redis.zrangeByScore("z", 2, 4, ZRangeArgs.REV)).containsExactly("d", "c", "b");
            assertThat(redis.zrangeByScore("z", "(1", "+inf", ZRangeArgs.limit(1, 2))).containsExactly("c", "d");
            assertThat(redis.zrangeByScoreWithScores("z", 1, 5, ZRangeArgs.REV.withLimit(1, 2)))
                    .containsExactly(sv("d", 4), sv("c", 3));
            assertThat(redis.zrangeByScoreWithScores("z", "-inf", "(3", ZRangeArgs.limit(0, 1).reversed()))
                    .containsExactly(sv("b", 2));
            assertThat(redis.zrangeByScoreWithScores("z", 4.0, 5.0)).containsExactly(sv("d", 4), sv("e", 5));
            assertThat(redis.zrangeByScore("z", "-inf", "+inf", ZRangeArgs.limit(3, -1))).containsExactly("d", "e");
            assertThat(redis.zrangeByScoreLegacy("z", "-inf", "+inf", 1, 3)).containsExactly("b", "c", "d");
            assertThat(redis.zrevrangeByScore("z", "+inf", "-inf", 0, 2)).containsExactly("e", "d");
            assertThat(redis.zrevrangeByScore("z", "(5", "2")).containsExactly("d", "c", "b");

            redis.zadd("lex", scores("apple", 0, "banana", 0, "cherry", 0, "date", 0));
            assertThat(redis.zrangeByLex("lex", "-", "+")).containsExactly("apple", "banana", "cherry", "date");
            assertThat(redis.zrangeByLex("lex", "[banana", "(date")).containsExactly("banana", "cherry");
            assertThat(redis.zrangeByLex("lex", "(apple", "+", ZRangeArgs.REV.withLimit(0, 2)))
                    .containsExactly("date", "cherry");
            assertThatThrownBy(() -> redis.zrangeByLex("lex", "apple", "+"))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
            assertThatThrownBy(() -> redis.zrangeByScore("z", "abc", "+inf"))
                    .isInstanceOf(RedisServerException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void popAndBlockingPop(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.zadd("z", scores("a", 1, "b", 2, "c", 3, "d", 4, "e", 5));
            assertThat(redis.zpopmin("z")).isEqualTo(sv("a", 1));
            assertThat(redis.zpopmax("z")).isEqualTo(sv("e", 5));
            assertThat(redis.zpopmin("z", 2)).containsExactly(sv("b", 2), sv("c", 3));
            assertThat(redis.zpopmax("z", 5)).containsExactly(sv("d", 4));
            assertThat(redis.zpopmin("z")).isNull();
            assertThat(redis.zpopmax("z")).isNull();
            assertThat(redis.zpopmin("z", 3)).isEmpty();

            assertThat(redis.bzpopmin(Duration.ofSeconds(1), "empty")).isNull();
            assertThat(redis.bzpopmax(Duration.ofMillis(100), List.of("empty", "empty2"))).isNull();

            redis.zadd("z2", scores("x", 7, "y", 8));
            assertThat(redis.bzpopmin(Duration.ofSeconds(1), "empty", "z2"))
                    .isEqualTo(new KeyValue<>("z2", sv("x", 7)));
            assertThat(redis.bzpopmax(Duration.ZERO, List.of("z2"))).isEqualTo(new KeyValue<>("z2", sv("y", 8)));
            assertThat(redis.bzpopmin(Duration.ofMillis(50), List.of("z2"))).isNull();
            assertThatThrownBy(() -> redis.bzpopmin(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void unionAndInterStore(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.zadd("s1", scores("a", 1, "b", 2));
            redis.zadd("s2", scores("b", 10, "c", 20));
            assertThat(redis.zunionstore("u", "s1", "s2")).isEqualTo(3);
            assertThat(redis.zrangeWithScores("u", 0, -1)).containsExactly(sv("a", 1), sv("b", 12), sv("c", 20));

            assertThat(redis.zunionstore("u", List.of("s1", "s2"),
                    ZStoreArgs.NONE.withWeights(3, 1).withAggregate(Aggregate.MAX))).isEqualTo(3);
            assertThat(redis.zrangeWithScores("u", 0, -1)).containsExactly(sv("a", 3), sv("b", 10), sv("c", 20));

            assertThat(redis.zinterstore("i", "s1", "s2")).isEqualTo(1);
            assertThat(redis.zrangeWithScores("i", 0, -1)).containsExactly(sv("b", 12));
            assertThat(redis.zinterstore("i", List.of("s1", "s2"), ZStoreArgs.NONE.withAggregate(Aggregate.MIN)))
                    .isEqualTo(1);
            assertThat(redis.zscore("i", "b")).isEqualTo(2.0);
            assertThat(redis.zinterstore("i", List.of("s1", "s2"), ZStoreArgs.NONE.withWeights(0.5, 2)))
                    .isEqualTo(1);
            assertThat(redis.zscore("i", "b")).isEqualTo(21.0);
            assertThat(redis.zinterstore("i", "s1", "missing")).isZero();
            assertThat(redis.execute("EXISTS", "i")).isEqualTo(0L);

            assertThatThrownBy(() -> redis.zunionstore("u", List.of("s1", "s2"), ZStoreArgs.NONE.withWeights(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void zscanStreamsEveryMemberAcrossPages(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            Map<String, Double> members = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                members.put("m" + i, (double) i);
            }
            redis.zadd("big", members);
            Map<String, Double> seen = redis.zscan("big")
                    .collect(Collectors.toMap(ScoredValue::value, ScoredValue::score, (x, y) -> x));
            assertThat(seen).isEqualTo(members);

            Set<String> matched = redis.zscan("big", ScanArgs.match("m1?").count(50)).map(ScoredValue::value)
                    .collect(Collectors.toSet());
            assertThat(matched).hasSize(10).contains("m10", "m19");

            ScanPage<ScoredValue<String>> first = redis.zscan("big", "0", ScanArgs.NONE.count(20));
            assertThat(first.items()).isNotEmpty().allSatisfy(s -> assertThat(members).containsEntry(s.value(), s.score()));
            assertThat(first.isFinished()).isFalse();

            redis.zadd("small", scores("a", 1, "b", 2));
            ScanPage<ScoredValue<String>> whole = redis.zscan("small", "0", ScanArgs.NONE);
            assertThat(whole.isFinished()).isTrue();
            assertThat(whole.items()).containsExactly(sv("a", 1), sv("b", 2));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelinedAndTransaction(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            List<Object> results = redis.pipelined(p -> {
                p.zadd("score", scores("zhangsan", 108, "likai", 99, "wangkai", 100, "zhaokai", 102));
                p.zrangeWithScores("score", 0, 1);
                p.zrangeByScore("score", "(100", "+inf");
                p.zrevrangeByScoreWithScores("score", 120, 100);
                p.zscore("score", "likai");
                p.zrank("score", "nobody");
                p.zpopmin("score");
                p.zscan("score", "0", ScanArgs.NONE);
                p.bzpopmax(Duration.ofSeconds(1), "score");
            });
            assertThat(results).hasSize(9);
            assertThat(results.get(0)).isEqualTo(4L);
            assertThat(results.get(1)).isEqualTo(List.of(sv("likai", 99), sv("wangkai", 100)));
            assertThat(results.get(2)).isEqualTo(List.of("zhaokai", "zhangsan"));
            assertThat(results.get(3)).isEqualTo(List.of(sv("zhangsan", 108), sv("zhaokai", 102), sv("wangkai", 100)));
            assertThat(results.get(4)).isEqualTo(99.0);
            assertThat(results.get(5)).isNull();
            assertThat(results.get(6)).isEqualTo(sv("likai", 99));
            @SuppressWarnings("unchecked")
            ScanPage<ScoredValue<String>> page = (ScanPage<ScoredValue<String>>) results.get(7);
            assertThat(page.isFinished()).isTrue();
            assertThat(page.items()).containsExactlyInAnyOrder(sv("wangkai", 100), sv("zhaokai", 102),
                    sv("zhangsan", 108));
            assertThat(results.get(8)).isEqualTo(new KeyValue<>("score", sv("zhangsan", 108)));

            TransactionResult tx = redis.multi(t -> {
                t.zadd("t", 1, "a");
                t.zaddIncr("t", 2, "a", ZAddArgs.XX);
                t.zincrby("t", 1, "b");
                t.zcard("t");
                t.zmscore("t", "a", "b", "c");
                t.zrem("t", "a");
                t.zunionstore("t2", "t", "score");
                t.zpopmax("t2", 2);
                t.bzpopmin(Duration.ofSeconds(5), "nothing-here");
            });
            assertThat(tx.aborted()).isFalse();
            assertThat(tx.results()).containsExactly(1L, 3.0, 1.0, 2L, java.util.Arrays.asList(3.0, 1.0, null), 1L,
                    3L, List.of(sv("zhaokai", 102), sv("wangkai", 100)), null);
        }
    }

    @Test
    void wrongTypeRaisesServerException(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP2)) {
            redis.set("str", "value");
            assertThatThrownBy(() -> redis.zadd("str", 1, "a"))
                    .isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThatThrownBy(() -> redis.zrange("str", 0, -1))
                    .isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThatThrownBy(() -> redis.zscan("str").count())
                    .isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThatThrownBy(() -> redis.zadd("z", Map.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> redis.zadd("z", Double.NaN, "a")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
