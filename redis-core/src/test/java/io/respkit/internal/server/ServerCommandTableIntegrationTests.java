package io.respkit.internal.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.respkit.RedisClient;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.security.LogCapture;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServerCommandTable} against real servers: one {@code COMMAND INFO} per server and name however many threads
 * ask first, a negative entry for unknown names, per-name answers equal to the whole {@code COMMAND} table, and the
 * failures that must answer "unknown" without failing anything: {@code COMMAND} renamed away, an ACL user without
 * it ({@code NOPERM}), and an unreachable server (not cached). Not thread-safe; the concurrency test starts its own
 * threads.
 */
@ExtendWith(RedisServerExtension.class)
class ServerCommandTableIntegrationTests {

    /** Wraps {@code redis::execute}, counting the commands the table sends. */
    private static CommandRunner counting(RedisClient<?> redis, AtomicInteger calls) {
        return command -> {
            calls.incrementAndGet();
            return redis.execute(command);
        };
    }

    @Test
    void asksOncePerServerAndNameUnderConcurrentFirstUse(RedisServer server) throws Exception {
        ServerCommandTable table = new ServerCommandTable();
        AtomicInteger calls = new AtomicInteger();
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder()
                .pool(io.respkit.pool.PoolConfig.builder().maxTotal(threads).build()).build())) {
            CommandRunner runner = counting(redis, calls);
            List<Future<List<KeyPositions>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return List.of(
                            table.keyPositions(server.url(), Arguments.of("MSET", "a", "1", "b", "2"), runner),
                            table.keyPositions(server.url(), Arguments.of("NOSUCHCOMMAND", "a"), runner),
                            table.keyPositions(server.url(), Arguments.of("object", "ENCODING", "k"), runner));
                }));
            }
            for (Future<List<KeyPositions>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).containsExactly(new KeyPositions.Found(new int[] {1, 3}),
                        KeyPositions.UnknownCommand.INSTANCE, new KeyPositions.Found(new int[] {2}));
            }
            assertThat(calls).as("COMMAND INFO calls: mset, nosuchcommand, object").hasValue(3);

            // Cached, the unknown name included; names are not case-sensitive.
            assertThat(table.info(server.url(), "Mset", runner)).isPresent();
            assertThat(table.info(server.url(), "nosuchcommand", runner)).isEmpty();
            assertThat(calls).hasValue(3);

            // Another address is another server; forgetting one makes it asked again.
            assertThat(table.info("127.0.0.1:other", "mset", runner)).isPresent();
            assertThat(calls).hasValue(4);
            table.forget(server.url());
            assertThat(table.info(server.url(), "mset", runner)).isPresent();
            assertThat(calls).hasValue(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void perNameAnswersEqualTheWholeCommandTable(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            Map<String, CommandInfo> whole = CommandInfoParser.parseTable(
                    redis.execute(Command.create(StringCodec.UTF8, "COMMAND", ReplyDecoders.raw())));
            ServerCommandTable table = new ServerCommandTable();
            for (CommandInfo info : whole.values()) {
                assertThat(table.info(server.url(), info.name(), redis::execute)).contains(info);
            }
            assertThat(whole).hasSizeGreaterThan(200);
            assertThat(whole.get("config").subcommands()).containsKey("get");
        }
    }

    @Test
    void commandRenamedAwayAnswersUnknownLogsOnceAndFailsNothing() {
        try (RedisProcess renamed = RedisProcess.start("--rename-command", "COMMAND", "\"\"");
             RedisClient<String> redis = RedisClient.create(renamed.config());
             LogCapture log = LogCapture.attach()) {
            AtomicInteger calls = new AtomicInteger();
            ServerCommandTable table = new ServerCommandTable();
            CommandRunner runner = counting(redis, calls);
            assertThat(table.keyPositions(renamed.url(), Arguments.of("GET", "k"), runner))
                    .isEqualTo(KeyPositions.UnknownCommand.INSTANCE);
            assertThat(table.keyPositions(renamed.url(), Arguments.of("SET", "k", "v"), runner))
                    .isEqualTo(KeyPositions.UnknownCommand.INSTANCE);
            assertThat(calls).as("the server is not asked again once COMMAND was refused").hasValue(1);
            assertThat(tableEvents(log)).singleElement().satisfies(e -> {
                assertThat(e.getLevel().toString()).isEqualTo("DEBUG");
                assertThat(e.getFormattedMessage()).contains("COMMAND INFO is unavailable on " + renamed.url());
            });
            assertThat(redis.execute("SET", "k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void aclUserWithoutCommandAnswersUnknown(RedisServer server) {
        try (RedisClient<String> admin = RedisClient.create(server.config())) {
            admin.execute("ACL", "SETUSER", "nocommand", "on", ">secret-pw", "~*", "+@all", "-command");
            try (RedisClient<String> user = RedisClient.create(server.configBuilder().username("nocommand")
                    .password("secret-pw").build());
                 LogCapture log = LogCapture.attach()) {
                AtomicInteger calls = new AtomicInteger();
                ServerCommandTable table = new ServerCommandTable();
                assertThat(table.keyPositions(server.url(), Arguments.of("GET", "k"), counting(user, calls)))
                        .isEqualTo(KeyPositions.UnknownCommand.INSTANCE);
                assertThat(table.info(server.url(), "set", counting(user, calls))).isEmpty();
                assertThat(calls).hasValue(1);
                assertThat(tableEvents(log)).singleElement()
                        .satisfies(e -> assertThat(e.getFormattedMessage()).doesNotContain("secret-pw"));
                assertThat(user.execute("SET", "k", "v")).isEqualTo("OK");
            } finally {
                admin.execute("ACL", "DELUSER", "nocommand");
            }
        }
    }

    @Test
    void unreachableServerIsAskedAgainNextTime(RedisServer server) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RedisConfig unreachable = RedisConfig.builder().host("127.0.0.1").port(closedPort)
                .timeout(Duration.ofSeconds(2)).build();
        ServerCommandTable table = new ServerCommandTable();
        try (RedisClient<String> dead = RedisClient.create(unreachable);
             RedisClient<String> redis = RedisClient.create(server.config())) {
            assertThat(table.info(server.url(), "get", dead::execute)).isEmpty();
            Optional<CommandInfo> get = table.info(server.url(), "get", redis::execute);
            assertThat(get).isPresent();
            assertThat(get.get().isReadOnly()).isTrue();
        }
    }

    private static List<ILoggingEvent> tableEvents(LogCapture log) {
        return log.events().stream().filter(e -> e.getLoggerName().equals(ServerCommandTable.class.getName()))
                .toList();
    }
}
