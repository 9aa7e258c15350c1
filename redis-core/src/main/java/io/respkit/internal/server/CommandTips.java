package io.respkit.internal.server;

import io.respkit.commands.RequestPolicy;
import io.respkit.commands.ResponsePolicy;

import java.util.Locale;

/**
 * Reads the cluster policies out of a command's {@code COMMAND INFO} tips ({@code request_policy:all_shards},
 * {@code response_policy:agg_sum}). Stateless and thread-safe.
 *
 * <p>Never fails on what a server says: no tip is {@code DEFAULT}; a value respkit does not know (a later Redis may
 * add some) is {@code SPECIAL}, which tells a router that no generic rule applies, rather than {@code DEFAULT}, which
 * would send a command meant for many nodes to one without a word; two different values of the same tip are
 * {@code SPECIAL} for the same reason.
 */
public final class CommandTips {

    /** The prefix of the request policy tip. */
    public static final String REQUEST_POLICY = "request_policy:";
    /** The prefix of the response policy tip. */
    public static final String RESPONSE_POLICY = "response_policy:";

    private CommandTips() {
    }

    /**
     * Returns the request policy the tips state.
     *
     * @param tips the command's tips, any case
     * @return the policy: {@link RequestPolicy#DEFAULT} without a {@code request_policy} tip,
     *         {@link RequestPolicy#SPECIAL} for a value respkit does not know
     * @throws NullPointerException when the tips or one of them is null
     */
    public static RequestPolicy requestPolicy(Iterable<String> tips) {
        String value = value(tips, REQUEST_POLICY);
        if (value == null) {
            return RequestPolicy.DEFAULT;
        }
        return switch (value) {
            case "all_nodes" -> RequestPolicy.ALL_NODES;
            case "all_shards" -> RequestPolicy.ALL_SHARDS;
            case "multi_shard" -> RequestPolicy.MULTI_SHARD;
            default -> RequestPolicy.SPECIAL; // "special", and values of later servers
        };
    }

    /**
     * Returns the response policy the tips state.
     *
     * @param tips the command's tips, any case
     * @return the policy: {@link ResponsePolicy#DEFAULT} without a {@code response_policy} tip,
     *         {@link ResponsePolicy#SPECIAL} for a value respkit does not know
     * @throws NullPointerException when the tips or one of them is null
     */
    public static ResponsePolicy responsePolicy(Iterable<String> tips) {
        String value = value(tips, RESPONSE_POLICY);
        if (value == null) {
            return ResponsePolicy.DEFAULT;
        }
        return switch (value) {
            case "one_succeeded" -> ResponsePolicy.ONE_SUCCEEDED;
            case "all_succeeded" -> ResponsePolicy.ALL_SUCCEEDED;
            case "agg_logical_and" -> ResponsePolicy.AGG_LOGICAL_AND;
            case "agg_logical_or" -> ResponsePolicy.AGG_LOGICAL_OR;
            case "agg_min" -> ResponsePolicy.AGG_MIN;
            case "agg_max" -> ResponsePolicy.AGG_MAX;
            case "agg_sum" -> ResponsePolicy.AGG_SUM;
            default -> ResponsePolicy.SPECIAL; // "special", and values of later servers
        };
    }

    /** The lower-case value of the tip named by {@code prefix}; null when absent, "" (unknown) when contradicted. */
    private static String value(Iterable<String> tips, String prefix) {
        String found = null;
        for (String tip : tips) {
            String t = tip.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith(prefix)) {
                String value = t.substring(prefix.length()).trim();
                if (found != null && !found.equals(value)) {
                    return "";
                }
                found = value;
            }
        }
        return found;
    }
}
