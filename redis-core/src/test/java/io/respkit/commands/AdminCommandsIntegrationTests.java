package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.TransactionResult;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The server administration commands against a real server, under RESP2 and RESP3. {@code REPLICAOF host port} and
 * a successful {@code FAILOVER} are not run: they would turn the shared test server into a replica.
 */
@ExtendWith(RedisServerExtension.class)
class AdminCommandsIntegrationTests {

    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
        redis.flushall();
    }

    @AfterEach
    void close() {
        redis.configSet(Map.of("slowlog-log-slower-than", "10000", "latency-monitor-threshold", "0"));
        redis.close();
    }

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void slowLogEntriesAreRecords(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            assertThat(client.slowlogReset()).isTrue();
            client.configSet("slowlog-log-slower-than", "0");
            client.set("slow:k", "v");
            client.configSet("slowlog-log-slower-than", "10000");
            assertThat(client.slowlogLen()).isGreaterThanOrEqualTo(2);
            List<SlowLogEntry> all = client.slowlogGet(-1);
            SlowLogEntry set = all.stream().filter(e -> e.arguments().get(0).equalsIgnoreCase("set")).findFirst()
                    .orElseThrow();
            assertThat(set.arguments()).hasSize(3).endsWith("slow:k", "v");
            assertThat(set.time()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
            assertThat(set.duration()).isBetween(Duration.ZERO, Duration.ofSeconds(5));
            assertThat(set.clientAddress()).startsWith("127.0.0.1:");
            assertThat(set.id()).isGreaterThanOrEqualTo(0);
            assertThat(client.slowlogGet(1)).hasSize(1);
            assertThat(client.slowlogGet(0)).isEmpty();
            assertThat(client.slowlogGet()).hasSizeLessThanOrEqualTo(10);
            assertThat(client.slowlogReset()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void memoryReports(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            client.set("mem:k", "x".repeat(1000));
            assertThat(client.memoryUsage("mem:k")).isGreaterThan(1000);
            assertThat(client.memoryUsage("mem:k", 0)).isGreaterThan(1000);
            assertThat(client.memoryUsage("mem:missing")).isNull();
            Map<String, Object> stats = client.memoryStats();
            assertThat(stats).containsKeys("peak.allocated", "total.allocated", "keys.count");
            assertThat(Long.parseLong(String.valueOf(stats.get("keys.count")))).isEqualTo(1);
            assertThat(client.memoryDoctor()).isNotBlank();
            assertThat(client.memoryMallocStats()).isNotBlank();
            assertThat(client.memoryPurge()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void latencySpikesAreRecords(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            client.latencyReset();
            client.configSet("latency-monitor-threshold", "1");
            // a 20 ms busy loop: a "command" latency spike
            client.execute("EVAL", "local t = redis.call('TIME') local s = t[1] * 1000000 + t[2] "
                    + "repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] - s > 20000", "0");
            List<LatencyEvent> latest = client.latencyLatest();
            LatencyEvent command = latest.stream().filter(e -> e.event().equals("command")).findFirst()
                    .orElseThrow();
            assertThat(command.latest()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
            assertThat(command.max()).isGreaterThanOrEqualTo(command.latest());
            assertThat(command.latestTime()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
            List<LatencySample> history = client.latencyHistory("command");
            assertThat(history).isNotEmpty();
            assertThat(history.get(0).latency()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
            assertThat(client.latencyGraph("command")).contains("command");
            assertThat(client.latencyDoctor()).isNotBlank();
            assertThat(client.latencyHistogram("eval")).containsKey("eval");
            assertThat(client.latencyHistogram()).isNotEmpty();
            assertThat(client.latencyReset("command")).isEqualTo(1);
            assertThat(client.latencyLatest()).extracting(LatencyEvent::event).doesNotContain("command");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void roleAndPersistence(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            assertThat(client.role()).isInstanceOfSatisfying(Role.Primary.class, primary -> {
                assertThat(primary.replicationOffset()).isGreaterThanOrEqualTo(0);
                assertThat(primary.replicas()).isEmpty();
            });
            assertThat(client.replicaOfNoOne()).as("harmless on a primary").isTrue();
            awaitNoChild(client);
            assertThat(client.save()).isTrue();
            assertThat(client.lastSave()).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(1));
            assertThat(client.bgRewriteAof()).startsWith("Background append only file rewriting");
            awaitNoChild(client);
            // with no child process running, SCHEDULE starts at once (no scheduled save left behind for later)
            assertThat(client.bgSaveSchedule()).isEqualTo("Background saving started");
            awaitNoChild(client);
            assertThat(client.bgSave()).isEqualTo("Background saving started");
            awaitNoChild(client);
            assertThat(client.configResetStat()).isTrue();
            assertThatThrownBy(client::configRewrite).isInstanceOf(RedisServerException.class)
                    .hasMessageContaining("config file");
            assertThatThrownBy(client::failover).isInstanceOf(RedisServerException.class)
                    .hasMessageContaining("replicas");
            assertThatThrownBy(() -> client.failover("127.0.0.1", 1, true, Duration.ofSeconds(1)))
                    .isInstanceOf(RedisServerException.class);
            assertThatThrownBy(client::failoverAbort).isInstanceOf(RedisServerException.class)
                    .hasMessageContaining("No failover in progress");
            assertThat(client.waitReplicas(0, Duration.ofMillis(100))).isZero();
        }
    }

    private static void awaitNoChild(RedisClient<String> client) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ServerInfo persistence = client.info("persistence");
            return "0".equals(persistence.get("persistence", "rdb_bgsave_in_progress"))
                    && "0".equals(persistence.get("persistence", "aof_rewrite_in_progress"))
                    && "0".equals(persistence.get("persistence", "aof_rewrite_scheduled"))
                    && persistence.get("persistence", "rdb_last_bgsave_status") != null;
        });
    }

    @Test
    void swapDbSwapsTheDatabasesOfEveryConnection() {
        redis.set("swap:k", "in0");
        assertThat(redis.swapDb(0, 1)).isTrue();
        assertThat(redis.get("swap:k")).isNull();
        assertThat(redis.swapDb(0, 1)).isTrue();
        assertThat(redis.get("swap:k")).isEqualTo("in0");
        assertThatThrownBy(() -> redis.swapDb(0, 1000)).isInstanceOf(RedisServerException.class);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void commandIntrospection(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = client(server, protocol)) {
            assertThat(client.commandCount()).isGreaterThan(200);
            assertThat(client.commandList()).contains("get", "set", "client|kill");
            assertThat(client.commandList("PATTERN", "xa*")).containsExactlyInAnyOrder("xack", "xadd",
                    "xautoclaim");
            assertThat(client.commandList("ACLCAT", "hyperloglog")).contains("pfadd", "pfmerge");

            CommandDoc get = client.commandDocs("get").get("get");
            assertThat(get.summary()).isNotBlank();
            assertThat(get.since()).isEqualTo("1.0.0");
            assertThat(get.group()).isEqualTo("string");
            assertThat(get.complexity()).isEqualTo("O(1)");
            assertThat(get.details()).containsKey("arguments");
            assertThat(client.commandDocs()).hasSizeGreaterThan(200);

            List<CommandDetails> info = client.commandInfo("get", "no-such-command", "client");
            assertThat(info).hasSize(2);
            CommandDetails getInfo = info.get(0);
            assertThat(getInfo.name()).isEqualTo("get");
            assertThat(getInfo.arity()).isEqualTo(2);
            assertThat(getInfo.flags()).contains("readonly", "fast");
            assertThat(List.of(getInfo.firstKey(), getInfo.lastKey(), getInfo.step())).containsExactly(1, 1, 1);
            assertThat(getInfo.aclCategories()).contains("@read", "@string");
            assertThat(info.get(1).subcommands()).extracting(CommandDetails::name).contains("client|kill");

            assertThat(client.commandGetKeys("MSET", "a", "1", "b", "2")).containsExactly("a", "b");
            List<KeyFlags> keys = client.commandGetKeysAndFlags("LMOVE", "src", "dst", "LEFT", "RIGHT");
            assertThat(keys).extracting(KeyFlags::key).containsExactly("src", "dst");
            assertThat(keys.get(0).flags()).contains("RW");
            assertThat(client.moduleList()).isEmpty();
        }
    }

    @Test
    void modulesThatCannotBeLoadedAreReported() {
        assertThatThrownBy(() -> redis.moduleUnload("m")).as("the default: enable-module-command no")
                .isInstanceOf(RedisServerException.class).hasMessageContaining("MODULE command not allowed");
        try (RedisProcess modules = RedisProcess.start("--enable-module-command", "yes");
             RedisClient<String> client = RedisClient.create(modules.config())) {
            assertThatThrownBy(() -> client.moduleLoad("/no/such/module.so", "a1"))
                    .isInstanceOf(RedisServerException.class).hasMessageContaining("Error loading the extension");
            assertThatThrownBy(() -> client.moduleLoadEx("/no/such/module.so", Map.of("name", "v"), List.of("a1")))
                    .isInstanceOf(RedisServerException.class).hasMessageContaining("Error loading the extension");
            assertThatThrownBy(() -> client.moduleUnload("no-such-module")).isInstanceOf(RedisServerException.class)
                    .hasMessageContaining("no such module");
        }
    }

    @Test
    void pipelineTransactionAndAsync() {
        redis.set("k", "v");
        List<Object> results = redis.pipelined(p -> {
            p.memoryUsage("k");
            p.commandCount();
            p.role();
        });
        assertThat(results.get(0)).isInstanceOf(Long.class);
        assertThat((Long) results.get(1)).isGreaterThan(200);
        assertThat(results.get(2)).isInstanceOf(Role.Primary.class);
        TransactionResult tx = redis.multi(t -> {
            t.slowlogLen();
            t.lastSave();
        });
        assertThat(tx.get(0)).isInstanceOf(Long.class);
        assertThat(tx.get(1)).isInstanceOf(Instant.class);
        assertThat(redis.async().commandInfo("get").join()).singleElement()
                .satisfies(d -> assertThat(d.arity()).isEqualTo(2));
    }
}
