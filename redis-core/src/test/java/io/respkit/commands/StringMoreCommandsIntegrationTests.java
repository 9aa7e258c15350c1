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

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
@SuppressWarnings("deprecation") // SUBSTR is tested too
class StringMoreCommandsIntegrationTests {

    private static final LcsResult.Match LAST = new LcsResult.Match(new LcsResult.Range(4, 7),
            new LcsResult.Range(5, 8), 4);
    private static final LcsResult.Match FIRST = new LcsResult.Match(new LcsResult.Range(2, 3),
            new LcsResult.Range(0, 1), 2);

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        redis.set("key1", "ohmytext");
        redis.set("key2", "mynewtext");
        return redis;
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void lcsInEveryForm(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.lcs("key1", "key2")).isEqualTo("mytext");
            assertThat(redis.lcsLen("key1", "key2")).isEqualTo(6);
            assertThat(redis.lcsIdx("key1", "key2")).isEqualTo(new LcsResult(List.of(LAST, FIRST), 6));
            assertThat(redis.lcsIdx("key1", "key2", 4)).isEqualTo(new LcsResult(List.of(LAST), 6));
            assertThat(redis.lcsIdx("key1", "key2", 0)).isEqualTo(new LcsResult(List.of(LAST, FIRST), 6));

            assertThat(redis.lcs("key1", "missing")).isEmpty();
            assertThat(redis.lcsLen("missing", "missing2")).isZero();
            assertThat(redis.lcsIdx("key1", "missing")).isEqualTo(new LcsResult(List.of(), 0));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void substrIsGetrange(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.substr("key1", 2, 3)).isEqualTo("my");
            assertThat(redis.substr("key1", -4, -1)).isEqualTo("text");
            assertThat(redis.substr("missing", 0, 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelineTransactionAndAsync(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            List<Object> results = redis.pipelined(p -> {
                p.lcs("key1", "key2");
                p.lcsLen("key1", "key2");
                p.lcsIdx("key1", "key2", 3);
                p.substr("key2", 0, 1);
            });
            assertThat(results).containsExactly("mytext", 6L, new LcsResult(List.of(LAST), 6), "my");

            TransactionResult tx = redis.multi(t -> {
                t.lcsIdx("key1", "key2");
                t.lcsLen("key2", "key1");
            });
            assertThat(tx.results()).containsExactly(new LcsResult(List.of(LAST, FIRST), 6), 6L);

            assertThat(redis.async().lcs("key2", "key1").join()).isEqualTo("mytext");
            assertThat(redis.async().lcsIdx("key1", "key2").join().length()).isEqualTo(6);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void nonStringKeysAreRefused(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.sadd("set", "a");
            // Redis 7.0 answers ERR, not WRONGTYPE, for LCS of a non-string
            assertThatThrownBy(() -> redis.lcs("key1", "set")).isInstanceOf(RedisServerException.class)
                    .hasMessageContaining("string");
        }
    }
}
