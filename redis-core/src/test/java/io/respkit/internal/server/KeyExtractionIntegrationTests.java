package io.respkit.internal.server;

import io.respkit.RedisClient;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks key extraction against the server's own {@code COMMAND GETKEYS} for every command and subcommand in the
 * test server's {@code COMMAND LIST}: each is looked up through {@link ServerCommandTable} (one {@code COMMAND INFO}
 * per name), sample argument lists are built from its {@code COMMAND DOCS} layout (plus the hand-written
 * {@link #SAMPLES} for shapes the layouts do not reach), and wherever extraction resolves the keys itself they must
 * equal, in order, what {@code COMMAND GETKEYS} answers. Each sample is also run through the same entry stripped to
 * what Redis 6.x reports (no key specs, no subcommands), whose legacy range must agree as well unless the command is
 * {@code movablekeys}. Samples for which extraction answers "ask the server" are counted and reported. Not
 * thread-safe; one run per protocol.
 */
@ExtendWith(RedisServerExtension.class)
class KeyExtractionIntegrationTests {

    /** Extra samples for keyword positions and key counts the generated layouts do not exercise. */
    private static final List<List<String>> SAMPLES = List.of(
            List.of("XREAD", "COUNT", "1", "BLOCK", "0", "STREAMS", "a", "b", "c", "0", "0", "0"),
            List.of("XREADGROUP", "GROUP", "g", "c", "NOACK", "STREAMS", "a", "b", ">", ">"),
            List.of("GEORADIUSBYMEMBER", "k", "m", "1", "km", "STOREDIST", "d"),
            List.of("GEORADIUS", "k", "0", "0", "1", "m", "STORE", "d", "STOREDIST", "e"),
            List.of("MSET", "a", "1", "b", "2", "c", "3"),
            List.of("ZUNIONSTORE", "d", "3", "a", "b", "c", "WEIGHTS", "1", "2", "3"),
            List.of("ZINTERCARD", "1", "a", "LIMIT", "5"),
            List.of("LMPOP", "3", "a", "b", "c", "LEFT", "COUNT", "2"),
            List.of("BLMPOP", "0", "2", "a", "b", "RIGHT"),
            List.of("EVAL", "return 1", "2", "a", "b", "x", "y"),
            List.of("FCALL_RO", "f", "1", "a", "x"),
            List.of("SORT", "k", "BY", "w:*", "GET", "#", "STORE", "d"),
            List.of("MIGRATE", "127.0.0.1", "1", "", "0", "5", "KEYS", "a", "b"),
            List.of("OBJECT", "ENCODING", "k"),
            List.of("XINFO", "STREAM", "s", "FULL"),
            List.of("MEMORY", "USAGE", "k", "SAMPLES", "5"),
            List.of("BLPOP", "a", "b", "c", "0"),
            List.of("BITFIELD", "k", "GET", "u8", "0", "SET", "u8", "0", "1"),
            List.of("SET", "k", "v", "GET", "EX", "10"));

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void everyCommandWithKeysAgreesWithCommandGetKeys(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            ServerCommandTable table = new ServerCommandTable();
            CommandRunner runner = redis::execute;
            Map<String, List<CommandDocsSamples.Arg>> layouts = CommandDocsSamples.layouts(
                    redis.execute(Command.create(StringCodec.UTF8, "COMMAND DOCS", ReplyDecoders.raw())));
            List<?> names = (List<?>) redis.execute("COMMAND", "LIST");
            List<String> problems = new ArrayList<>();
            Set<String> withKeys = new TreeSet<>();
            Set<String> askedServer = new TreeSet<>();
            int[] counts = new int[3]; // samples checked, samples that needed GETKEYS, samples the server rejected
            for (Object n : names) {
                String name = ((String) n).toLowerCase(Locale.ROOT);
                List<String> words = Arrays.asList(name.toUpperCase(Locale.ROOT).split("\\|"));
                Optional<CommandInfo> top = table.info(server.url(), words.get(0), runner);
                CommandInfo info = top.map(t -> words.size() == 1 ? t : t.subcommand(words.get(1))).orElse(null);
                if (info == null) {
                    problems.add(name + ": not found through COMMAND INFO");
                    continue;
                }
                boolean hasKeys = info.keySpecs().stream().anyMatch(s -> !s.isNotKey()) || info.hasMovableKeys()
                        || (info.keySpecs().isEmpty() && info.legacyKeys().hasKeys());
                if (hasKeys) {
                    withKeys.add(name);
                }
                List<List<String>> samples = new ArrayList<>(
                        CommandDocsSamples.samples(words, layouts.getOrDefault(name, List.of())));
                SAMPLES.stream().filter(s -> matches(s, words)).forEach(samples::add);
                int accepted = 0;
                for (List<String> sample : samples) {
                    accepted += check(redis, top.get(), info, sample, hasKeys, problems, askedServer, counts);
                }
                if (hasKeys && accepted == 0) {
                    problems.add(name + ": no sample the server accepted: " + samples + "; add one to SAMPLES");
                }
            }
            System.out.printf("KeyExtractionIntegrationTests[%s]: %d commands and subcommands in COMMAND LIST, "
                    + "%d with keys; %d samples checked against COMMAND GETKEYS (%d rejected by the server as "
                    + "samples); %d samples of %d commands needed COMMAND GETKEYS %s; %d disagreements%n",
                    protocol, names.size(), withKeys.size(), counts[0], counts[2], counts[1], askedServer.size(),
                    askedServer, problems.size());
            assertThat(problems).as("commands whose key extraction disagrees with COMMAND GETKEYS").isEmpty();
            assertThat(names).hasSizeGreaterThan(200);
            assertThat(withKeys).hasSizeGreaterThan(150);
        }
    }

    private static boolean matches(List<String> sample, List<String> words) {
        if (!sample.get(0).equalsIgnoreCase(words.get(0))) {
            return false;
        }
        return words.size() == 1 || (sample.size() > 1 && sample.get(1).equalsIgnoreCase(words.get(1)));
    }

    /** Checks one sample; returns 1 when the server accepted it as a call of the command, else 0. */
    private static int check(RedisClient<String> redis, CommandInfo top, CommandInfo info, List<String> sample,
                             boolean hasKeys, List<String> problems, Set<String> askedServer, int[] counts) {
        KeyPositions ours = KeyExtraction.keyPositions(top, Arguments.of(sample));
        List<String> theirs;
        try {
            theirs = getKeys(redis, sample);
        } catch (RedisServerException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("no key arguments")) {
                theirs = List.of();
            } else if (message.contains("Invalid arguments specified")) {
                // A key-taking command called with no key: the server finds none, and so must we.
                theirs = List.of();
            } else {
                counts[2]++;
                return 0;
            }
        }
        counts[0]++;
        if (ours instanceof KeyPositions.AskServer) {
            if (!hasKeys) {
                problems.add(info.name() + " " + sample + ": asks the server although the command has no keys");
            }
            counts[1]++;
            askedServer.add(info.name());
            return 1;
        }
        if (!(ours instanceof KeyPositions.Found found)) {
            problems.add(info.name() + " " + sample + ": " + ours);
            return 1;
        }
        compare(info.name() + " " + sample, found, sample, theirs, problems);
        // The same command as Redis 6.x describes it, without key specs: its legacy range must find the same keys
        // unless it is flagged movablekeys, which leaves them to the server. Not for not_key specs (shard
        // channels), which are new in 7.0 and show up in the legacy range as if they were keys.
        CommandInfo target = sample.size() > 1 && info.subcommand(sample.get(1)) != null
                ? info.subcommand(sample.get(1)) : info;
        if (target.keySpecs().stream().noneMatch(KeySpec::isNotKey)) {
            CommandInfo legacy = new CommandInfo(target.name(), target.arity(), target.flags(), target.legacyKeys(),
                    target.aclCategories(), Set.of(), List.of(), Map.of());
            KeyPositions legacyKeys = KeyExtraction.keyPositions(legacy, Arguments.of(sample));
            if (legacyKeys instanceof KeyPositions.Found legacyFound) {
                compare(target.name() + " " + sample + " (legacy range)", legacyFound, sample, theirs, problems);
            } else if (!target.hasMovableKeys()) {
                problems.add(target.name() + " " + sample + ": the legacy range asks the server without movablekeys");
            }
        }
        return 1;
    }

    private static void compare(String what, KeyPositions.Found found, List<String> sample, List<String> theirs,
                                List<String> problems) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < found.count(); i++) {
            keys.add(sample.get(found.position(i)));
        }
        if (!keys.equals(theirs)) {
            problems.add(what + ": extracted " + keys + ", COMMAND GETKEYS says " + theirs);
        }
    }

    private static List<String> getKeys(RedisClient<String> redis, List<String> sample) {
        if (sample.size() < 2) {
            // COMMAND GETKEYS needs an argument after the name, and the name alone is never a key.
            return List.of();
        }
        return castList(redis.execute("COMMAND GETKEYS", sample.toArray()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object reply) {
        return reply == null ? List.of() : (List<String>) reply;
    }
}
