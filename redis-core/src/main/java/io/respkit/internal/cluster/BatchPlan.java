package io.respkit.internal.cluster;

import io.respkit.connection.HostAndPort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Groups a batch's commands by where they go, keeping queue order inside each group: the commands of one slot reach
 * their node in the order they were queued.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchPlan {

    /**
     * Where a group goes.
     *
     * @param node the node
     * @param asking each command is preceded by {@code ASKING} (an {@code ASK} redirect)
     */
    record Target(HostAndPort node, boolean asking) {
    }

    private BatchPlan() {
    }

    /**
     * Groups command indexes by target, groups in order of first appearance, indexes in the order given.
     *
     * @param indexes the indexes of the commands to send, ascending
     * @param targetOf each index's target, or {@code null} to leave it out (its result is already set)
     * @return the groups
     */
    static Map<Target, List<Integer>> group(List<Integer> indexes, IntFunction<Target> targetOf) {
        Map<Target, List<Integer>> groups = new LinkedHashMap<>();
        for (int i : indexes) {
            Target t = targetOf.apply(i);
            if (t != null) {
                groups.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        return groups;
    }
}
