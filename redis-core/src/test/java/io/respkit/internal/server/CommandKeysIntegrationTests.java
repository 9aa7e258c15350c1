package io.respkit.internal.server;

import io.respkit.RedisClient;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.internal.commands.SetDefs;
import io.respkit.internal.commands.StringDefs;
import io.respkit.pool.ConnectionPool;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CommandKeys} against the server's own {@code COMMAND GETKEYS}: raw commands created by name with plain
 * arguments (no key marked), whatever respkit's catalog knows about their names now or later, must get the positions
 * the server reports, whether the table resolves them from the key specs or has to ask the server; typed commands
 * and commands with marked keys answer from their marks without asking; commands without keys, names the server
 * does not know and a server without {@code COMMAND} answer no keys. Every sample's arguments are distinct, so that
 * a key's position is where its text is. Not thread-safe.
 */
@ExtendWith(RedisServerExtension.class)
class CommandKeysIntegrationTests {

    /** Raw commands, by name, with the forms whose keys need key specs, numkeys, keywords or the server itself. */
    private static final List<List<String>> SAMPLES = List.of(
            List.of("PFCOUNT", "k:hll1", "k:hll2"),
            List.of("GEOADD", "k:geo", "13.4", "52.5", "member"),
            List.of("XADD", "k:stream", "*", "field", "value"),
            List.of("OBJECT", "ENCODING", "k:object"),
            List.of("SORT", "k:sort", "BY", "w:*", "GET", "#", "STORE", "k:sortdest"),
            List.of("SORT", "k:sortonly", "LIMIT", "0", "5"),
            List.of("MIGRATE", "127.0.0.1", "1", "", "0", "10", "KEYS", "k:migrate1", "k:migrate2"),
            List.of("EVAL", "return 1", "2", "k:eval1", "k:eval2", "argv1"),
            List.of("SINTERCARD", "2", "k:inter1", "k:inter2", "LIMIT", "3"),
            List.of("ZUNIONSTORE", "k:zdest", "3", "k:z1", "k:z2", "k:z3"),
            List.of("MSET", "k:mset1", "v1", "k:mset2", "v2"),
            List.of("XREAD", "COUNT", "1", "STREAMS", "k:x1", "k:x2", "0-0", "0-1"),
            List.of("GEORADIUS", "k:georadius", "0", "0", "1", "m", "STORE", "k:geostore"),
            List.of("LMOVE", "k:from", "k:to", "LEFT", "RIGHT"));

    private static Command<Object> raw(List<String> sample) {
        Command<Object> command = Command.create(StringCodec.UTF8, sample.get(0), ReplyDecoders.raw());
        for (String arg : sample.subList(1, sample.size())) {
            command.arg(arg);
        }
        return command;
    }

    /** What the server says: the positions of the keys {@code COMMAND GETKEYS} lists, in its order. */
    private static int[] serverPositions(RedisClient<String> redis, List<String> sample) {
        List<Object> args = new ArrayList<>(List.of("GETKEYS"));
        args.addAll(sample);
        @SuppressWarnings("unchecked")
        List<Object> keys = (List<Object>) redis.execute("COMMAND", args.toArray());
        return keys.stream().mapToInt(sample::indexOf).toArray();
    }

    /** Counts the commands the table and the key finder send, by subcommand ({@code INFO}, {@code GETKEYS}). */
    private static final class Counting implements CommandRunner {
        private final CommandRunner runner;
        private final List<String> sent = new ArrayList<>();

        Counting(CommandRunner runner) {
            this.runner = runner;
        }

