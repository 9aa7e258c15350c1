package io.respkit.test;

import io.respkit.connection.HostAndPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@link RedisSentinels} asks sentinels and data nodes (one raw socket per command) and decides whether the
 * group has converged.
 *
 * <p>Stateless and thread-safe.
 */
final class SentinelProbe {

    private SentinelProbe() {
    }

    /** @return the primary's address as this sentinel reports it ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}) */
    static HostAndPort primaryAddress(RedisProcess sentinel, String masterName) {
        List<?> reply = (List<?>) call(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        if (reply == null) {
            throw new IllegalStateException(sentinel.port() + " does not monitor " + masterName);
        }
        return new HostAndPort((String) reply.get(0), Integer.parseInt((String) reply.get(1)));
    }

    /** @return {@code SENTINEL MASTER name} as a map */
    static Map<String, String> master(RedisProcess sentinel, String masterName) {
        return fields((List<?>) call(sentinel, "SENTINEL", "MASTER", masterName));
    }

    /** @return {@code SENTINEL REPLICAS name} (or {@code SENTINELS}), one map per entry */
    static List<Map<String, String>> entries(RedisProcess sentinel, String what, String masterName) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Object o : (List<?>) call(sentinel, "SENTINEL", what, masterName)) {
            out.add(fields((List<?>) o));
        }
        return out;
    }

    /** @return the first element of {@code ROLE}: {@code master}, {@code slave} or {@code sentinel} */
    static String role(RedisProcess node) {
        return (String) ((List<?>) call(node, "ROLE")).get(0);
    }

    /** @return {@code null} when the data node replicates {@code primary} with its link up, else what is off */
    static String replicationProblem(RedisProcess replica, HostAndPort primary) {
        String info = (String) call(replica, "INFO", "replication");
        if (!info.contains("role:slave")) {
            return replica.port() + " is not a replica";
        }
        if (!info.contains("master_port:" + primary.port() + "\r\n")) {
            return replica.port() + " does not replicate " + primary;
        }
        if (!info.contains("master_link_status:up")) {
            return replica.port() + " has no link up to " + primary;
        }
        return null;
    }

    /**
     * Whether a sentinel sees this entry (a replica or another sentinel) as healthy: connected and not down.
     */
    static boolean healthy(Map<String, String> entry) {
        Set<String> flags = Set.of(entry.getOrDefault("flags", "").split(","));
        return !flags.contains("s_down") && !flags.contains("o_down") && !flags.contains("disconnected");
    }

    /**
     * @return {@code null} when every reachable sentinel agrees on a reachable primary that says it is one, every
     *         other reachable data node replicates it with its link up and is listed by every sentinel as a healthy
     *         replica, and every reachable sentinel sees every other as healthy; else what is off
     */
    static String consistencyProblem(String masterName, List<RedisProcess> sentinels, List<RedisProcess> nodes,
            int sentinelCount) {
        if (sentinels.isEmpty()) {
            return "no reachable sentinel";
        }
        HostAndPort agreed = null;
        for (RedisProcess s : sentinels) {
            HostAndPort a = primaryAddress(s, masterName);
            if (agreed == null) {
                agreed = a;
            } else if (!agreed.equals(a)) {
                return s.port() + " reports primary " + a + ", another " + agreed;
            }
        }
        HostAndPort primary = agreed;
        RedisProcess p = nodes.stream().filter(n -> n.port() == primary.port()).findFirst().orElse(null);
        if (p == null) {
            return "the reported primary " + primary + " is not reachable";
        }
        if (!"master".equals(role(p))) {
            return "the reported primary " + primary + " is not a master";
        }
        for (RedisProcess n : nodes) {
            if (n != p) {
                String problem = replicationProblem(n, primary);
                if (problem != null) {
                    return problem;
                }
            }
        }
        for (RedisProcess s : sentinels) {
            Map<String, String> m = master(s, masterName);
            if (!"master".equals(m.get("flags"))) {
                return s.port() + " flags the primary " + m.get("flags");
            }
            if (Integer.parseInt(m.get("num-other-sentinels")) < sentinelCount - 1) {
                return s.port() + " knows " + m.get("num-other-sentinels") + " other sentinels";
            }
            List<Map<String, String>> replicas = entries(s, "REPLICAS", masterName);
            for (RedisProcess n : nodes) {
                if (n != p && replicas.stream().noneMatch(r -> port(r) == n.port() && healthy(r))) {
                    return s.port() + " does not list " + n.port() + " as a healthy replica";
                }
            }
            List<Map<String, String>> others = entries(s, "SENTINELS", masterName);
            for (RedisProcess o : sentinels) {
                if (o != s && others.stream().noneMatch(r -> port(r) == o.port() && healthy(r))) {
                    return s.port() + " does not see sentinel " + o.port() + " as healthy";
                }
            }
        }
        return null;
    }

    static int port(Map<String, String> entry) {
        return Integer.parseInt(entry.get("port"));
    }

    static Object call(RedisProcess p, String... args) {
        return NodeConnection.call(p.host(), p.port(), args);
    }

    private static Map<String, String> fields(List<?> flat) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return m;
    }
}
