package io.respkit.internal.server;

import io.respkit.exceptions.RedisProtocolException;
import io.respkit.internal.server.CommandInfo.LegacyKeyRange;
import io.respkit.internal.server.KeySpec.BeginSearch;
import io.respkit.internal.server.KeySpec.FindKeys;
import io.respkit.protocol.RespReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link CommandInfoParser} on golden replies: {@code COMMAND INFO} of ten commands as
 * redis-server 7.0.15 sent it under RESP2 and RESP3 (captured byte for byte into test resources), and replies shaped
 * as Redis 6.2 (seven fields, no key specs, {@code movablekeys}) and 5.0 (six fields) send them. Not thread-safe.
 */
class CommandInfoParserTests {

    /** The names asked, in order, in the captured 7.0 replies. */
    private static final List<String> CAPTURED = List.of("get", "mset", "xread", "object", "georadius", "eval",
            "sort", "spublish", "migrate", "nosuch");

    static Object read(byte[] bytes) {
        RespReader reader = new RespReader();
        reader.feed(bytes, 0, bytes.length);
        Object reply = reader.read();
        assertThat(reply).isNotSameAs(RespReader.INCOMPLETE);
        return reply;
    }

    static Object resp(String... lines) {
        return read((String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, CommandInfo> captured70(int protocol) {
        String name = "command-info-7.0-resp" + protocol + ".bin";
        try (InputStream in = CommandInfoParserTests.class.getResourceAsStream(name)) {
            List<Optional<CommandInfo>> infos = CommandInfoParser.parseInfo(read(in.readAllBytes()));
            assertThat(infos).hasSize(CAPTURED.size());
            Map<String, CommandInfo> byName = new java.util.LinkedHashMap<>();
            for (int i = 0; i < infos.size(); i++) {
                infos.get(i).ifPresent(info -> byName.put(info.name(), info));
            }
            return byName;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void resp2AndResp3RepliesOfRedis70ReadTheSame() {
        Map<String, CommandInfo> resp2 = captured70(2);
        assertThat(resp2.keySet()).containsExactlyElementsOf(CAPTURED.subList(0, CAPTURED.size() - 1));
        assertThat(captured70(3)).isEqualTo(resp2);
    }

    @Test
    void redis70GetHasFlagsCategoriesLegacyRangeAndOneIndexSpec() {
        CommandInfo get = captured70(2).get("get");
        assertThat(get.arity()).isEqualTo(2);
        assertThat(get.flags()).containsExactlyInAnyOrder("readonly", "fast");
        assertThat(get.isReadOnly()).isTrue();
        assertThat(get.isWrite()).isFalse();
        assertThat(get.legacyKeys()).isEqualTo(new LegacyKeyRange(1, 1, 1));
        assertThat(get.aclCategories()).containsExactlyInAnyOrder("@read", "@string", "@fast");
        assertThat(get.tips()).isEmpty();
        assertThat(get.subcommands()).isEmpty();
        assertThat(get.keySpecs()).containsExactly(new KeySpec(Set.of("ro", "access"), new BeginSearch.Index(1),
                new FindKeys.Range(0, 1, 0), ""));
    }

    @Test
    void redis70KeywordRangeKeyNumUnknownNotKeyAndIncompleteSpecs() {
        Map<String, CommandInfo> infos = captured70(3);
        assertThat(infos.get("mset").keySpecs().get(0).findKeys()).isEqualTo(new FindKeys.Range(-1, 2, 0));
        CommandInfo xread = infos.get("xread");
        assertThat(xread.isBlocking()).isTrue();
        assertThat(xread.hasMovableKeys()).isTrue();
        assertThat(xread.legacyKeys().hasKeys()).isFalse();
        assertThat(xread.keySpecs()).singleElement().satisfies(spec -> {
            assertThat(spec.beginSearch()).isEqualTo(new BeginSearch.Keyword("STREAMS", 1));
            assertThat(spec.findKeys()).isEqualTo(new FindKeys.Range(-1, 1, 2));
        });
        assertThat(infos.get("eval").keySpecs()).singleElement().satisfies(spec -> {
            assertThat(spec.beginSearch()).isEqualTo(new BeginSearch.Index(2));
            assertThat(spec.findKeys()).isEqualTo(new FindKeys.KeyNum(0, 1, 1));
        });
        assertThat(infos.get("georadius").keySpecs()).extracting(KeySpec::beginSearch).containsExactly(
                new BeginSearch.Index(1), new BeginSearch.Keyword("STORE", 6),
                new BeginSearch.Keyword("STOREDIST", 6));
        List<KeySpec> sort = infos.get("sort").keySpecs();
        assertThat(sort).hasSize(3);
        assertThat(sort.get(1).beginSearch()).isEqualTo(new BeginSearch.Unknown("unknown"));
        assertThat(sort.get(1).findKeys()).isEqualTo(new FindKeys.Unknown("unknown"));
        assertThat(sort.get(1).isStatic()).isFalse();
        assertThat(sort.get(1).notes()).contains("BY/GET");
        assertThat(infos.get("spublish").keySpecs().get(0).isNotKey()).isTrue();
        assertThat(infos.get("migrate").keySpecs().get(1).isIncomplete()).isTrue();
        assertThat(infos.get("migrate").keySpecs().get(1).beginSearch())
                .isEqualTo(new BeginSearch.Keyword("KEYS", -2));
    }

    @Test
    void redis70ContainerCarriesItsSubcommands() {
        CommandInfo object = captured70(2).get("object");
        assertThat(object.legacyKeys().hasKeys()).isFalse();
        assertThat(object.keySpecs()).isEmpty();
        assertThat(object.subcommands().keySet())
                .containsExactlyInAnyOrder("freq", "encoding", "help", "idletime", "refcount");
        CommandInfo encoding = object.subcommand("ENCODING");
        assertThat(encoding.name()).isEqualTo("object|encoding");
        assertThat(encoding.arity()).isEqualTo(3);
        assertThat(encoding.tips()).contains("nondeterministic_output");
        assertThat(encoding.keySpecs()).singleElement()
                .satisfies(spec -> assertThat(spec.beginSearch()).isEqualTo(new BeginSearch.Index(2)));
        assertThat(object.subcommand("nosuch")).isNull();
    }

    /** COMMAND INFO get xread mset blpop nosuch memory, as Redis 6.2 answers it: 7 fields, no specs. */
    static Object redis62(int protocol) {
        String set = protocol == 3 ? "~" : "*";
        return resp("*6",
                "*7", "$3", "get", ":2", set + "2", "+readonly", "+fast", ":1", ":1", ":1",
                set + "3", "+@read", "+@string", "+@fast",
                "*7", "$5", "xread", ":-4", set + "3", "+readonly", "+blocking", "+movablekeys", ":1", ":1", ":1",
                set + "4", "+@read", "+@stream", "+@slow", "+@blocking",
                "*7", "$4", "mset", ":-3", set + "2", "+write", "+denyoom", ":1", ":-1", ":2",
                set + "3", "+@write", "+@string", "+@slow",
                "*7", "$5", "blpop", ":-3", set + "2", "+write", "+noscript", ":1", ":-2", ":1",
                set + "4", "+@write", "+@list", "+@slow", "+@blocking",
                protocol == 3 ? "_" : "$-1",
                "*7", "$6", "memory", ":-2", set + "3", "+readonly", "+random", "+movablekeys", ":0", ":0", ":0",
                set + "1", "+@slow");
    }

    @Test
    void redis62ShapedRepliesHaveNoSpecsAndReadTheSameInBothProtocols() {
        List<Optional<CommandInfo>> resp2 = CommandInfoParser.parseInfo(redis62(2));
        assertThat(CommandInfoParser.parseInfo(redis62(3))).isEqualTo(resp2);
        assertThat(resp2).hasSize(6);
        assertThat(resp2.get(4)).isEmpty();
        CommandInfo xread = resp2.get(1).orElseThrow();
        assertThat(xread.hasMovableKeys()).isTrue();
        assertThat(xread.keySpecs()).isEmpty();
        assertThat(xread.tips()).isEmpty();
        assertThat(xread.subcommands()).isEmpty();
        assertThat(xread.aclCategories()).contains("@blocking");
        assertThat(resp2.get(2).orElseThrow().legacyKeys()).isEqualTo(new LegacyKeyRange(1, -1, 2));
    }

    @Test
    void redis50ShapedEntryHasNoAclCategories() {
        CommandInfo get = CommandInfoParser.parseInfo(resp("*1", "*6", "$3", "get", ":2", "*2", "+readonly",
                "+fast", ":1", ":1", ":1")).get(0).orElseThrow();
        assertThat(get.aclCategories()).isEmpty();
        assertThat(get.legacyKeys()).isEqualTo(new LegacyKeyRange(1, 1, 1));
    }

    @Test
    void wholeTableIsKeyedByName() {
        Map<String, CommandInfo> table = CommandInfoParser.parseTable(redis62(2));
        assertThat(table.keySet()).containsExactly("get", "xread", "mset", "blpop", "memory");
    }

    @Test
    void malformedRepliesFailWithoutQuotingThem() {
        assertThatThrownBy(() -> CommandInfoParser.parseInfo("secret-status"))
                .isInstanceOf(RedisProtocolException.class)
                .hasMessageContaining("String").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> CommandInfoParser.parseInfo(resp("*1", "*3", "$3", "get", ":2", "*0")))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("at least 6 fields");
        assertThatThrownBy(() -> CommandInfoParser.parseInfo(resp("*1", "*6", "$3", "get", "$6", "secret",
                "*0", ":1", ":1", ":1")))
                .isInstanceOf(RedisProtocolException.class).hasMessageNotContaining("secret");
    }
}
