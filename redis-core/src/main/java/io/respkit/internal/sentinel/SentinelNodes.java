package io.respkit.internal.sentinel;

import io.respkit.codec.StringCodec;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisNoPermissionException;
import io.respkit.internal.RawCommand;
import io.respkit.sentinel.SentinelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The questions a {@link SentinelWatcher} asks: the sentinels where the master is and which replicas it has, and a
 * data node what its {@code ROLE} is. Keeps one connection per sentinel and per data node asked, opened on first use
 * and dropped when it fails; questions to data nodes time out after at most {@link #PROBE_TIMEOUT}, so that a frozen
 * node cannot stall the watcher for a full command timeout.
 *
 * <p>Not thread-safe: used by the thread that starts the watcher, then only by the watcher's thread;
 * {@link #replicas()} alone may be called from any thread.
 */
final class SentinelNodes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentinelWatcher.class);
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final SentinelConfig config;
    private final Map<HostAndPort, RedisConnection> sentinels = new HashMap<>();
    private final Map<HostAndPort, RedisConnection> dataNodes = new HashMap<>();
    /** The sentinel that answered last, asked first next time. */
    private HostAndPort preferred;
    private volatile List<HostAndPort> replicas = List.of();

    SentinelNodes(SentinelConfig config) {
        this.config = config;
    }

    /**
     * Finds the primary, retrying within {@code budgetNanos}: a sentinel's answer counts once that node's
     * {@code ROLE} says {@code master}; a node that says it is a replica leads to the primary it names, when that
     * one confirms.
     *
     * @throws RedisConnectionException when nothing confirmed in time; says why
     */
    HostAndPort discoverPrimary(long budgetNanos) {
        long deadline = System.nanoTime() + budgetNanos;
        RedisException last;
        for (;;) {
            try {
                HostAndPort said = askSentinels();
                if (isPrimary(said)) {
                    return said;
                }
                HostAndPort its = primaryOf(said);
                if (its != null && !its.equals(said) && isPrimary(its)) {
                    return its;
                }
                last = new RedisConnectionException("the sentinels name " + said + " as the primary of master '"
                        + config.masterName() + "', but its ROLE does not confirm it");
            } catch (RedisException e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new RedisConnectionException("Cannot find the primary of master '" + config.masterName()
                        + "' through the sentinels " + config.sentinels() + ": " + last.getMessage(), last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /**
     * Asks the sentinels, the one that answered last first, where the master is.
     *
     * @throws RedisConnectionException when none answered, or none knows the master name
     */
    HostAndPort askSentinels() {
        RedisException failure = null;
        boolean unknown = false;
        for (HostAndPort s : ordered()) {
            try {
                Object reply = sentinel(s).execute(RawCommand.of(StringCodec.UTF8, "SENTINEL",
                        "GET-MASTER-ADDR-BY-NAME", config.masterName()));
                if (reply instanceof List<?> l && l.size() == 2) {
                    preferred = s;
                    return new HostAndPort(String.valueOf(l.get(0)), Integer.parseInt(String.valueOf(l.get(1))));
                }
                unknown = true;
            } catch (RedisException e) {
                drop(sentinels, s);
                failure = e;
            } catch (RuntimeException e) {
                failure = new RedisConnectionException("sentinel " + s + " sent an unexpected reply", e);
            }
        }
        if (unknown) {
            throw new RedisConnectionException("no sentinel of " + config.sentinels() + " monitors a master named '"
                    + config.masterName() + "'");
        }
        throw new RedisConnectionException("no sentinel of " + config.sentinels() + " answered"
                + (failure != null ? ": " + failure.getMessage() : ""), failure);
    }

    /**
     * Whether more than half of the configured sentinels name {@code node} as the primary: one sentinel's answer may
     * lag behind a failover the others have seen (or come from a sentinel cut off from them).
     */
    boolean majorityNames(HostAndPort node) {
        int agree = 0;
        for (HostAndPort s : config.sentinels()) {
            try {
                Object reply = sentinel(s).execute(RawCommand.of(StringCodec.UTF8, "SENTINEL",
                        "GET-MASTER-ADDR-BY-NAME", config.masterName()));
                if (reply instanceof List<?> l && l.size() == 2 && node.host().equals(String.valueOf(l.get(0)))
                        && String.valueOf(node.port()).equals(String.valueOf(l.get(1)))) {
                    agree++;
                }
            } catch (RedisException e) {
                drop(sentinels, s);
            }
        }
        return agree * 2 > config.sentinels().size();
    }

    /**
     * Reads the replicas the sentinels know, keeping those reachable, reported as replicas by themselves and with
     * their link to the primary up; keeps the last list when no sentinel answers.
     */
    void refreshReplicas() {
        for (HostAndPort s : ordered()) {
            try {
                Object reply = sentinel(s).execute(RawCommand.of(StringCodec.UTF8, "SENTINEL", "REPLICAS",
                        config.masterName()));
                if (reply instanceof List<?> list) {
                    List<HostAndPort> found = new ArrayList<>();
                    for (Object entry : list) {
                        Map<String, String> fields = fields(entry);
                        String flags = fields.getOrDefault("flags", "");
                        // Attached and copying: not a demoted primary still claiming the role, not resyncing.
                        if (!flags.contains("s_down") && !flags.contains("o_down") && !flags.contains("disconnected")
                                && "slave".equals(fields.get("role-reported"))
                                && "ok".equals(fields.get("master-link-status"))
                                && fields.containsKey("ip") && fields.containsKey("port")) {
                            found.add(new HostAndPort(fields.get("ip"), Integer.parseInt(fields.get("port"))));
                        }
                    }
                    replicas = List.copyOf(found);
                    return;
                }
            } catch (RedisException e) {
                drop(sentinels, s);
            } catch (RuntimeException e) {
                log.debug("Sentinel {} sent an unexpected SENTINEL REPLICAS reply", s, e);
            }
        }
    }

    List<HostAndPort> replicas() {
        return replicas;
    }

    /** Whether the node's {@code ROLE} says {@code master}; {@code false} when it cannot be asked. */
    boolean isPrimary(HostAndPort node) {
        List<?> role = role(node);
        return role != null && !role.isEmpty() && "master".equals(String.valueOf(role.get(0)));
    }

    /** The primary a node names: itself when it is one, the primary it replicates when a replica, else null. */
    HostAndPort primaryOf(HostAndPort node) {
        List<?> role = role(node);
        if (role == null || role.isEmpty()) {
            return null;
        }
        String kind = String.valueOf(role.get(0));
        if (kind.equals("master")) {
            return node;
        }
        if (kind.equals("slave") && role.size() >= 3) {
            try {
                return new HostAndPort(String.valueOf(role.get(1)), Integer.parseInt(String.valueOf(role.get(2))));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private List<?> role(HostAndPort node) {
        try {
            RedisConnection c = dataNode(node);
            try {
                Object reply = c.execute(RawCommand.of(StringCodec.UTF8, "ROLE"));
                return reply instanceof List<?> l ? l : null;
            } catch (RedisNoPermissionException e) {
                // ROLE is an @admin command, which managed Redis often denies; HELLO tells the role to anyone
                // (without the primary a replica follows).
                Map<String, String> hello = fields(c.execute(RawCommand.of(StringCodec.UTF8, "HELLO")));
                String role = hello.get("role");
                return role == null ? null : List.of(role.equals("replica") ? "slave" : role);
            }
        } catch (RedisException e) {
            drop(dataNodes, node);
            log.debug("ROLE of {} failed: {}", node, e.getMessage());
            return null;
        }
    }

    private List<HostAndPort> ordered() {
        List<HostAndPort> all = new ArrayList<>(config.sentinels());
        if (preferred != null && all.remove(preferred)) {
            all.add(0, preferred);
        }
        return all;
    }

    private RedisConnection sentinel(HostAndPort s) {
        RedisConnection c = sentinels.get(s);
        if (c == null || !c.isUsable()) {
            c = RedisConnection.open(probe(config.sentinelConfig(s)));
            sentinels.put(s, c);
        }
        return c;
    }

    private RedisConnection dataNode(HostAndPort node) {
        RedisConnection c = dataNodes.get(node);
        if (c == null || !c.isUsable()) {
            if (dataNodes.size() > 16) {
                closeAll(dataNodes);
            }
            c = RedisConnection.open(probe(config.configFor(node)));
            dataNodes.put(node, c);
        }
        return c;
    }

    /** A configuration for short questions: the shorter of the configured and the probe timeouts. */
    private static RedisConfig probe(RedisConfig c) {
        Duration t = c.timeout().compareTo(PROBE_TIMEOUT) < 0 ? c.timeout() : PROBE_TIMEOUT;
        Duration ct = c.connectTimeout().compareTo(PROBE_TIMEOUT) < 0 ? c.connectTimeout() : PROBE_TIMEOUT;
        return c.toBuilder().timeout(t).connectTimeout(ct).build();
    }

    private static Map<String, String> fields(Object entry) {
        Map<String, String> m = new LinkedHashMap<>();
        if (entry instanceof List<?> kv) {
            for (int i = 0; i + 1 < kv.size(); i += 2) {
                Object v = kv.get(i + 1);
                m.put(String.valueOf(kv.get(i)), v instanceof List<?> ? "" : String.valueOf(v));
            }
        } else if (entry instanceof Map<?, ?> map) {
            map.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
        }
        return m;
    }

    private static void drop(Map<HostAndPort, RedisConnection> map, HostAndPort node) {
        RedisConnection c = map.remove(node);
        if (c != null) {
            c.close();
        }
    }

    private static void closeAll(Map<HostAndPort, RedisConnection> map) {
        map.values().forEach(RedisConnection::close);
        map.clear();
    }

    /** Closes the connections to data nodes, after a switch: none stays open on the old primary. */
    void forgetDataNodes() {
        closeAll(dataNodes);
    }

    @Override
    public void close() {
        closeAll(sentinels);
        closeAll(dataNodes);
    }
}
