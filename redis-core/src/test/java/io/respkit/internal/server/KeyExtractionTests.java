package io.respkit.internal.server;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.internal.server.CommandInfo.LegacyKeyRange;
import io.respkit.internal.server.KeySpec.BeginSearch;
import io.respkit.internal.server.KeySpec.FindKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) for {@link KeyExtraction} and {@link Arguments}, on the entries of the golden
 * {@code COMMAND INFO} replies of {@link CommandInfoParserTests} (Redis 7.0 key specs, Redis 6.2 legacy ranges) and
 * on hand-made specs for the shapes no 7.0 command has. {@code KeyExtractionIntegrationTests} checks every command
 * of the real server against {@code COMMAND GETKEYS}. Not thread-safe.
 */
class KeyExtractionTests {

    private static final Map<String, CommandInfo> V70 = CommandInfoParserTests.captured70(2);
    private static final List<Optional<CommandInfo>> V62 =
            CommandInfoParser.parseInfo(CommandInfoParserTests.redis62(2));

    private static KeyPositions keys(CommandInfo info, Object... args) {
        return KeyExtraction.keyPositions(info, Arguments.of(args));
    }

    private static KeyPositions found(int... positions) {
        return new KeyPositions.Found(positions);
    }

    @Test
    void singleKeyAndKeyValuePairs() {
        assertThat(keys(V70.get("get"), "GET", "k")).isEqualTo(found(1));
        assertThat(keys(V70.get("mset"), "MSET", "k1", "v1", "k2", "v2", "k3", "v3")).isEqualTo(found(1, 3, 5));
    }

    @Test
    void keywordSearchWithLimitFindsTheStreamsNotTheIds() {
        CommandInfo xread = V70.get("xread");
        assertThat(keys(xread, "XREAD", "COUNT", "2", "streams", "a", "b", "0", "0")).isEqualTo(found(4, 5));
        assertThat(keys(xread, "XREAD", "BLOCK", "0", "STREAMS", "a", "$")).isEqualTo(found(4));
        // A key named like the keyword: the first match wins, as on the server.
        assertThat(keys(xread, "XREAD", "STREAMS", "STREAMS", "x", "0", "0")).isEqualTo(found(2, 3));
    }

    @Test
    void optionalKeywordsAddKeysOnlyWhenPresent() {
        CommandInfo georadius = V70.get("georadius");
        assertThat(keys(georadius, "GEORADIUS", "k", "0", "0", "1", "m")).isEqualTo(found(1));
        assertThat(keys(georadius, "GEORADIUS", "k", "0", "0", "1", "m", "WITHDIST", "STORE", "d", "STOREDIST", "e"))
                .isEqualTo(found(1, 8, 10));
    }

    @Test
    void keyNumCountsTheKeys() {
        CommandInfo eval = V70.get("eval");
        assertThat(keys(eval, "EVAL", "return 1", "2", "a", "b", "arg")).isEqualTo(found(3, 4));
        assertThat(keys(eval, "EVAL", "return 1", "0", "arg")).isEqualTo(found());
        assertThat(keys(eval, "EVAL", "return 1", 2L, "a", "b")).isEqualTo(found(3, 4));
        assertThat(keys(eval, "EVAL", "return 1", "two", "a")).isInstanceOf(KeyPositions.AskServer.class);
        assertThat(keys(eval, "EVAL", "return 1", "3", "a")).isInstanceOf(KeyPositions.AskServer.class);
        assertThat(keys(eval, "EVAL", "return 1", "-1")).isInstanceOf(KeyPositions.AskServer.class);
    }

    @Test
    void subcommandsAreResolvedThroughTheirContainer() {
        CommandInfo object = V70.get("object");
        assertThat(keys(object, "OBJECT", "encoding", "k")).isEqualTo(found(2));
        assertThat(keys(object, "OBJECT", "HELP")).isEqualTo(found());
        assertThat(keys(object, "OBJECT")).isEqualTo(found());
    }

    @Test
    void unknownAndIncompleteSpecsAskTheServer() {
        assertThat(keys(V70.get("sort"), "SORT", "k")).isInstanceOf(KeyPositions.AskServer.class);
        assertThat(keys(V70.get("migrate"), "MIGRATE", "h", "1", "", "0", "5", "KEYS", "a"))
                .isInstanceOf(KeyPositions.AskServer.class);
    }

    @Test
    void notKeySpecsCountOnlyWhenAskedFor() {
        CommandInfo spublish = V70.get("spublish");
        assertThat(keys(spublish, "SPUBLISH", "ch", "hello")).isEqualTo(found());
        assertThat(KeyExtraction.keyPositions(spublish, Arguments.of("SPUBLISH", "ch", "hello"), true))
                .isEqualTo(found(1));
    }

