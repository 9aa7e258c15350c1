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
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class FunctionCommandsIntegrationTests {

    static final String LIB = "#!lua name=mylib\n"
            + "redis.register_function{function_name='echo', callback=function(keys, args) return args[1] end,"
            + " flags={'no-writes'}, description='echoes'}\n"
            + "redis.register_function('setget', function(keys, args)"
            + " redis.call('SET', keys[1], args[1]) return {redis.call('GET', keys[1]), 7} end)\n";
    static final String LIB2 = "#!lua name=other\n"
            + "redis.register_function{function_name='spin', callback=function(keys, args) while true do end end,"
            + " flags={'no-writes'}}\n";

    private RedisServer server;
    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        this.server = server;
        redis = RedisClient.create(server.config());
        redis.functionFlush(FlushMode.SYNC);
        redis.execute("FLUSHDB");
    }

    @AfterEach
    void close() {
        redis.functionFlush();
        redis.close();
    }

    private RedisClient<String> client(RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void loadListCallAndDelete(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            assertThat(client.functionLoad(LIB)).isEqualTo("mylib");
            assertThatThrownBy(() -> client.functionLoad(LIB)).isInstanceOf(RedisServerException.class);
            assertThat(client.functionLoad(LIB, true)).isEqualTo("mylib");
            assertThat(client.functionLoad(LIB2)).isEqualTo("other");

            assertThat(client.fcall("echo", List.of(), List.of("hi"))).isEqualTo("hi");
            assertThat(client.fcall("setget", List.of("k"), List.of("v"))).isEqualTo(List.of("v", 7L));
            assertThat(client.fcallReadOnly("echo", List.of("k"), List.of("ro"))).isEqualTo("ro");
            assertThatThrownBy(() -> client.fcallReadOnly("setget", List.of("k"), List.of("v")))
                    .isInstanceOf(RedisServerException.class);
            assertThatThrownBy(() -> client.fcall("nope", List.of(), List.of()))
                    .isInstanceOf(RedisServerException.class);

            List<LibraryInfo> all = client.functionList();
            assertThat(all).extracting(LibraryInfo::name).containsExactlyInAnyOrder("mylib", "other");
            LibraryInfo mylib = all.stream().filter(l -> l.name().equals("mylib")).findFirst().orElseThrow();
            assertThat(mylib.engine()).isEqualTo("LUA");
            assertThat(mylib.code()).isNull();
            assertThat(mylib.functions()).containsExactlyInAnyOrder(
                    new FunctionInfo("echo", "echoes", Set.of("no-writes")),
                    new FunctionInfo("setget", null, Set.of()));
            List<LibraryInfo> withCode = client.functionList("my*", true);
            assertThat(withCode).hasSize(1);
            assertThat(withCode.get(0).code()).isEqualTo(LIB);
            assertThat(client.functionList("none*", false)).isEmpty();

            FunctionStats stats = client.functionStats();
            assertThat(stats.running()).isNull();
            assertThat(stats.engines()).isEqualTo(Map.of("LUA", new FunctionStats.Engine(2, 3)));

            assertThat(client.functionDelete("other")).isTrue();
            assertThatThrownBy(() -> client.functionDelete("other")).isInstanceOf(RedisServerException.class);
            assertThat(client.functionList()).extracting(LibraryInfo::name).containsExactly("mylib");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void dumpAndRestoreWithEachPolicy(RespVersion protocol) {
        try (RedisClient<String> client = client(protocol)) {
            client.functionLoad(LIB);
            byte[] dump = client.functionDump();
            assertThat(dump).isNotEmpty();
            assertThatThrownBy(() -> client.functionRestore(dump)).isInstanceOf(RedisServerException.class);
            assertThatThrownBy(() -> client.functionRestore(dump, FunctionRestorePolicy.APPEND))
                    .isInstanceOf(RedisServerException.class);
            assertThat(client.functionRestore(dump, FunctionRestorePolicy.REPLACE)).isTrue();
            client.functionLoad(LIB2);
            assertThat(client.functionRestore(dump, FunctionRestorePolicy.FLUSH)).isTrue();
            assertThat(client.functionList()).extracting(LibraryInfo::name).containsExactly("mylib");
            assertThat(client.functionFlush(FlushMode.ASYNC)).isTrue();
            assertThat(client.functionList()).isEmpty();
            assertThat(client.functionRestore(dump)).isTrue();
            assertThat(client.fcall("echo", List.of(), List.of("back"))).isEqualTo("back");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void killARunningFunctionAndSeeItInTheStats(RespVersion protocol) {
        redis.functionLoad(LIB2);
        Map<String, String> before = redis.configGet("busy-reply-threshold");
        redis.configSet("busy-reply-threshold", "50");
        try (RedisClient<String> runner = RedisClient.create(server.configBuilder().protocol(protocol).build());
                RedisClient<String> killer = client(protocol)) {
            CompletableFuture<Object> spinning = CompletableFuture.supplyAsync(
                    () -> runner.fcall("spin", List.of(), List.of()));
            FunctionStats stats = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(killer::functionStats, s -> s.running() != null);
            assertThat(stats.running().name()).isEqualTo("spin");
            assertThat(stats.running().command()).containsExactly("FCALL", "spin", "0");
            assertThat(stats.running().duration()).isGreaterThanOrEqualTo(Duration.ZERO);
            assertThat(killer.functionKill()).isTrue();
            assertThat(spinning).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(RedisServerException.class);
            assertThatThrownBy(killer::functionKill).isInstanceOfSatisfying(RedisServerException.class,
                    e -> assertThat(e.code()).isEqualTo("NOTBUSY"));
        } finally {
            redis.configSet("busy-reply-threshold", before.get("busy-reply-threshold"));
        }
    }

    @Test
    void pipelineTransactionAndAsync() {
        List<Object> results = redis.pipelined(p -> {
            p.functionLoad(LIB);
            p.fcall("echo", List.of(), List.of("a"));
            p.fcallReadOnly("echo", List.of(), List.of("b"));
            p.functionList("mylib", false);
        });
        assertThat(results.subList(0, 3)).containsExactly("mylib", "a", "b");
        assertThat(results.get(3)).asList().hasSize(1);

        TransactionResult tx = redis.multi(t -> {
            t.fcall("setget", List.of("k"), List.of("v"));
            t.functionDump();
            t.functionDelete("mylib");
        });
        assertThat(tx.get(0)).isEqualTo(List.of("v", 7L));
        assertThat(tx.get(1)).isInstanceOf(byte[].class);
        assertThat(tx.get(2)).isEqualTo(true);

        assertThat(redis.async().functionRestore((byte[]) tx.get(1)).join()).isTrue();
        assertThat(redis.async().functionStats().join().engines().get("LUA").functions()).isEqualTo(2);
    }
}
