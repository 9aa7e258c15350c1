package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.TransactionResult;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class ScriptingCommandsIntegrationTests {

    private static final String COUNTER_SCRIPT = "local counter = redis.call('INCR', KEYS[1]) "
            + "redis.call('SET', KEYS[2], counter * 2) return counter";

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        redis.scriptFlush();
        return redis;
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void seedScriptCountsAndWritesResult(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            List<String> keys = List.of("counter", "result");
            assertThat(redis.eval(COUNTER_SCRIPT, keys, List.of())).isEqualTo(1L);
            assertThat(redis.get("result")).isEqualTo("2");
            assertThat(redis.eval(COUNTER_SCRIPT, keys, List.of())).isEqualTo(2L);
            assertThat(redis.get("result")).isEqualTo("4");
            assertThat(redis.get("counter")).isEqualTo("2");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void repliesAreDecodedAsATree(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThat(redis.eval("return ARGV[1] .. ARGV[2]", List.of(), List.of("foo", "bar")))
                    .isEqualTo("foobar");
            assertThat(redis.eval("return {1, 'two', {3, KEYS[1]}}", List.of("k"), List.of()))
                    .isEqualTo(List.of(1L, "two", List.of(3L, "k")));
            assertThat(redis.eval("return nil", List.of(), List.of())).isNull();
            assertThat(redis.eval("return redis.status_reply('FINE')", List.of(), List.of())).isEqualTo("FINE");
            assertThat(redis.eval("return 3.99", List.of(), List.of())).isEqualTo(3L);
            assertThat(redis.eval("return 'h\u00e9llo \u4e16\u754c'", List.of(), List.of()))
                    .isEqualTo("h\u00e9llo \u4e16\u754c");
            redis.set("k", "v");
            assertThat(redis.eval("return redis.call('GET', KEYS[1])", List.of("k"), List.of())).isEqualTo("v");
            assertThat(redis.eval("return redis.call('GET', KEYS[1])", List.of("missing"), List.of())).isNull();
            // Lua false is nil unless the script switches to RESP3 replies (then #f in RESP3, :0 in RESP2)
            assertThat(redis.eval("return false", List.of(), List.of())).isNull();
            Object flag = redis.eval("redis.setresp(3) return false", List.of(), List.of());
            Object map = redis.eval("redis.setresp(3) return redis.call('HGETALL', KEYS[1])", List.of("nohash"),
                    List.of());
            if (protocol == RespVersion.RESP3) {
                assertThat(flag).isEqualTo(Boolean.FALSE);
                assertThat(map).isEqualTo(Map.of());
            } else {
                assertThat(flag).isEqualTo(0L); // the server downgrades a RESP3 boolean to an integer for RESP2
                assertThat(map).isEqualTo(List.of());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void luaErrorsRaiseServerException(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThatThrownBy(() -> redis.eval("return redis.error_reply('MYERR went wrong')", List.of(), List.of()))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> {
                        assertThat(e.code()).isEqualTo("MYERR");
                        assertThat(e.serverMessage()).contains("went wrong");
                    });
            assertThatThrownBy(() -> redis.eval("error('boom')", List.of(), List.of()))
                    .isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.serverMessage()).contains("boom"));
            assertThatThrownBy(() -> redis.eval("this is not lua", List.of(), List.of()))
                    .isInstanceOf(RedisServerException.class);
            redis.set("str", "x");
            assertThatThrownBy(() -> redis.eval("return redis.call('LPUSH', KEYS[1], 'a')", List.of("str"),
                    List.of())).isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            // the connection is still usable afterwards
            assertThat(redis.eval("return 7", List.of(), List.of())).isEqualTo(7L);
        }
    }

    @Test
    void scriptComputesTheServersSha1Locally(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP2)) {
            assertThat(Script.of("return 1").sha1()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
            Script unicode = Script.of("return 'h\u00e9llo \u4e16\u754c'");
            assertThat(redis.scriptLoad(unicode.source())).isEqualTo(unicode.sha1());
            assertThat(unicode.sha1()).matches("[0-9a-f]{40}");
            assertThat(unicode).isEqualTo(Script.of(unicode.source())).hasSameHashCodeAs(Script.of(unicode.source()));
            assertThat(unicode.toString()).contains(unicode.sha1()).doesNotContain("llo");
            assertThatThrownBy(() -> Script.of(" ")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void loadExistsEvalshaFlush(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            String sha = redis.scriptLoad(COUNTER_SCRIPT);
            assertThat(sha).isEqualTo(Script.of(COUNTER_SCRIPT).sha1());
            String unknown = "0000000000000000000000000000000000000000";
            assertThat(redis.scriptExists(sha, unknown)).containsExactly(true, false);
            assertThat(redis.scriptExists(List.of(sha))).containsExactly(true);

            assertThat(redis.evalsha(sha, List.of("c", "r"), List.of())).isEqualTo(1L);
            assertThat(redis.get("r")).isEqualTo("2");

            assertThat(redis.scriptFlush()).isTrue();
            assertThat(redis.scriptExists(sha)).containsExactly(false);
            assertThatThrownBy(() -> redis.evalsha(sha, List.of("c", "r"), List.of()))
                    .isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.code()).isEqualTo("NOSCRIPT"));
            assertThat(redis.get("c")).isEqualTo("1");
            assertThatThrownBy(() -> redis.scriptExists()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void evalScriptFallsBackToSourceAfterFlush(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            Script script = Script.of(COUNTER_SCRIPT);
            List<String> keys = List.of("counter", "result");
            assertThat(redis.scriptExists(script.sha1())).containsExactly(false);
            assertThat(redis.eval(script, keys, List.of())).isEqualTo(1L);
            assertThat(redis.scriptExists(script.sha1())).containsExactly(true);
            assertThat(redis.eval(script, keys, List.of())).isEqualTo(2L);
            assertThat(redis.get("result")).isEqualTo("4");

            assertThat(redis.scriptFlush()).isTrue();
            assertThat(redis.scriptExists(script.sha1())).containsExactly(false);
            assertThat(redis.eval(script, keys, List.of())).isEqualTo(3L);
            assertThat(redis.get("result")).isEqualTo("6");
            assertThat(redis.scriptExists(script.sha1())).containsExactly(true);

            Script failing = Script.of("return redis.error_reply('NOPE not today')");
            assertThatThrownBy(() -> redis.eval(failing, List.of(), List.of()))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("NOPE"));

            Script withArgs = Script.of("return {KEYS[1], ARGV[1], ARGV[2]}");
            assertThat(redis.eval(withArgs, List.of("key"), List.of("a1", "a2"))).isEqualTo(List.of("key", "a1", "a2"));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelinedAndTransaction(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            Script script = Script.of(COUNTER_SCRIPT);
            List<String> keys = List.of("counter", "result");
            List<Object> results = redis.pipelined(p -> {
                p.eval(script, keys, List.of());
                p.evalsha(script.sha1(), keys, List.of());
                p.eval("return ARGV[1]", List.of(), List.of("x"));
                p.scriptLoad("return 2");
                p.scriptExists(script.sha1(), Script.of("return 2").sha1());
                p.get("result");
            });
            assertThat(results).containsExactly(1L, 2L, "x", Script.of("return 2").sha1(), List.of(true, true), "4");

            redis.scriptFlush();
            TransactionResult tx = redis.multi(t -> {
                t.eval(script, keys, List.of());
                t.scriptExists(List.of(script.sha1()));
                t.get("result");
                t.scriptFlush();
            });
            assertThat(tx.results()).containsExactly(3L, List.of(true), "6", true);

            // the transaction flushed the cache: a queued EVALSHA fails, which is why queued eval(Script) sends EVAL
            assertThatThrownBy(() -> redis.pipelined(p -> p.evalsha(script.sha1(), keys, List.of())))
                    .isInstanceOfSatisfying(RedisPipelineException.class,
                            e -> assertThat(e.code()).isEqualTo("NOSCRIPT"));
            assertThat(redis.pipelined(p -> p.eval(script, keys, List.of()))).containsExactly(4L);
        }
    }
}
