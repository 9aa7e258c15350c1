package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.TransactionResult;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class HyperLogLogCommandsIntegrationTests {

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        return redis;
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pfaddCountsDistinctElements(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.pfadd("visitors", "alice", "bob", "carol", "bob")).isTrue();
            assertThat(redis.pfadd("visitors", "alice")).isFalse();
            assertThat(redis.pfcount("visitors")).isEqualTo(3);
            assertThat(redis.pfadd("created")).isTrue();
            assertThat(redis.pfadd("created")).isFalse();
            assertThat(redis.pfcount("created")).isZero();
            assertThat(redis.pfcount("missing")).isZero();

            List<String> many = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                many.add("user:" + i);
            }
            assertThat(redis.pfadd("many", many)).isTrue();
            assertThat(redis.pfcount("many")).isBetween(980L, 1020L);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pfcountOfSeveralKeysAndPfmerge(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.pfadd("mon", "a", "b", "c");
            redis.pfadd("tue", "b", "c", "d", "e");
            assertThat(redis.pfcount("mon", "tue")).isEqualTo(5);
            assertThat(redis.pfcount(List.of("mon", "tue", "missing"))).isEqualTo(5);
            assertThat(redis.pfcount("mon")).isEqualTo(3);

            assertThat(redis.pfmerge("week", "mon", "tue")).isTrue();
            assertThat(redis.pfcount("week")).isEqualTo(5);
            redis.pfadd("wed", "z");
            assertThat(redis.pfmerge("week", List.of("wed"))).isTrue();
            assertThat(redis.pfcount("week")).isEqualTo(6);
            assertThat(redis.pfmerge("empty")).isTrue();
            assertThat(redis.pfcount("empty")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelineTransactionAndAsync(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            List<Object> results = redis.pipelined(p -> {
                p.pfadd("h1", "a", "b");
                p.pfadd("h2", List.of("b", "c"));
                p.pfcount("h1", "h2");
                p.pfmerge("h3", "h1", "h2");
                p.pfcount(List.of("h3"));
            });
            assertThat(results).containsExactly(true, true, 3L, true, 3L);

            TransactionResult tx = redis.multi(t -> {
                t.pfadd("t", "x");
                t.pfadd("t", "x");
                t.pfcount("t");
            });
            assertThat(tx.results()).containsExactly(true, false, 1L);

            assertThat(redis.async().pfadd("a", "1", "2").join()).isTrue();
            assertThat(redis.async().pfcount("a").join()).isEqualTo(2L);
            assertThat(redis.async().pfmerge("b", "a").join()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void errors(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.set("plain", "not a hyperloglog");
            redis.sadd("set", "a");
            assertThatThrownBy(() -> redis.pfcount("plain")).isInstanceOfSatisfying(RedisServerException.class,
                    e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThatThrownBy(() -> redis.pfadd("set", "a")).isInstanceOfSatisfying(RedisServerException.class,
                    e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThatThrownBy(() -> redis.pfcount()).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
