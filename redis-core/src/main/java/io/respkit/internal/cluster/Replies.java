package io.respkit.internal.cluster;

import io.respkit.commands.ResponsePolicy;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.RespMap;
import io.respkit.protocol.RespSet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Merges the raw replies of one command sent to several nodes into the one reply its decoder expects, as the
 * command's {@link ResponsePolicy} (the server's {@code response_policy} tip) says.
 *
 * <p>Stateless and thread-safe.
 */
final class Replies {

    private Replies() {
    }

    /**
     * Merges the replies of nodes that all succeeded.
     *
     * @param policy the command's response policy
     * @param replies one raw reply per node, at least one
     * @return the merged raw reply
     */
    static Object merge(ResponsePolicy policy, List<Object> replies) {
        return switch (policy) {
            case AGG_SUM -> {
                long sum = 0;
                for (Object r : replies) {
                    sum += Decoders.toLong(r);
                }
                yield sum;
            }
            case AGG_MIN, AGG_MAX -> {
                long best = Decoders.toLong(replies.get(0));
                for (Object r : replies) {
                    long v = Decoders.toLong(r);
                    best = policy == ResponsePolicy.AGG_MIN ? Math.min(best, v) : Math.max(best, v);
                }
                yield best;
            }
            case AGG_LOGICAL_AND, AGG_LOGICAL_OR -> logical(policy == ResponsePolicy.AGG_LOGICAL_AND, replies);
            case DEFAULT -> concatenate(replies);
            case SPECIAL -> any(replies);
            default -> replies.get(0); // ALL_SUCCEEDED, ONE_SUCCEEDED: the replies are alike ("OK")
        };
    }

    /** A random non-null reply (RANDOMKEY), else null. */
    private static Object any(List<Object> replies) {
        List<Object> present = new ArrayList<>(replies);
        present.removeIf(r -> r == null);
        return present.isEmpty() ? null : present.get(ThreadLocalRandom.current().nextInt(present.size()));
    }

    /** Arrays (KEYS), sets and maps are joined; of anything else, a present reply of a random node. */
    private static Object concatenate(List<Object> replies) {
        Object first = replies.get(0);
        if (first instanceof List<?>) {
            List<Object> out = new ArrayList<>();
            for (Object r : replies) {
                out.addAll(Decoders.elements(r));
            }
            return out;
        }
        if (first instanceof RespSet) {
            List<Object> out = new ArrayList<>();
            for (Object r : replies) {
                out.addAll(((RespSet) r).elements());
            }
            return new RespSet(out);
        }
        if (first instanceof RespMap) {
            List<Object> out = new ArrayList<>();
            for (Object r : replies) {
                out.addAll(((RespMap) r).entries());
            }
            return new RespMap(out);
        }
        return any(replies); // RANDOMKEY: a node without keys answers nil, so a present reply of any node
    }

    /** 0/1 replies, or arrays of them (SCRIPT EXISTS), combined element by element. */
    private static Object logical(boolean and, List<Object> replies) {
        Object first = replies.get(0);
        if (first instanceof List<?> || first instanceof RespSet) {
            int n = Decoders.elements(first).size();
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                boolean acc = and;
                for (Object r : replies) {
                    boolean v = Decoders.toLong(Decoders.elements(r).get(i)) != 0;
                    acc = and ? acc && v : acc || v;
                }
                out.add(acc ? 1L : 0L);
            }
            return out;
        }
        boolean acc = and;
        for (Object r : replies) {
            boolean v = Decoders.toLong(r) != 0;
            acc = and ? acc && v : acc || v;
        }
        return acc ? 1L : 0L;
    }
}
