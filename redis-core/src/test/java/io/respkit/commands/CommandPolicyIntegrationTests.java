package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the catalog's cluster policies against the server's command tips: for every command and subcommand the
 * server lists in {@code COMMAND}, the spec respkit gives that name ({@link CommandSpecs#lookup(String[])}: the
 * catalog's entry, its container's for a subcommand it does not know, {@link CommandSpec#UNKNOWN} for a command it
 * does not know) must have the {@link CommandSpec#requestPolicy()} and {@link CommandSpec#responsePolicy()} its
 * {@code request_policy} and {@code response_policy} tips state, {@code DEFAULT} without a tip. The tips are read
 * here from the raw reply, independently of {@code CommandTips}. Catalog entries the test server does not know
 * must match {@link #ABSENT_FROM_TEST_SERVER}. Not thread-safe; one run per protocol.
 */
@ExtendWith(RedisServerExtension.class)
class CommandPolicyIntegrationTests {

    /**
     * The policies of catalog entries the test server (7.0) does not have, as the server source that has them
     * ({@code src/commands/*.json} of redis/redis) states them; every other absent entry has none.
     */
    private static final Map<String, List<String>> ABSENT_FROM_TEST_SERVER = Map.of(
            "WAITAOF", List.of("ALL_SHARDS", "AGG_MIN")); // Redis 7.2+

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void everyCommandHasThePoliciesTheServerTipsState(RespVersion protocol, RedisServer server) {
        List<String> problems = new ArrayList<>();
        Map<String, String> nonDefault = new TreeMap<>();
        Set<String> listed = new TreeSet<>();
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            List<List<?>> entries = new ArrayList<>();
            for (Object entry : (List<?>) redis.execute("COMMAND")) {
                entries.add((List<?>) entry);
            }
            for (int i = 0; i < entries.size(); i++) { // grows with the subcommands, checked in turn
                List<?> info = entries.get(i);
                if (info.size() > 9) {
                    for (Object sub : (Collection<?>) info.get(9)) {
                        entries.add((List<?>) sub);
                    }
                }
                String name = String.valueOf(info.get(0)).toUpperCase(Locale.ROOT).replace('|', ' ');
                listed.add(name);
                Set<String> tips = tips(info);
                RequestPolicy request = RequestPolicy.valueOf(tip(tips, "request_policy:"));
                ResponsePolicy response = ResponsePolicy.valueOf(tip(tips, "response_policy:"));
                CommandSpec spec = CommandSpecs.lookup(name.split(" "));
                if (spec.requestPolicy() != request || spec.responsePolicy() != response) {
                    problems.add(name + ": the server's tips say " + request + "/" + response + ", but respkit has "
                            + spec);
                }
                if (request != RequestPolicy.DEFAULT || response != ResponsePolicy.DEFAULT) {
                    nonDefault.put(name, request + "/" + response);
                }
            }
        }
        for (CommandSpec spec : CommandSpecs.all()) {
            if (!listed.contains(spec.name())) {
                List<String> expected = ABSENT_FROM_TEST_SERVER.getOrDefault(spec.name(),
                        List.of("DEFAULT", "DEFAULT"));
                if (!spec.requestPolicy().name().equals(expected.get(0))
                        || !spec.responsePolicy().name().equals(expected.get(1))) {
                    problems.add(spec + ": not on the test server, expected " + expected);
                }
            }
        }
        System.out.printf("CommandPolicyIntegrationTests[%s]: %d commands and subcommands checked, %d with policies "
                + "%s, %d disagreements%n", protocol, listed.size(), nonDefault.size(), nonDefault, problems.size());
        assertThat(problems).as("commands whose policies disagree with the server's tips").isEmpty();
        assertThat(nonDefault).as("the server states policies (Redis 7+)").isNotEmpty();
    }

    /** The tips of a COMMAND entry (Redis 7+: its eighth element), lower case. */
    private static Set<String> tips(List<?> info) {
        Set<String> tips = new TreeSet<>();
        if (info.size() > 7) {
            for (Object tip : (Collection<?>) info.get(7)) {
                tips.add(String.valueOf(tip).toLowerCase(Locale.ROOT));
            }
        }
        return tips;
    }

    /** The enum constant's name a tip states ({@code ALL_SHARDS}), {@code DEFAULT} without the tip. */
    private static String tip(Set<String> tips, String prefix) {
        for (String tip : tips) {
            if (tip.startsWith(prefix)) {
                return tip.substring(prefix.length()).toUpperCase(Locale.ROOT);
            }
        }
        return "DEFAULT";
    }
}