        @Override
        public synchronized Object run(Command<Object> command) {
            sent.add(command.argumentText(1).toUpperCase(java.util.Locale.ROOT));
            return runner.run(command);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void rawCommandsGetTheKeysTheServerReports(RespVersion protocol, RedisServer server) {
        try (ConnectionPool pool = ConnectionPool.create(server.configBuilder().protocol(protocol).build());
             RedisClient<String> redis = RedisClient.create(pool)) {
            Counting runner = new Counting(new PooledCommandRunner(pool));
            CommandKeys keys = new CommandKeys(new ServerCommandTable(), server.url(), runner);
            for (List<String> sample : SAMPLES) {
                int[] expected = serverPositions(redis, sample);
                assertThat(expected).as("sample %s has keys", sample).isNotEmpty().doesNotContain(-1);
                assertThat(keys.positions(raw(sample))).as("%s", sample).containsExactly(expected);
            }
            // The same with a two-word name: OBJECT ENCODING is a subcommand of OBJECT.
            Command<Object> twoWords = Command.create(StringCodec.UTF8, "OBJECT ENCODING", ReplyDecoders.raw())
                    .arg("k:object");
            assertThat(keys.positions(twoWords)).containsExactly(2);
            // One COMMAND INFO per name; COMMAND GETKEYS only for what the key specs cannot resolve, once per call:
            // both SORTs (SORT's second key spec, for STORE, is of unknown type) and MIGRATE (incomplete).
            assertThat(runner.sent.stream().filter("INFO"::equals).count()).isEqualTo(SAMPLES.stream()
                    .map(s -> s.get(0)).distinct().count());
            assertThat(runner.sent.stream().filter("GETKEYS"::equals).count()).isEqualTo(3);
        }
    }

    @Test
    void markedKeysAreTakenAsTheyAreWithoutAsking(RedisServer server) {
        try (ConnectionPool pool = ConnectionPool.create(server.config())) {
            Counting runner = new Counting(new PooledCommandRunner(pool));
            CommandKeys keys = new CommandKeys(new ServerCommandTable(), server.url(), runner);
            assertThat(keys.positions(StringDefs.get(StringCodec.UTF8, "a"))).containsExactly(1);
            assertThat(keys.positions(StringDefs.mget(StringCodec.UTF8, List.of("a", "b", "c"))))
                    .containsExactly(1, 2, 3);
            assertThat(keys.positions(SetDefs.sinterstore(StringCodec.UTF8, "d", List.of("a", "b"))))
                    .containsExactly(1, 2, 3);
            assertThat(keys.positions(Command.create(StringCodec.UTF8, "PFCOUNT", ReplyDecoders.raw())
                    .key("a").key("b"))).containsExactly(1, 2);
            assertThat(runner.sent).isEmpty();
        }
    }

    @Test
    void commandsWithoutKnownKeysGetNone(RedisServer server) {
        try (ConnectionPool pool = ConnectionPool.create(server.config())) {
            CommandKeys keys = new CommandKeys(new ServerCommandTable(), server.url(), new PooledCommandRunner(pool));
            assertThat(keys.positions(raw(List.of("PING")))).isEmpty();
            assertThat(keys.positions(raw(List.of("EVAL", "return 1", "0", "argv1")))).isEmpty();
            assertThat(keys.positions(raw(List.of("NOSUCHCOMMAND", "a", "b")))).isEmpty();
            // Arguments the server refuses for GETKEYS: no keys, no failure.
            assertThat(keys.positions(raw(List.of("SORT")))).isEmpty();
        }
    }

    @Test
    void aServerWithoutCommandGivesNoKeysAndNoFailure() {
        try (RedisProcess renamed = RedisProcess.start("--rename-command", "COMMAND", "\"\"");
             ConnectionPool pool = ConnectionPool.create(renamed.config())) {
            CommandKeys keys = new CommandKeys(new ServerCommandTable(), renamed.url(), new PooledCommandRunner(pool));
            assertThat(keys.positions(raw(List.of("PFCOUNT", "a", "b")))).isEmpty();
            assertThat(keys.positions(raw(List.of("SORT", "k", "STORE", "d")))).isEmpty();
            assertThat(keys.positions(StringDefs.get(StringCodec.UTF8, "a"))).containsExactly(1);
        }
    }
}
