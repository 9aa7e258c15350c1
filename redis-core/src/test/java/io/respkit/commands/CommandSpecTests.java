package io.respkit.commands;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.StringCodec;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.ListDefs;
import io.respkit.internal.commands.ServerDefs;
import io.respkit.internal.commands.StringDefs;
import io.respkit.internal.multiplex.Multiplexer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link CommandSpec} and the catalog: raw commands (any case, two-word names, the
 * subcommand as an argument) get the catalog's spec, a blocking command's block time comes from its timeout argument,
 * and the flags reproduce, name for name, the tables they replaced ({@code Multiplexer.DEDICATED},
 * {@code PutBacks.POPS}, the {@code ConnectionState} switch and {@code CredentialArguments}' command list). Not
 * thread-safe; each test builds its own commands.
 */
class CommandSpecTests {

    /** {@code Multiplexer.DEDICATED} as it was, matched on the first word. */
    private static final Set<String> OLD_DEDICATED = Set.of("BLPOP", "BRPOP", "BLMOVE", "BRPOPLPUSH", "BLMPOP",
            "BZPOPMIN", "BZPOPMAX", "BZMPOP", "XREAD", "XREADGROUP", "WAIT", "WAITAOF", "MULTI", "EXEC",
            "DISCARD", "WATCH", "UNWATCH", "SELECT", "SWAPDB", "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE",
            "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE", "CLIENT", "HELLO", "AUTH", "RESET", "MONITOR", "QUIT",
            "DEBUG", "READONLY", "READWRITE", "ASKING", "SYNC", "PSYNC", "SHUTDOWN");

    /** {@code PutBacks.POPS} as it was. */
    private static final Set<String> OLD_POPS = Set.of("BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BLMPOP", "BZPOPMIN",
            "BZPOPMAX", "BZMPOP");

    /** The commands the {@code ConnectionState} switch tracked as it was. */
    private static final Set<String> OLD_TRACKED = Set.of("SELECT", "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH",
            "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "HELLO", "AUTH", "RESET", "MONITOR", "QUIT", "CLIENT SETNAME",
            "CLIENT TRACKING", "CLIENT REPLY", "CLIENT NO-EVICT", "CLIENT NO-TOUCH", "CLIENT SETINFO");

    /** The command words {@code CredentialArguments} knew as it was. */
    private static final Set<String> OLD_CREDENTIAL_WORDS = Set.of("AUTH", "HELLO", "ACL", "MIGRATE", "CONFIG",
            "SENTINEL");

    private static Command<Object> raw(String name, Object... args) {
        Command<Object> c = Command.create(StringCodec.UTF8, name, ReplyDecoders.raw());
        for (Object a : args) {
            if (a instanceof Long n) {
                c.arg(n);
            } else if (a instanceof Double d) {
                c.arg(d);
            } else {
                c.arg((String) a);
            }
        }
        return c;
    }

    @Test
    void rawCommandsGetTheCatalogSpecInAnyCase() {
        assertThat(raw("GET").spec()).isSameAs(CommandSpecs.GET);
        assertThat(raw("get").spec()).isSameAs(CommandSpecs.GET);
        assertThat(raw("hGetAll").spec()).isSameAs(CommandSpecs.HGETALL);
        assertThat(raw("client setname").spec()).isSameAs(CommandSpecs.CLIENT_SETNAME);
        assertThat(raw("Config\tSet", "maxmemory", "1").spec()).isSameAs(CommandSpecs.CONFIG_SET);
        assertThat(raw("client", "SetName", "n").spec()).as("the subcommand as an argument")
                .isSameAs(CommandSpecs.CLIENT_SETNAME);
        assertThat(raw("CLIENT", "NO-SUCH", "x").spec()).as("an unknown subcommand: its command's spec")
                .isSameAs(CommandSpecs.CLIENT);
        assertThat(raw("CLIENT").spec()).isSameAs(CommandSpecs.CLIENT);
        assertThat(raw("LOLWUT VERSION").spec()).isSameAs(CommandSpecs.UNKNOWN);
        assertThat(raw("SETNAME").spec()).as("a subcommand is no command of its own")
                .isSameAs(CommandSpecs.UNKNOWN);
        assertThat(CommandSpecs.UNKNOWN.isKnown()).isFalse();
        assertThat(CommandSpecs.UNKNOWN).isSameAs(CommandSpec.UNKNOWN);
        assertThat(CommandSpec.UNKNOWN.toString()).isEqualTo("CommandSpec[unknown]");
        assertThat(CommandSpecs.UNKNOWN.isDedicated()).isFalse();
        assertThat(raw("get").name()).as("the name stays as given").isEqualTo("get");
    }

    @Test
    void typedCommandsCarryTheCatalogSpecWithoutALookup() {
        assertThat(StringDefs.get(StringCodec.UTF8, "k").spec()).isSameAs(CommandSpecs.GET);
        assertThat(ServerDefs.clientSetName(StringCodec.UTF8, "n").spec()).isSameAs(CommandSpecs.CLIENT_SETNAME);
        Command<Boolean> setName = ServerDefs.clientSetName(StringCodec.UTF8, "n");
        assertThat(setName.argumentText(0)).isEqualTo("CLIENT");
        assertThat(setName.argumentText(1)).isEqualTo("SETNAME");
        assertThat(setName.name()).isEqualTo("CLIENT SETNAME");
        assertThatThrownBy(() -> Command.create(StringCodec.UTF8, CommandSpecs.UNKNOWN, ReplyDecoders.raw()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readOnlyComesFromTheSpecAndTheBuilderMethodStillMarks() {
        assertThat(raw("get", "k").isReadOnly()).isTrue();
        assertThat(raw("SET", "k", "v").isReadOnly()).isFalse();
        assertThat(raw("LOLWUT", "VERSION", "5").isReadOnly()).isFalse();
        assertThat(raw("LOLWUT", "VERSION", "5").readOnly().isReadOnly()).as("a user's mark").isTrue();
        assertThat(raw("client", "getname").isReadOnly()).isTrue();
    }

    @Test
    void aRawBlockingCommandBlocksForItsTimeoutArgument() {
        assertThat(raw("BLPOP", "k", "5").blockMillis()).isEqualTo(5000);
        assertThat(raw("blpop", "k", 1.5).blockMillis()).isEqualTo(1500);
        assertThat(raw("BRPOP", "a", "b", 0L).blockMillis()).as("0 is forever").isZero();
        assertThat(raw("BRPOPLPUSH", "a", "b", "2").blockMillis()).isEqualTo(2000);
        assertThat(raw("BLMOVE", "a", "b", "LEFT", "RIGHT", "0.25").blockMillis()).isEqualTo(250);
        assertThat(raw("BLMPOP", "3", "1", "k", "LEFT").blockMillis()).isEqualTo(3000);
        assertThat(raw("BZMPOP", "0.001", "1", "k", "MIN").blockMillis()).isEqualTo(1);
        assertThat(raw("bzpopmin", "k", "4").blockMillis()).isEqualTo(4000);
        assertThat(raw("XREAD", "COUNT", "1", "block", "250", "STREAMS", "s", "0").blockMillis()).isEqualTo(250);
        assertThat(raw("XREAD", "STREAMS", "s", "0").blockMillis()).as("no BLOCK: no block").isEqualTo(-1);
        assertThat(raw("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">").blockMillis()).isZero();
        assertThat(raw("WAIT", "1", "100").blockMillis()).as("milliseconds").isEqualTo(100);
        assertThat(raw("BLPOP", "k", "soon").blockMillis()).as("not a number: the server refuses it").isEqualTo(-1);
        assertThat(raw("BLPOP", "k", "-1").blockMillis()).isEqualTo(-1);
        assertThat(raw("BLPOP").blockMillis()).isEqualTo(-1);
        assertThat(raw("GET", "5").blockMillis()).isEqualTo(-1);
        assertThat(raw("BLPOP", "k", "5").blocking(Duration.ofMillis(70)).blockMillis())
                .as("blocking(timeout) overrides the argument").isEqualTo(70);
        assertThat(Command.create(ByteArrayCodec.INSTANCE, "BLPOP", ReplyDecoders.raw()).key("k")
                .arg("7".getBytes()).blockMillis()).as("a binary argument").isEqualTo(7000);
        assertThat(ListDefs.blpop(StringCodec.UTF8, Duration.ofMillis(1500), List.of("k")).blockMillis())
                .isEqualTo(1500);
    }

    @Test
    void aRawXreadgroupBlocksForItsBlockOptionWhateverItsGroupAndConsumerAreCalled() {
        // GROUP's two names come before the options and may spell BLOCK or STREAMS: they are names, not options.
        assertThat(raw("XREADGROUP", "GROUP", "block", "c", "BLOCK", "1000", "STREAMS", "s", ">").blockMillis())
                .isEqualTo(1000);
        assertThat(raw("XREADGROUP", "GROUP", "g", "Block", "BLOCK", "1000", "STREAMS", "s", ">").blockMillis())
                .isEqualTo(1000);
        assertThat(raw("XREADGROUP", "GROUP", "block", "5", "STREAMS", "s", ">").blockMillis())
                .as("no BLOCK option: no block").isEqualTo(-1);
        assertThat(raw("XREADGROUP", "GROUP", "streams", "c", "BLOCK", "200", "STREAMS", "s", ">").blockMillis())
                .isEqualTo(200);
        // After STREAMS come keys and ids: a stream called "block" is not the option.
        assertThat(raw("XREAD", "STREAMS", "block", "5").blockMillis()).as("no BLOCK option").isEqualTo(-1);
        assertThat(raw("XREADGROUP", "GROUP", "g", "c", "STREAMS", "block", "0").blockMillis())
                .as("no BLOCK option, not forever").isEqualTo(-1);
    }

    @Test
    void theFlagsReproduceTheMultiplexersDedicatedTable() {
        for (String name : OLD_DEDICATED) {
            assertThat(CommandSpecs.lookup(name).isDedicated()).as(name).isTrue();
            assertThat(CommandSpecs.lookup(name.toLowerCase(Locale.ROOT)).isDedicated()).as(name).isTrue();
        }
        for (CommandSpec spec : CommandSpecs.all()) {
            String first = spec.name().split(" ")[0];
            assertThat(spec.isDedicated()).as(spec.toString()).isEqualTo(OLD_DEDICATED.contains(first));
        }
        assertThat(Multiplexer.shareable(raw("client", "list"))).isFalse();
        assertThat(Multiplexer.shareable(raw("client list"))).isFalse();
        assertThat(Multiplexer.shareable(raw("blpop", "q", "1"))).isFalse();
        assertThat(Multiplexer.shareable(raw("LOLWUT", "VERSION", "5"))).isTrue();
        assertThat(Multiplexer.shareable(raw("LOLWUT", "VERSION", "5").blocking(Duration.ZERO))).isFalse();
    }

    @Test
    void theFlagsReproduceThePutBackTable() {
        Map<String, PopKind> kinds = Map.of("BLPOP", PopKind.LIST_HEAD, "BRPOP", PopKind.LIST_TAIL,
                "BLMOVE", PopKind.LIST_MOVE, "BRPOPLPUSH", PopKind.LIST_MOVE_TAIL_TO_HEAD, "BLMPOP", PopKind.LIST_MANY,
                "BZPOPMIN", PopKind.SORTED_SET, "BZPOPMAX", PopKind.SORTED_SET, "BZMPOP", PopKind.SORTED_SET_MANY);
        assertThat(kinds.keySet()).isEqualTo(OLD_POPS);
        for (CommandSpec spec : CommandSpecs.all()) {
            assertThat(spec.popKind()).as(spec.name()).isEqualTo(kinds.getOrDefault(spec.name(), PopKind.NONE));
        }
    }

    @Test
    void theFlagsReproduceTheConnectionStateSwitchAndTheCredentialList() {
        for (CommandSpec spec : CommandSpecs.all()) {
            // The UN forms change state, but ConnectionState records nothing for them.
            boolean tracked = spec.changesConnectionState() && spec.effect() != ConnectionEffect.UNSUBSCRIBE;
            // CLIENT CACHING (typed later) changes the tracking of the connection's next read
            assertThat(tracked).as(spec.name()).isEqualTo(OLD_TRACKED.contains(spec.name())
                    || spec.name().equals("CLIENT CACHING"));
            // CONFIG RESETSTAT and REWRITE (typed later) take no arguments, so carry none
            boolean credentials = OLD_CREDENTIAL_WORDS.contains(spec.name().split(" ")[0])
                    && !Set.of("CONFIG", "CONFIG GET", "CONFIG RESETSTAT", "CONFIG REWRITE").contains(spec.name());
            assertThat(spec.mayCarryCredentials()).as(spec.name()).isEqualTo(credentials);
        }
        assertThat(CommandSpecs.all()).filteredOn(s -> !s.isQueueable()).extracting(CommandSpec::name)
                .containsExactlyInAnyOrder("MULTI", "EXEC", "DISCARD", "WATCH", "RESET");
        assertThat(CommandSpecs.all()).filteredOn(CommandSpec::hasNoReply).extracting(CommandSpec::name)
                .containsExactlyInAnyOrder("SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE",
                        "SUNSUBSCRIBE");
    }

    @Test
    void theBuilderChecksWhatItIsGiven() {
        CommandSpec custom = CommandSpec.builder("JSON.GET").readOnly().build();
        assertThat(custom.isKnown()).isTrue();
        assertThat(custom.isDedicated()).isFalse();
        Command<Object> cmd = Command.create(StringCodec.UTF8, custom, ReplyDecoders.raw()).key("k");
        assertThat(cmd.isReadOnly()).isTrue();
        assertThat(cmd.spec()).isSameAs(custom);
        CommandSpec blocking = CommandSpec.builder("MY.BLOCK")
                .blocking(new BlockTimeout(1, null, TimeUnit.MILLISECONDS)).build();
        assertThat(blocking.isDedicated()).as("a blocking command is dedicated").isTrue();
        assertThat(Command.create(StringCodec.UTF8, blocking, ReplyDecoders.raw()).arg(40).blockMillis())
                .isEqualTo(40);
        assertThatThrownBy(() -> CommandSpec.builder("get")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.builder("A B C")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.builder("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.builder("A\tB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.builder("A  B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandSpec.builder("X").pop(PopKind.LIST_HEAD).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BlockTimeout(0, null, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockTimeout(1, null, TimeUnit.MINUTES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CommandSpecs.BLPOP.toString()).isEqualTo("CommandSpec[BLPOP write blocking dedicated "
                + "pop=LIST_HEAD]");
    }

    @Test
    void clusterPoliciesAreDefaultUnlessSetAndLeaveTheOtherFlagsAlone() {
        assertThat(CommandSpec.UNKNOWN.requestPolicy()).isEqualTo(RequestPolicy.DEFAULT);
        assertThat(CommandSpec.UNKNOWN.responsePolicy()).isEqualTo(ResponsePolicy.DEFAULT);
        assertThat(CommandSpec.builder("MY.CMD").build().requestPolicy()).isEqualTo(RequestPolicy.DEFAULT);
        assertThat(CommandSpec.builder("MY.CMD").build().responsePolicy()).isEqualTo(ResponsePolicy.DEFAULT);
        // Every pair survives the packing into the spec's flag bits, whatever else is set, and changes nothing else.
        for (RequestPolicy request : RequestPolicy.values()) {
            for (ResponsePolicy response : ResponsePolicy.values()) {
                CommandSpec bare = CommandSpec.builder("MY.CMD").requestPolicy(request).responsePolicy(response)
                        .build();
                assertThat(bare.requestPolicy()).isEqualTo(request);
                assertThat(bare.responsePolicy()).isEqualTo(response);
                assertThat(bare.isReadOnly() || bare.isWrite() || bare.isDedicated() || bare.hasSubcommands()
                        || bare.isSubcommand() || bare.changesConnectionState()).isFalse();
                CommandSpec full = CommandSpec.builder("MY.CMD SUB").readOnly().write().dedicated().noReply()
                        .notQueueable().subcommands().effect(ConnectionEffect.NAME)
                        .blocking(new BlockTimeout(1, null, TimeUnit.SECONDS)).pop(PopKind.LIST_HEAD)
                        .requestPolicy(request).responsePolicy(response).build();
                assertThat(full.requestPolicy()).isEqualTo(request);
                assertThat(full.responsePolicy()).isEqualTo(response);
                assertThat(full.isReadOnly() && full.isWrite() && full.isBlocking() && full.isDedicated()
                        && full.hasNoReply() && !full.isQueueable() && full.hasSubcommands() && full.isSubcommand()
                        && full.changesConnectionState() && full.isKnown()).isTrue();
            }
        }
        assertThatThrownBy(() -> CommandSpec.builder("X").requestPolicy(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CommandSpec.builder("X").responsePolicy(null))
                .isInstanceOf(NullPointerException.class);
        assertThat(CommandSpecs.DBSIZE.toString()).isEqualTo("CommandSpec[DBSIZE readonly request=ALL_SHARDS "
                + "response=AGG_SUM]");
        assertThat(CommandSpecs.lookup(new String[] {"script", "exists"}).responsePolicy())
                .isEqualTo(ResponsePolicy.AGG_LOGICAL_AND);
        assertThat(CommandSpecs.lookup("GET").requestPolicy()).isEqualTo(RequestPolicy.DEFAULT);
    }
}
