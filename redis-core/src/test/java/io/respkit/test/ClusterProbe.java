package io.respkit.test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How {@link RedisCluster} asks its nodes (one raw socket per command) and decides whether they have converged.
 *
 * <p>Stateless and thread-safe.
 */
final class ClusterProbe {

    private static final long POLL_MILLIS = 20;

    private ClusterProbe() {
    }

    /** @return {@code null} when every reachable node knows every other as healthy, else what is off */
    static String membershipProblem(List<RedisProcess> reachable, Map<Integer, String> ids) {
        for (RedisProcess p : reachable) {
            ClusterView v = view(p);
            for (RedisProcess q : reachable) {
                ClusterView.Entry e = v.get(ids.get(q.port()));
                if (e == null || e.unhealthy()) {
                    return p.port() + " does not know " + q.port() + " as healthy yet";
                }
            }
        }
        return null;
    }

    /** @return {@code null} when the reachable nodes have converged (see {@link RedisCluster#awaitConsistent}) */
    static String consistencyProblem(List<RedisProcess> reachable, Map<Integer, String> ids) {
        if (reachable.isEmpty()) {
            return "no reachable node";
        }
        String membership = membershipProblem(reachable, ids);
        if (membership != null) {
            return membership;
        }
        String agreed = null;
        String[] agreedOwners = null;
        for (RedisProcess p : reachable) {
            if (!info(p, "CLUSTER", "INFO").contains("cluster_state:ok")) {
                return p.port() + " reports cluster_state other than ok";
            }
            ClusterView v = view(p);
            StringBuilder roles = new StringBuilder();
            for (RedisProcess q : reachable) {
                ClusterView.Entry e = v.get(ids.get(q.port()));
                if (!e.flags().contains("myself") && !e.connected()) {
                    return p.port() + " has no link to " + q.port();
                }
                roles.append(e.id()).append(e.primary() ? " primary" : " replica of " + e.primaryId()).append(';');
            }
            String[] owners = v.owners();
            if (agreed == null) {
                agreed = roles.toString();
                agreedOwners = owners;
            } else if (!agreed.contentEquals(roles)) {
                return p.port() + " disagrees on roles: " + roles + " vs " + agreed;
            } else if (!Arrays.equals(agreedOwners, owners)) {
                return p.port() + " disagrees on the slot map";
            }
            if (v.myself().replica() && !info(p, "INFO", "replication").contains("master_link_status:up")) {
                return p.port() + " is a replica whose link to its primary is not up";
            }
        }
        return null;
    }

    static ClusterView view(RedisProcess p) {
        return ClusterView.parse(info(p, "CLUSTER", "NODES"));
    }

    static String info(RedisProcess p, String... args) {
        return (String) call(p, args);
    }

    static Object call(RedisProcess p, String... args) {
        return NodeConnection.call(p.host(), p.port(), args);
    }

    /** Polls a fixture condition (not a test wait): {@code problem} returns null once it holds. */
    static void poll(Duration timeout, String what, Supplier<String> problem) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        while (true) {
            try {
                last = problem.get();
            } catch (UncheckedIOException | ErrorReplyException e) {
                last = e.getMessage();
            }
            if (last == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not reached within " + timeout + ": " + last);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted", e);
            }
        }
    }
}
