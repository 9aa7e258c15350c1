package io.respkit.internal.server;

import io.respkit.commands.RequestPolicy;
import io.respkit.commands.ResponsePolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) for {@link CommandTips}: every tip value Redis documents reads as its constant, in any case;
 * no tip is {@code DEFAULT}; values respkit does not know and contradicting tips are {@code SPECIAL}, never a
 * failure; and {@link CommandInfo} reads the tips of redis-server 7.0.15's captured replies. Not thread-safe.
 */
class CommandTipsTests {

    @Test
    void everyDocumentedRequestPolicyReadsAsItsConstant() {
        assertThat(CommandTips.requestPolicy(List.of("request_policy:all_shards"))).isEqualTo(RequestPolicy.ALL_SHARDS);
        for (RequestPolicy policy : RequestPolicy.values()) {
            if (policy != RequestPolicy.DEFAULT) {
                String tip = "request_policy:" + policy.name().toLowerCase(Locale.ROOT);
                assertThat(CommandTips.requestPolicy(List.of("nondeterministic_output", tip))).isEqualTo(policy);
                assertThat(CommandTips.requestPolicy(List.of(tip.toUpperCase(Locale.ROOT)))).isEqualTo(policy);
            }
        }
    }

    @Test
    void everyDocumentedResponsePolicyReadsAsItsConstant() {
        assertThat(CommandTips.responsePolicy(List.of("response_policy:agg_sum"))).isEqualTo(ResponsePolicy.AGG_SUM);
        for (ResponsePolicy policy : ResponsePolicy.values()) {
            if (policy != ResponsePolicy.DEFAULT) {
                String tip = "response_policy:" + policy.name().toLowerCase(Locale.ROOT);
                assertThat(CommandTips.responsePolicy(List.of(tip, "request_policy:all_nodes"))).isEqualTo(policy);
                assertThat(CommandTips.responsePolicy(List.of(tip.toUpperCase(Locale.ROOT)))).isEqualTo(policy);
            }
        }
    }

    @Test
    void noTipIsDefault() {
        assertThat(CommandTips.requestPolicy(List.of())).isEqualTo(RequestPolicy.DEFAULT);
        assertThat(CommandTips.responsePolicy(List.of())).isEqualTo(ResponsePolicy.DEFAULT);
        List<String> others = List.of("nondeterministic_output_order", "response_policy:all_succeeded");
        assertThat(CommandTips.requestPolicy(others)).isEqualTo(RequestPolicy.DEFAULT);
        assertThat(CommandTips.responsePolicy(List.of("request_policy:multi_shard")))
                .isEqualTo(ResponsePolicy.DEFAULT);
        // The prefix alone names no policy: "default" is not a value servers send.
        assertThat(CommandTips.requestPolicy(List.of("request_policy:default"))).isEqualTo(RequestPolicy.SPECIAL);
    }

    @Test
    void unknownValuesAreSpecialAndNeverFail() {
        assertThat(CommandTips.requestPolicy(List.of("request_policy:some_later_value")))
                .isEqualTo(RequestPolicy.SPECIAL);
        assertThat(CommandTips.responsePolicy(List.of("response_policy:agg_median"))).isEqualTo(ResponsePolicy.SPECIAL);
        assertThat(CommandTips.requestPolicy(List.of("request_policy:"))).isEqualTo(RequestPolicy.SPECIAL);
        assertThat(CommandTips.responsePolicy(List.of("response_policy:"))).isEqualTo(ResponsePolicy.SPECIAL);
        // Two different values of one tip: no generic rule can hold for both.
        assertThat(CommandTips.requestPolicy(List.of("request_policy:all_nodes", "request_policy:all_shards")))
                .isEqualTo(RequestPolicy.SPECIAL);
        assertThat(CommandTips.responsePolicy(List.of("response_policy:agg_min", "response_policy:agg_min")))
                .isEqualTo(ResponsePolicy.AGG_MIN);
    }

    @Test
    void commandInfoReadsThePoliciesOfRedis70Replies() {
        for (int protocol : new int[] {2, 3}) {
            CommandInfo mset = CommandInfoParserTests.captured70(protocol).get("mset");
            assertThat(mset.requestPolicy()).isEqualTo(RequestPolicy.MULTI_SHARD);
            assertThat(mset.responsePolicy()).isEqualTo(ResponsePolicy.ALL_SUCCEEDED);
            CommandInfo get = CommandInfoParserTests.captured70(protocol).get("get");
            assertThat(get.requestPolicy()).isEqualTo(RequestPolicy.DEFAULT);
            assertThat(get.responsePolicy()).isEqualTo(ResponsePolicy.DEFAULT);
        }
        CommandInfo upper = new CommandInfo("dbsize", 1, Set.of(), CommandInfo.LegacyKeyRange.NONE, Set.of(),
                Set.of("REQUEST_POLICY:ALL_SHARDS", "RESPONSE_POLICY:AGG_SUM"), List.of(), java.util.Map.of());
        assertThat(upper.requestPolicy()).isEqualTo(RequestPolicy.ALL_SHARDS);
        assertThat(upper.responsePolicy()).isEqualTo(ResponsePolicy.AGG_SUM);
    }
}