    @Test
    void redis62LegacyRangesAndMovableKeys() {
        CommandInfo get = V62.get(0).orElseThrow();
        CommandInfo xread = V62.get(1).orElseThrow();
        CommandInfo mset = V62.get(2).orElseThrow();
        CommandInfo blpop = V62.get(3).orElseThrow();
        assertThat(keys(get, "GET", "k")).isEqualTo(found(1));
        assertThat(keys(mset, "MSET", "a", "1", "b", "2")).isEqualTo(found(1, 3));
        assertThat(keys(blpop, "BLPOP", "a", "b", "0")).isEqualTo(found(1, 2));
        // The legacy range of a movablekeys command is not to be trusted: XREAD's position 1 is COUNT or STREAMS.
        assertThat(keys(xread, "XREAD", "STREAMS", "a", "0")).isInstanceOf(KeyPositions.AskServer.class);
        assertThat(keys(blpop, "BLPOP")).isEqualTo(found());
    }

    @Test
    void negativeStartFromSearchesBackwardsAndNegativeLastKeyCountsFromTheEnd() {
        CommandInfo keysAtEnd = info(new KeySpec(Set.of("rw"), new BeginSearch.Keyword("KEYS", -2),
                new FindKeys.Range(-1, 1, 0), ""));
        assertThat(keys(keysAtEnd, "X", "KEYS", "h", "0", "KEYS", "a", "b")).isEqualTo(found(5, 6));
        assertThat(keys(keysAtEnd, "X", "h", "0")).isEqualTo(found());
        CommandInfo allButLast = info(new KeySpec(Set.of("rw"), new BeginSearch.Index(1),
                new FindKeys.Range(-2, 1, 0), ""));
        assertThat(keys(allButLast, "BLPOP", "a", "b", "c", "0")).isEqualTo(found(1, 2, 3));
        CommandInfo pairs = info(new KeySpec(Set.of("rw"), new BeginSearch.Index(1),
                new FindKeys.KeyNum(0, 1, 2), ""));
        assertThat(keys(pairs, "X", "2", "a", "1", "b", "2")).isEqualTo(found(2, 4));
    }

    @Test
    void bytesAndBuiltCommandsAreReadLikeText() {
        byte[] streams = "sTrEaMs".getBytes(StandardCharsets.UTF_8);
        assertThat(keys(V70.get("xread"), "XREAD".getBytes(StandardCharsets.UTF_8), streams, new byte[] {1},
                "0".getBytes(StandardCharsets.UTF_8))).isEqualTo(found(2));
        Command<Object> eval = Command.create(StringCodec.UTF8, "EVAL", ReplyDecoders.raw())
                .arg("return 1").arg(1L).arg("k".getBytes(StandardCharsets.UTF_8));
        assertThat(KeyExtraction.keyPositions(V70.get("eval"), Arguments.of(eval))).isEqualTo(found(3));
        Command<Object> encoding = Command.create(StringCodec.UTF8, "OBJECT ENCODING", ReplyDecoders.raw()).arg("k");
        assertThat(KeyExtraction.keyPositions(V70.get("object"), Arguments.of(encoding))).isEqualTo(found(2));
    }

    @Test
    void integersAreReadAsTheServerReadsThem() {
        Arguments args = Arguments.of("0", "12", "-3", "007", "-0", "+1", "", "1x", "9223372036854775807",
                "9223372036854775808", 5L, "12".getBytes(StandardCharsets.UTF_8));
        long[] expected = {0, 12, -3, Arguments.NOT_AN_INTEGER, Arguments.NOT_AN_INTEGER, Arguments.NOT_AN_INTEGER,
                Arguments.NOT_AN_INTEGER, Arguments.NOT_AN_INTEGER, Long.MAX_VALUE, Arguments.NOT_AN_INTEGER, 5, 12};
        for (int i = 0; i < expected.length; i++) {
            assertThat(args.integer(i)).as("argument %d", i).isEqualTo(expected[i]);
        }
    }

    @Test
    void foundIsAValue() {
        int[] positions = {1, 2};
        KeyPositions.Found f = new KeyPositions.Found(positions);
        positions[0] = 9;
        assertThat(f.positions()).containsExactly(1, 2);
        assertThat(f.count()).isEqualTo(2);
        assertThat(f.position(1)).isEqualTo(2);
        assertThat(f).isEqualTo(found(1, 2)).hasSameHashCodeAs(found(1, 2)).hasToString("Found[1, 2]");
    }

    private static CommandInfo info(KeySpec spec) {
        return new CommandInfo("x", -2, Set.of("write"), LegacyKeyRange.NONE, Set.of(), Set.of(), List.of(spec),
                Map.of());
    }
}
