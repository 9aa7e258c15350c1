package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks every typed command's specification against the server's own: for each public static method of every
 * {@code *Defs} class (found reflectively, so that no new command escapes), it builds the {@link Command} with sample
 * arguments, checks that it carries the catalog's {@link CommandSpec} of its name, asks {@code COMMAND GETKEYS} which
 * of its arguments are keys and compares them, in order, with the key positions respkit recorded; and asks
 * {@code COMMAND INFO} for the flags, which must agree with {@link Command#isReadOnly()} (the server's
 * {@code readonly} without {@code write}) and {@link Command#blockMillis()} (the server's {@code blocking}). Then
 * every entry of the catalog ({@link CommandSpecs#all()}), typed or not, is checked the same way against
 * {@code COMMAND INFO} (read-only, write, blocking), and its dedicated and state flags against the server's view: every
 * command the server flags {@code blocking} is a dedicated catalog entry, every command of the server's
 * {@code @transaction} category and every subscribe command changes connection state in the catalog, and every
 * command the catalog says changes connection state exists on the server. Not thread-safe; one run per protocol.
 */
@ExtendWith(RedisServerExtension.class)
class CommandSpecIntegrationTests {

    /**
     * Commands respkit marks {@link Command#readOnly()} although the server does not flag them {@code readonly}: the
     * server reserves the flag for commands that read the keyspace, while respkit's mark means "changes nothing on
     * the server, safe to retry after a connection failure", which holds for these key-less queries too.
     */
    private static final Map<String, String> READ_ONLY_DIFFERENCES = Map.ofEntries(
            Map.entry("PING", "changes nothing; no keyspace access, so the server does not flag it readonly"),
            Map.entry("ECHO", "changes nothing; no keyspace access, so the server does not flag it readonly"),
            Map.entry("INFO", "changes nothing; no keyspace access, so the server does not flag it readonly"),
            Map.entry("TIME", "changes nothing; no keyspace access, so the server does not flag it readonly"),
            Map.entry("CLIENT GETNAME", "changes nothing; a connection query, not a keyspace read"),
            Map.entry("CLIENT ID", "changes nothing; a connection query, not a keyspace read"),
            Map.entry("CLIENT LIST", "changes nothing; a server query, not a keyspace read"),
            Map.entry("CONFIG GET", "changes nothing; a configuration query, not a keyspace read"),
            Map.entry("SCRIPT EXISTS", "changes nothing; a script-cache query, not a keyspace read"),
            Map.entry("PUBSUB CHANNELS", "changes nothing; a pub/sub query, not a keyspace read"),
            Map.entry("PUBSUB NUMSUB", "changes nothing; a pub/sub query, not a keyspace read"));

    /**
     * Commands the catalog flags {@code blocking} although the test server may not: whether the server flags them
     * depends on its version, so either answer is accepted.
     */
    private static final Map<String, String> BLOCKING_DIFFERENCES = Map.of(
            "WAIT", "blocks until enough replicas acknowledged or its timeout (milliseconds) passed; Redis 7.0 does "
                    + "not flag it blocking",
            "WAITAOF", "blocks like WAIT (Redis 7.2+)");

    /**
     * Catalog entries the test server may not know, with the reason: the catalog lists them so that their effect on
     * a connection is known wherever they exist.
     */
    private static final Map<String, String> ABSENT_FROM_TEST_SERVER = Map.of(
            "WAITAOF", "Redis 7.2+",
            "CLIENT NO-TOUCH", "Redis 7.2+",
            "CLIENT SETINFO", "Redis 7.2+",
            "SENTINEL", "only Sentinel processes know it");

    /**
     * Methods for which reflection cannot build a valid call, with the arguments to use instead (after the codec).
     * An override applies to every overload of its method name.
     */
    static final Map<String, List<Object>> ARGUMENT_OVERRIDES = Map.ofEntries(
            // geo (geobits): coordinates have no NONE sample, a search needs a centre and a shape
            Map.entry("GeoDefs.geoadd", List.of("k1", Map.of("m1", GeoCoordinates.of(13.36, 38.11)),
                    GeoAddArgs.NONE)),
            Map.entry("GeoDefs.geosearch", List.of("k1", GeoSearchArgs.fromMember("m1").byRadius(1, GeoUnit.KM)
                    .withDist())),
            Map.entry("GeoDefs.geosearchstore", List.of("k1", "k2", GeoSearchArgs.fromLonLat(13.36, 38.11)
                    .byBox(1, 2, GeoUnit.KM), true)),
            Map.entry("GeoDefs.georadius", List.of("k1", GeoSearchArgs.fromLonLat(13.36, 38.11)
                    .byRadius(1, GeoUnit.KM))),
            Map.entry("GeoDefs.georadiusRo", List.of("k1", GeoSearchArgs.fromLonLat(13.36, 38.11)
                    .byRadius(1, GeoUnit.KM))),
            Map.entry("GeoDefs.georadiusbymember", List.of("k1", GeoSearchArgs.fromMember("m1")
                    .byRadius(1, GeoUnit.KM))),
            Map.entry("GeoDefs.georadiusbymemberRo", List.of("k1", GeoSearchArgs.fromMember("m1")
                    .byRadius(1, GeoUnit.KM))),
            Map.entry("GeoDefs.georadiusStore", List.of("k1", GeoSearchArgs.fromLonLat(13.36, 38.11)
                    .byRadius(1, GeoUnit.KM).count(3), "k2", false)),
            Map.entry("GeoDefs.georadiusbymemberStore", List.of("k1", GeoSearchArgs.fromMember("m1")
                    .byRadius(1, GeoUnit.KM), "k2", true)),
            // keyspace, list/set/sorted-set extras, scripting and functions (branch keyspace)
            Map.entry("KeyspaceDefs.restore", List.of("k1", new byte[] {1, 2}, RestoreArgs.NONE)),
            Map.entry("SortedSetAlgebraDefs.zrangestoreByLex", List.of("k1", "k2", LexRange.ALL, ZRangeArgs.NONE)),
            Map.entry("SortedSetLexDefs.zlexcount", List.of("k1", LexRange.ALL)),
            Map.entry("SortedSetLexDefs.zremrangebylex", List.of("k1", LexRange.ALL)),
            Map.entry("SortedSetLexDefs.zrangebylex", List.of("k1", LexRange.ALL, 0L, -1L)),
            Map.entry("SortedSetLexDefs.zrevrangebylex", List.of("k1", LexRange.ALL, 0L, -1L)),
            Map.entry("FunctionDefs.functionList", List.of("k1", true)),
            Map.entry("FunctionDefs.functionLoad", List.of("k1", true)),
            Map.entry("FunctionDefs.functionRestore", List.of(new byte[] {1, 2}, FunctionRestorePolicy.REPLACE)),
            // end keyspace
            // streams (StreamDefs, StreamGroupDefs, StreamInfoDefs): ids, bounds, offsets and trim strategies have
            // no generic sample; XREAD and XREADGROUP samples block, as the server flags both blocking
            Map.entry("StreamDefs.xtrim", List.of("k1", XTrimArgs.maxLen(1))),
            Map.entry("StreamDefs.xdel", List.of("k1", List.of(StreamEntryId.of(1, 0), StreamEntryId.of(2, 0)))),
            Map.entry("StreamDefs.xrange", List.of("k1", StreamBound.unbounded(), StreamEntryId.of(1, 0))),
            Map.entry("StreamDefs.xrangeCount", List.of("k1", StreamEntryId.of(1, 0), StreamBound.unbounded(), 5L)),
            Map.entry("StreamDefs.xrevrange", List.of("k1", StreamBound.unbounded(),
                    StreamBound.exclusive(StreamEntryId.of(1, 0)))),
            Map.entry("StreamDefs.xrevrangeCount", List.of("k1", StreamBound.unbounded(), StreamEntryId.MIN, 5L)),
            Map.entry("StreamDefs.xread", List.of(XReadArgs.block(Duration.ofMillis(10)),
                    sampleOffsets(StreamOffset.latest()))),
            Map.entry("StreamDefs.xreadStream", List.of(XReadArgs.block(Duration.ofMillis(10)).withCount(2), "k1",
                    StreamEntryId.MIN)),
            Map.entry("StreamDefs.xsetid", List.of("k1", StreamEntryId.of(1, 0))),
            Map.entry("StreamDefs.xsetidFull", List.of("k1", StreamEntryId.of(1, 0), 3L, StreamEntryId.MIN)),
            Map.entry("StreamGroupDefs.xgroupCreate", List.of("k1", "g", StreamOffset.latest(),
                    XGroupCreateArgs.NONE.withMkStream().withEntriesRead(2))),
            Map.entry("StreamGroupDefs.xgroupSetid", List.of("k1", "g", StreamEntryId.MIN, 3L)),
            Map.entry("StreamGroupDefs.xreadgroup", List.of("g", "c", XReadArgs.block(Duration.ZERO).withNoAck(),
                    sampleOffsets(StreamOffset.undelivered()))),
            Map.entry("StreamGroupDefs.xreadgroupStream", List.of("g", "c", XReadArgs.block(Duration.ofSeconds(1)),
                    "k1", StreamEntryId.MIN)),
            Map.entry("StreamGroupDefs.xack", List.of("k1", "g", List.of(StreamEntryId.of(1, 0)))),
            Map.entry("StreamGroupDefs.xpendingRange", List.of("k1", "g", XPendingArgs.of(10)
                    .withMinIdle(Duration.ofSeconds(1)).withConsumer("c"))),
            Map.entry("StreamGroupDefs.xclaim", List.of("k1", "g", "c", Duration.ofSeconds(1),
                    List.of(StreamEntryId.of(1, 0)), XClaimArgs.NONE.withRetryCount(2).withForce())),
            Map.entry("StreamGroupDefs.xclaimJustid", List.of("k1", "g", "c", Duration.ofSeconds(1),
                    List.of(StreamEntryId.of(1, 0)), XClaimArgs.NONE.withLastId(StreamEntryId.MIN))),
            Map.entry("StreamGroupDefs.xautoclaim", List.of("k1", "g", "c", Duration.ZERO, StreamEntryId.MIN, 5L)),
            Map.entry("StreamGroupDefs.xautoclaimJustid", List.of("k1", "g", "c", Duration.ZERO, StreamEntryId.MIN,
                    5L)),
            // server, admin, connection (admin helper)
            Map.entry("ClientDefs.clientKill", List.of(ClientKillArgs.NONE.withId(1))),
            Map.entry("AdminDefs.commandGetKeys", List.of(List.of("GET", "k1"))),
            Map.entry("AdminDefs.commandGetKeysAndFlags", List.of(List.of("GET", "k1"))),
            // cluster management (clusteradmin): slots as int varargs, SETSLOT's action
            Map.entry("ClusterAdminDefs.clusterAddSlots", List.of(new int[] {1, 2})),
            Map.entry("ClusterAdminDefs.clusterDelSlots", List.of(new int[] {1, 2})),
            Map.entry("ClusterAdminDefs.clusterSetSlot", List.of(7, ClusterSetSlot.stable())),
            Map.entry("ClusterAdminDefs.clusterAddSlotsRanges", List.of(List.of(new SlotRange(1, 2)))),
            Map.entry("ClusterAdminDefs.clusterDelSlotsRanges", List.of(List.of(new SlotRange(1, 2))))
    );


    /** Two streams, "k1" and "k2", each read from {@code offset}, in that order. */
    private static Map<String, StreamOffset> sampleOffsets(StreamOffset offset) {
        Map<String, StreamOffset> streams = new LinkedHashMap<>();
        streams.put("k1", offset);
        streams.put("k2", offset);
        return streams;
    }


    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void everyTypedCommandAgreesWithTheServerOnKeysAndFlags(RespVersion protocol, RedisServer server)
            throws Exception {
        List<Method> methods = DefsSamples.defsMethods();
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        Set<String> usedDifferences = new HashSet<>();
        Map<String, List<?>> infoCache = new LinkedHashMap<>();
        int keys = 0;
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            for (Method method : methods) {
                String where = method.getDeclaringClass().getSimpleName() + "." + method.getName()
                        + Arrays.toString(method.getParameterTypes()).replace("class ", "")
                        .replace("interface ", "");
                Command<?> cmd;
                try {
                    cmd = (Command<?>) method.invoke(null, DefsSamples.arguments(method, ARGUMENT_OVERRIDES));
                } catch (InvocationTargetException | NoSuchFieldException | IllegalArgumentException
                        | UnsupportedOperationException e) {
                    Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
                    problems.add(where + ": cannot build a sample call (" + cause + "); add it to ARGUMENT_OVERRIDES");
                    continue;
                }
                names.add(cmd.name());
                CommandSpec catalog = CommandSpecs.lookup(cmd.name().split(" "));
                if (cmd.spec() != catalog || !catalog.isKnown() || !catalog.name().equals(cmd.name())) {
                    problems.add(where + ": carries " + cmd.spec() + " but the catalog has " + catalog);
                }
                keys += checkKeys(redis, cmd, where, problems);
                List<?> info = infoCache.computeIfAbsent(cmd.name(), n -> info(redis, n));
                checkFlags(cmd, info, where, problems, usedDifferences);
            }
        }
        Set<String> stale = new TreeSet<>(READ_ONLY_DIFFERENCES.keySet());
        stale.removeAll(usedDifferences);
        for (String name : stale) {
            problems.add(name + ": listed in READ_ONLY_DIFFERENCES but agrees with the server (or is gone)");
        }
        System.out.printf("CommandSpecIntegrationTests[%s]: %d typed command methods (%d distinct commands) and "
                + "%d keys checked against COMMAND GETKEYS/INFO, %d disagreements%n", protocol, methods.size(),
                names.size(), keys, problems.size());
        assertThat(problems).as("typed commands that disagree with the server").isEmpty();
        assertThat(methods).hasSizeGreaterThan(100);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void everyCatalogEntryAgreesWithTheServerOnFlags(RespVersion protocol, RedisServer server) {
        List<String> problems = new ArrayList<>();
        Set<String> usedDifferences = new HashSet<>();
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            for (CommandSpec spec : CommandSpecs.all()) {
                List<?> info = info(redis, spec.name());
                if (info == null) {
                    if (!ABSENT_FROM_TEST_SERVER.containsKey(spec.name())) {
                        problems.add(spec + ": the server does not know it");
                    }
                    continue;
                }
                Set<String> flags = flags(info);
                boolean serverReadOnly = flags.contains("readonly") && !flags.contains("write");
                if (spec.isReadOnly() != serverReadOnly) {
                    if (READ_ONLY_DIFFERENCES.containsKey(spec.name()) && spec.isReadOnly()) {
                        usedDifferences.add(spec.name());
                    } else {
                        problems.add(spec + ": read-only, but the server flags " + flags);
                    }
                }
                if (spec.isWrite() != flags.contains("write")) {
                    problems.add(spec + ": write, but the server flags " + flags);
                }
                if (spec.isBlocking() != flags.contains("blocking")
                        && !(spec.isBlocking() && BLOCKING_DIFFERENCES.containsKey(spec.name()))) {
                    problems.add(spec + ": blocking, but the server flags " + flags);
                }
                if (spec.hasNoReply() != flags.contains("pubsub") && spec.hasNoReply()) {
                    problems.add(spec + ": no single reply, but the server does not flag it pubsub: " + flags);
                }
            }
            // The server's view of dedicated and state-changing commands, over every command it has.
            for (Object entry : (List<?>) redis.execute("COMMAND")) {
                List<?> info = (List<?>) entry;
                String name = String.valueOf(info.get(0)).toUpperCase(Locale.ROOT);
                CommandSpec spec = CommandSpecs.lookup(name);
                Set<String> flags = flags(info);
                if (flags.contains("blocking") && !(spec.isDedicated() && spec.isBlocking())) {
                    problems.add(name + ": the server flags it blocking, but the catalog has " + spec);
                }
                Set<String> categories = categories(info);
                boolean subscribes = name.endsWith("SUBSCRIBE") && flags.contains("pubsub");
                if ((categories.contains("@transaction") || subscribes) && !spec.changesConnectionState()) {
                    problems.add(name + ": the server puts it in " + categories + ", but the catalog has " + spec);
                }
            }
        }
        Set<String> unused = new TreeSet<>(READ_ONLY_DIFFERENCES.keySet());
        unused.removeAll(usedDifferences);
        for (String name : unused) {
            problems.add(name + ": listed in READ_ONLY_DIFFERENCES but no catalog entry differs (or it is gone)");
        }
        System.out.printf("CommandSpecIntegrationTests[%s]: %d catalog entries checked against COMMAND INFO, "
                + "%d disagreements%n", protocol, CommandSpecs.all().size(), problems.size());
        assertThat(problems).as("catalog entries that disagree with the server").isEmpty();
        assertThat(CommandSpecs.all()).filteredOn(CommandSpec::changesConnectionState).allSatisfy(spec -> assertThat(
                spec.isDedicated()).as(spec.name()).isTrue());
    }

    private static Set<String> flags(List<?> info) {
        Set<String> flags = new HashSet<>();
        for (Object flag : (Collection<?>) info.get(2)) {
            flags.add(String.valueOf(flag).toLowerCase(Locale.ROOT));
        }
        return flags;
    }

    /** The ACL categories of a COMMAND INFO entry (Redis 6+: its seventh element). */
    private static Set<String> categories(List<?> info) {
        Set<String> categories = new HashSet<>();
        if (info.size() > 6) {
            for (Object category : (Collection<?>) info.get(6)) {
                categories.add(String.valueOf(category).toLowerCase(Locale.ROOT));
            }
        }
        return categories;
    }

    private static int checkKeys(RedisClient<String> redis, Command<?> cmd, String where, List<String> problems) {
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < cmd.keyCount(); i++) {
            ours.add(cmd.argumentText(cmd.keyPosition(i)));
        }
        Object[] args = new Object[cmd.argumentCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = cmd.argumentText(i);
        }
        // COMMAND GETKEYS needs at least one argument after the name: a bare PING or TIME has no keys anyway.
        List<?> theirs = List.of();
        if (args.length > 1) {
            try {
                theirs = (List<?>) redis.execute("COMMAND GETKEYS", args);
            } catch (RedisServerException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.contains("no key arguments") && !message.contains("Invalid arguments specified")) {
                    problems.add(where + ": COMMAND GETKEYS rejected the sample call: " + message);
                    return 0;
                }
            }
        }
        if (!ours.equals(theirs)) {
            problems.add(where + ": keys " + ours + " but the server says " + theirs);
        }
        return ours.size();
    }

    private static void checkFlags(Command<?> cmd, List<?> info, String where, List<String> problems,
            Set<String> usedDifferences) {
        if (info == null) {
            problems.add(where + ": the server does not know " + cmd.name());
            return;
        }
        Set<String> flags = flags(info);
        boolean serverReadOnly = flags.contains("readonly") && !flags.contains("write");
        if (cmd.isReadOnly() != serverReadOnly) {
            if (READ_ONLY_DIFFERENCES.containsKey(cmd.name()) && cmd.isReadOnly()) {
                usedDifferences.add(cmd.name());
            } else {
                problems.add(where + ": isReadOnly()=" + cmd.isReadOnly() + " but the server flags " + flags);
            }
        }
        boolean serverBlocking = flags.contains("blocking");
        if ((cmd.blockMillis() >= 0) != serverBlocking
                && !(cmd.blockMillis() >= 0 && BLOCKING_DIFFERENCES.containsKey(cmd.name()))) {
            problems.add(where + ": blockMillis()=" + cmd.blockMillis() + " but the server flags " + flags);
        }
    }

    /** COMMAND INFO for a command name; {@code "CONFIG GET"} is asked as {@code config|get}. */
    private static List<?> info(RedisClient<String> redis, String name) {
        String serverName = String.join("|", name.toLowerCase(Locale.ROOT).split(" "));
        List<?> reply = (List<?>) redis.execute("COMMAND INFO", serverName);
        return reply.isEmpty() ? null : (List<?>) reply.get(0);
    }
}
