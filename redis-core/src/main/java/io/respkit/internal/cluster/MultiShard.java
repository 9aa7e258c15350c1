package io.respkit.internal.cluster;

import io.respkit.commands.Command;
import io.respkit.commands.ResponsePolicy;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.internal.commands.Decoders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a multi-key command whose keys span hash slots ({@code MGET}, {@code MSET}, {@code DEL}, {@code EXISTS},
 * {@code TOUCH}, {@code UNLINK}: request policy {@code multi_shard}) into one command per slot, each key with the
 * arguments that follow it up to the next key ({@code MSET}'s value), and merges the replies: element by element in
 * key order for {@code MGET}, else as the response policy says (a sum for {@code DEL}). The parts run one after the
 * other and the first failure ends the call: the parts before it took effect (the split command is not atomic).
 *
 * <p>Stateless and thread-safe.
 */
final class MultiShard {

    private MultiShard() {
    }

    static <T> T execute(ClusterRouter router, Command<T> command, int[] positions, ClusterObservation observation) {
        int n = command.argumentCount();
        if (positions[0] != 1 || !ascending(positions)) {
            // something other than keys and their values precedes or interleaves: not splittable by this rule
            throw new RedisCrossSlotException(command.name(), KeySlots.distinct(command, positions));
        }
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int k = 0; k < positions.length; k++) {
            bySlot.computeIfAbsent(KeySlots.slotOf(command, positions[k]), s -> new ArrayList<>()).add(k);
        }
        ResponsePolicy policy = command.spec().responsePolicy();
        Object[] inOrder = policy == ResponsePolicy.DEFAULT ? new Object[positions.length] : null;
        List<Object> replies = new ArrayList<>(bySlot.size());
        for (Map.Entry<Integer, List<Integer>> group : bySlot.entrySet()) {
            Command<Object> part = Commands.start(command, Decoders.raw(), n);
            for (int k : group.getValue()) {
                int end = k + 1 < positions.length ? positions[k + 1] : n;
                for (int i = positions[k]; i < end; i++) {
                    Commands.add(part, command, i, i == positions[k]);
                }
            }
            if (command.isReadOnly()) {
                part.readOnly();
            }
            Object reply = router.route(part, group.getKey(), null, observation);
            if (inOrder != null) {
                List<Object> items = Decoders.elements(reply);
                List<Integer> keys = group.getValue();
                for (int j = 0; j < keys.size(); j++) {
                    inOrder[keys.get(j)] = items.get(j);
                }
            } else {
                replies.add(reply);
            }
        }
        Object merged = inOrder != null ? Arrays.asList(inOrder) : Replies.merge(policy, replies);
        return command.decode(merged);
    }

    private static boolean ascending(int[] positions) {
        for (int i = 1; i < positions.length; i++) {
            if (positions[i] <= positions[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
