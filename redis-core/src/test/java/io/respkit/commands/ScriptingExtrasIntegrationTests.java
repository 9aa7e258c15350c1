package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** EVAL_RO, EVALSHA_RO, SCRIPT FLUSH ASYNC|SYNC and SCRIPT KILL. */
@ExtendWith(RedisServerExtension.class)
class ScriptingExtrasIntegrationTests {

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void readOnlyScripts(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            redis.set("ro", "value");
            String read = "return {redis.call('GET', KEYS[1]), ARGV[1]}";
            assertThat(redis.evalReadOnly(read, List.of("ro"), List.of("x"))).isEqualTo(List.of("value", "x"));
            assertThatThrownBy(() -> redis.evalReadOnly("return redis.call('SET', KEYS[1], 'w')", List.of("ro"),
                    List.of())).isInstanceOf(RedisServerException.class);
            assertThat(redis.get("ro")).isEqualTo("value");
            String sha = redis.scriptLoad(read);
            assertThat(redis.evalshaReadOnly(sha, List.of("ro"), List.of("y"))).isEqualTo(List.of("value", "y"));
            assertThat(redis.scriptFlush(FlushMode.SYNC)).isTrue();
            assertThatThrownBy(() -> redis.evalshaReadOnly(sha, List.of("ro"), List.of()))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("NOSCRIPT"));
            redis.scriptLoad(read);
            assertThat(redis.scriptFlush(FlushMode.ASYNC)).isTrue();
            assertThat(redis.scriptExists(sha)).containsExactly(false);
            assertThat(redis.pipelined(p -> p.evalReadOnly("return ARGV[1]", List.of(), List.of("p"))))
                    .containsExactly("p");
            assertThat(redis.async().evalReadOnly("return 5", List.of(), List.of()).join()).isEqualTo(5L);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void scriptKillStopsABusyScript(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> killer = RedisClient.create(server.configBuilder().protocol(protocol).build());
                RedisClient<String> runner = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            assertThatThrownBy(killer::scriptKill).isInstanceOfSatisfying(RedisServerException.class,
                    e -> assertThat(e.code()).isEqualTo("NOTBUSY"));
            Map<String, String> before = killer.configGet("busy-reply-threshold");
            killer.configSet("busy-reply-threshold", "50");
            try {
                CompletableFuture<Object> busy = CompletableFuture.supplyAsync(
                        () -> runner.eval("while true do end", List.of(), List.of()));
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(killer::scriptKill);
                assertThat(busy).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                        .withCauseInstanceOf(RedisServerException.class);
                assertThat(runner.ping()).isEqualTo("PONG");
            } finally {
                killer.configSet("busy-reply-threshold", before.get("busy-reply-threshold"));
            }
        }
    }
}
