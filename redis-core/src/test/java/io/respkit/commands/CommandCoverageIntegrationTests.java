package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures respkit's typed commands against the test server's: every command of {@code COMMAND LIST}, and every
 * subcommand of a container command ({@code ACL CAT}, {@code CLIENT KILL}: the container itself is not a call) from
 * {@code COMMAND INFO}, must be typed, that is built by some public static method of a {@code *Defs} class (found
 * and called with sample arguments by {@link DefsSamples}, as {@link CommandSpecIntegrationTests} does), or be
 * listed below: {@link #TYPED_ELSEWHERE} (sent by an API of its own rather than a {@code *Defs} method),
 * {@link #EXCLUDED} (not for clients, with the reason) or {@link #NOT_YET_TYPED} (issue 11 work still open, with its
 * family). Every {@code HELP} subcommand is excluded by rule: it returns usage text for people at a terminal. The test
 * also fails for a listed name that is typed after all, or that the server does not know, so that the tables shrink as
 * work lands. It prints the coverage figure: typed (by {@code *Defs} or elsewhere) over not excluded.
 *
 * <p>Not thread-safe; one run.
 */
@ExtendWith(RedisServerExtension.class)
class CommandCoverageIntegrationTests {

    /** Commands respkit sends through an API of its own rather than a {@code *Defs} method, and which API. */
    static final Map<String, String> TYPED_ELSEWHERE = Map.ofEntries(
            entry("MULTI", "RedisClient.transaction / Pipeline transactions (Transaction)"),
            entry("EXEC", "RedisClient.transaction / Pipeline transactions (Transaction)"),
            entry("DISCARD", "RedisClient.transaction / Pipeline transactions (Transaction)"),
            entry("WATCH", "RedisClient.transaction(watchKeys, ...) and Pipeline"),
            entry("UNWATCH", "ends with the transaction; the pool discards a connection left watching"),
            entry("SUBSCRIBE", "io.respkit.pubsub.Subscriber.subscribe"),
            entry("UNSUBSCRIBE", "io.respkit.pubsub.Subscriber.unsubscribe"),
            entry("PSUBSCRIBE", "io.respkit.pubsub.Subscriber.psubscribe"),
            entry("PUNSUBSCRIBE", "io.respkit.pubsub.Subscriber.punsubscribe"),
            entry("SSUBSCRIBE", "io.respkit.pubsub.Subscriber.ssubscribe"),
            entry("SUNSUBSCRIBE", "io.respkit.pubsub.Subscriber.sunsubscribe"),
            entry("HELLO", "the connection handshake (RedisConfig.protocol, credentials, client name)"),
            entry("AUTH", "the connection handshake (RedisConfig credentials)"));

    private static final String CLUSTER_CONNECTION_MODE = "a cluster node connection's mode, which respkit's cluster "
            + "routing sends itself on connections it owns (on a pooled connection it would change how the next "
            + "borrower's commands are served): ";

    /** Commands that are not for client applications or operators' tools, each with the reason. */
    static final Map<String, String> EXCLUDED = Map.ofEntries(
            entry("SYNC", "replication internals: a replica's full-sync request"),
            entry("PSYNC", "replication internals: a replica's partial-sync request"),
            entry("REPLCONF", "replication internals: replica-to-primary configuration"),
            entry("DEBUG", "server debugging; can crash or stall the server"),
            entry("PFDEBUG", "HyperLogLog internals, for Redis' own tests"),
            entry("PFSELFTEST", "HyperLogLog internals, for Redis' own tests"),
            entry("LOLWUT", "prints ASCII art and the version; nothing for applications"),
            entry("RESTORE-ASKING", "cluster internals: sent by MIGRATE between nodes during slot migration"),
            entry("SLAVEOF", "deprecated alias of REPLICAOF"),
            entry("CLUSTER SLAVES", "deprecated alias of CLUSTER REPLICAS"),
            entry("SCRIPT DEBUG", "interactive Lua debugger, driven by redis-cli --ldb"),
            entry("CLIENT REPLY", "OFF/SKIP break the one-reply-per-command pairing every connection relies on; "
                    + "respkit refuses to send them"),
            entry("MONITOR", "a debugging firehose of every command the server runs (costs the server much of its "
                    + "throughput); use redis-cli monitor"),
            entry("QUIT", "deprecated since Redis 7.2; closing the client or connection does it"),
            entry("SHUTDOWN", "stops the server: an operator action respkit should not offer next to data calls"),
            entry("ASKING", CLUSTER_CONNECTION_MODE + "before the one command an ASK redirect retries"),
            entry("READONLY", CLUSTER_CONNECTION_MODE + "on replica connections when reads may go to replicas"),
            entry("READWRITE", CLUSTER_CONNECTION_MODE + "to undo READONLY"));

    /** Issue 11 work still open, each with the family (and helper) it belongs to. */
    static final Map<String, String> NOT_YET_TYPED = Map.of();

    @Test
    void everyServerCommandIsTypedOrListed(RedisServer server) throws ReflectiveOperationException, Exception {
        Set<String> serverCommands = new TreeSet<>();
        Set<String> containers = new TreeSet<>();
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().build())) {
            for (Object name : (List<?>) redis.execute("COMMAND LIST")) {
                serverCommands.add(normalise(name));
            }
            for (Object entry : (List<?>) redis.execute("COMMAND")) {
                List<?> info = (List<?>) entry;
                if (info.size() > 9 && info.get(9) instanceof List<?> subs && !subs.isEmpty()) {
                    containers.add(normalise(info.get(0)));
                    for (Object sub : subs) {
                        serverCommands.add(normalise(((List<?>) sub).get(0)));
                    }
                }
            }
        }
        serverCommands.removeAll(containers);
        Set<String> typed = typedByDefs();

        List<String> problems = new ArrayList<>();
        Map<String, String> untyped = new TreeMap<>();
        int excluded = 0;
        int covered = 0;
        for (String name : serverCommands) {
            if (EXCLUDED.containsKey(name) || name.endsWith(" HELP")) {
                excluded++;
            } else if (typed.contains(name) || TYPED_ELSEWHERE.containsKey(name)) {
                covered++;
            } else if (!NOT_YET_TYPED.containsKey(name)) {
                untyped.put(name, "neither typed nor listed");
            }
        }
        untyped.forEach((name, why) -> problems.add(name + ": " + why));
        checkTable("EXCLUDED", EXCLUDED, typed, serverCommands, problems);
        checkTable("TYPED_ELSEWHERE", TYPED_ELSEWHERE, typed, serverCommands, problems);
        checkTable("NOT_YET_TYPED", NOT_YET_TYPED, typed, serverCommands, problems);
        int candidates = serverCommands.size() - excluded;
        System.out.printf(Locale.ROOT, "CommandCoverageIntegrationTests: %d of %d non-excluded server commands typed "
                        + "(%.1f%%; %d by *Defs, %d elsewhere), %d excluded, %d not yet typed%n", covered, candidates,
                100.0 * covered / candidates, covered - countIn(TYPED_ELSEWHERE, serverCommands),
                countIn(TYPED_ELSEWHERE, serverCommands), excluded, candidates - covered);
        assertThat(problems).as("server commands neither typed nor listed, and stale table entries").isEmpty();
    }

    private static void checkTable(String table, Map<String, String> entries, Set<String> typed,
            Set<String> serverCommands, List<String> problems) {
        for (String name : new TreeSet<>(entries.keySet())) {
            if (typed.contains(name)) {
                problems.add(name + ": listed in " + table + " but a *Defs method types it");
            }
            if (!serverCommands.contains(name)) {
                problems.add(name + ": listed in " + table + " but the server does not know it");
            }
        }
    }

    private static int countIn(Map<String, String> table, Set<String> serverCommands) {
        return (int) table.keySet().stream().filter(serverCommands::contains).count();
    }

    /** The command names ("GET", "CLIENT KILL") some {@code *Defs} method builds. */
    private static Set<String> typedByDefs() throws Exception {
        Set<String> typed = new TreeSet<>();
        for (Method method : DefsSamples.defsMethods()) {
            try {
                Command<?> cmd = (Command<?>) method.invoke(null,
                        DefsSamples.arguments(method, CommandSpecIntegrationTests.ARGUMENT_OVERRIDES));
                typed.add(cmd.name());
            } catch (InvocationTargetException | NoSuchFieldException | IllegalArgumentException
                     | UnsupportedOperationException e) {
                // CommandSpecIntegrationTests reports a method it cannot build; its command shows here as untyped.
            }
        }
        return typed;
    }

    /** {@code "client|kill"} as {@code "CLIENT KILL"}. */
    private static String normalise(Object name) {
        return String.valueOf(name).replace('|', ' ').toUpperCase(Locale.ROOT);
    }
}
