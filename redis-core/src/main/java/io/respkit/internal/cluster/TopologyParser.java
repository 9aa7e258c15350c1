package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterNode.Health;
import io.respkit.cluster.ClusterNode.Role;
import io.respkit.cluster.ClusterTopology;
import io.respkit.commands.SlotRange;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.RespMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a {@link ClusterTopology} from the raw reply of {@code CLUSTER SHARDS} (Redis 7 and later),
 * {@code CLUSTER SLOTS} (every version; the fallback) or the text of {@code CLUSTER NODES}, in the RESP2 or the RESP3
 * shape. Addresses a node reports as unknown ({@code ""} or {@code "?"}) are taken to be the host of the node that
 * answered, which is what a node that has met no other node reports about itself. Nodes without a usable port (still in
 * handshake, or without an address) are left out, with a debug log line.
 *
 * <p>Stateless and thread-safe.
 */
public final class TopologyParser {

    private static final Logger log = LoggerFactory.getLogger(TopologyParser.class);

    private TopologyParser() {
    }

    // ---------------------------------------------------------------- CLUSTER SHARDS

    /**
     * Reads the reply of {@code CLUSTER SHARDS} on a plain (non-TLS) connection, as
     * {@link #fromShards(Object, HostAndPort, boolean) fromShards(reply, answeredBy, false)}.
     *
     * @param reply the raw reply: an array of shards, each a map (RESP3) or a flat field/value array (RESP2)
     * @param answeredBy the address of the node that sent the reply
     * @return the topology
     * @throws NullPointerException when {@code answeredBy} is null
     * @throws RedisProtocolException when the reply is not shaped as {@code CLUSTER SHARDS} replies are
     */
    public static ClusterTopology fromShards(Object reply, HostAndPort answeredBy) {
        return fromShards(reply, answeredBy, false);
    }

    /**
     * Reads the reply of {@code CLUSTER SHARDS}. Each node's address is its {@code endpoint}, or its {@code ip} when
     * the endpoint is empty or {@code "?"}, or the host of {@code answeredBy} when both are empty. The port is
     * {@code tls-port} on a TLS connection and {@code port} otherwise, each falling back to the other when absent or
     * 0 (a node reports both only when it listens on both). A shard's slots go to its primary; should a shard list
     * several primaries (during a failover), to the first online one, and the others are kept without slots.
     *
     * @param reply the raw reply: an array of shards, each a map (RESP3) or a flat field/value array (RESP2)
     * @param answeredBy the address of the node that sent the reply
     * @param tls whether the client connects with TLS, which picks {@code tls-port} over {@code port}
     * @return the topology
     * @throws NullPointerException when {@code answeredBy} is null
     * @throws RedisProtocolException when the reply is not shaped as {@code CLUSTER SHARDS} replies are
     */
    public static ClusterTopology fromShards(Object reply, HostAndPort answeredBy, boolean tls) {
        Objects.requireNonNull(answeredBy, "answeredBy");
        List<ClusterNode> out = new ArrayList<>();
        for (Object shard : aggregate(reply, "CLUSTER SHARDS: an array of shards")) {
            Map<String, Object> fields = fields(shard, "CLUSTER SHARDS: a shard as a map or field/value array");
            List<SlotRange> slots = slotPairs(fields.get("slots"));
            List<ShardNode> members = new ArrayList<>();
            for (Object node : aggregate(fields.get("nodes"), "CLUSTER SHARDS: the array of a shard's nodes")) {
                ShardNode member = shardNode(fields(node, "CLUSTER SHARDS: a node as a map or field/value array"),
                        answeredBy, tls);
                if (member != null) {
                    members.add(member);
                }
            }
            ShardNode owner = null;
            for (ShardNode m : members) {
                if (m.role == Role.PRIMARY && (owner == null
                        || owner.health != Health.ONLINE && m.health == Health.ONLINE)) {
                    owner = m;
                }
            }
            if (owner == null && !slots.isEmpty()) {
                log.debug("CLUSTER SHARDS from {}: a shard serving {} lists no reachable primary", answeredBy, slots);
            }
            for (ShardNode m : members) {
                boolean primary = m.role == Role.PRIMARY;
                out.add(node(m.id, m.address, m.role, primary ? null : owner == null ? null : owner.id,
                        m == owner ? slots : List.of(), m.health));
            }
        }
        return topology(out, "CLUSTER SHARDS");
    }

    private record ShardNode(String id, HostAndPort address, Role role, Health health) {
    }

    private static ShardNode shardNode(Map<String, Object> f, HostAndPort answeredBy, boolean tls) {
        String id = string(f.get("id"), "CLUSTER SHARDS: a node id");
        if (id.isEmpty()) {
            throw new RedisProtocolException("Unexpected reply: expected CLUSTER SHARDS node with an id");
        }
        int port = port(f.get("port"), "CLUSTER SHARDS: a node port");
        int tlsPort = port(f.get("tls-port"), "CLUSTER SHARDS: a node tls-port");
        int chosen = tls ? (tlsPort > 0 ? tlsPort : port) : (port > 0 ? port : tlsPort);
        String host = string(f.get("endpoint"), "CLUSTER SHARDS: a node endpoint");
        if (unknown(host)) {
            host = string(f.get("ip"), "CLUSTER SHARDS: a node ip");
        }
        if (unknown(host)) {
            host = answeredBy.host();
        }
        Role role = role(string(f.get("role"), "CLUSTER SHARDS: a node role"));
        Health health = health(string(f.get("health"), "CLUSTER SHARDS: a node health"));
        if (chosen <= 0) {
            log.debug("CLUSTER SHARDS from {}: node {} has no port, left out", answeredBy, id);
            return null;
        }
        return new ShardNode(id, address(host, chosen, "CLUSTER SHARDS"), role, health);
    }

    private static List<SlotRange> slotPairs(Object reply) {
        List<Object> bounds = aggregate(reply, "CLUSTER SHARDS: a shard's slots as a flat array of start, end pairs");
        if (bounds.size() % 2 != 0) {
            throw new RedisProtocolException("Unexpected reply: expected CLUSTER SHARDS slots as start, end pairs"
                    + " but got " + bounds.size() + " bounds");
        }
        List<SlotRange> out = new ArrayList<>(bounds.size() / 2);
        for (int i = 0; i < bounds.size(); i += 2) {
            out.add(range(bounds.get(i), bounds.get(i + 1), "CLUSTER SHARDS"));
        }
        return out;
    }

    // ---------------------------------------------------------------- CLUSTER SLOTS

    /**
     * Reads the reply of {@code CLUSTER SLOTS}: entries of {@code [start, end, primary, replica...]}, each node as
     * {@code [host, port, id, metadata]} (the id since Redis 4, the metadata map since Redis 7). A host of
     * {@code ""}, {@code "?"} or nil is the metadata's {@code ip} when there is one, else the host of
     * {@code answeredBy}. A node without an id gets its address as its id. The reply has no health: every node is
     * {@link Health#ONLINE}. The port is the one the server reports for the connection that asked (its TLS port on
     * a TLS connection).
     *
     * @param reply the raw reply
     * @param answeredBy the address of the node that sent the reply
     * @return the topology
     * @throws NullPointerException when {@code answeredBy} is null
     * @throws RedisProtocolException when the reply is not shaped as {@code CLUSTER SLOTS} replies are, or names a
     *         node as a primary in one entry and a replica in another
     */
    public static ClusterTopology fromSlots(Object reply, HostAndPort answeredBy) {
        Objects.requireNonNull(answeredBy, "answeredBy");
        Map<String, SlotsNode> nodes = new LinkedHashMap<>();
        for (Object entry : aggregate(reply, "CLUSTER SLOTS: an array of slot ranges")) {
            List<Object> parts = aggregate(entry, "CLUSTER SLOTS: a slot range as [start, end, primary, replicas...]");
            if (parts.size() < 3) {
                throw new RedisProtocolException("Unexpected reply: expected CLUSTER SLOTS range as [start, end,"
                        + " primary, replicas...] but got " + parts.size() + " elements");
            }
            SlotRange range = range(parts.get(0), parts.get(1), "CLUSTER SLOTS");
            SlotsNode primary = slotsNode(parts.get(2), answeredBy, nodes, Role.PRIMARY, null);
            if (primary == null) {
                log.debug("CLUSTER SLOTS from {}: the primary of {} has no port, left out", answeredBy, range);
                continue;
            }
            primary.slots.add(range);
            for (int i = 3; i < parts.size(); i++) {
                slotsNode(parts.get(i), answeredBy, nodes, Role.REPLICA, primary.id);
            }
        }
        List<ClusterNode> out = new ArrayList<>(nodes.size());
        for (SlotsNode n : nodes.values()) {
            out.add(node(n.id, n.address, n.role, n.primaryId, n.slots, Health.ONLINE));
        }
        return topology(out, "CLUSTER SLOTS");
    }

    private static final class SlotsNode {
        final String id;
        final HostAndPort address;
        final Role role;
        final String primaryId;
        final List<SlotRange> slots = new ArrayList<>();

        SlotsNode(String id, HostAndPort address, Role role, String primaryId) {
            this.id = id;
            this.address = address;
            this.role = role;
            this.primaryId = primaryId;
        }
    }

    private static SlotsNode slotsNode(Object reply, HostAndPort answeredBy, Map<String, SlotsNode> nodes, Role role,
                                       String primaryId) {
        List<Object> p = aggregate(reply, "CLUSTER SLOTS: a node as [host, port, id, metadata]");
        if (p.size() < 2) {
            throw new RedisProtocolException("Unexpected reply: expected CLUSTER SLOTS node as [host, port, id,"
                    + " metadata] but got " + p.size() + " elements");
        }
        String host = string(p.get(0), "CLUSTER SLOTS: a node host");
        int port = port(p.get(1), "CLUSTER SLOTS: a node port");
        String id = p.size() > 2 ? string(p.get(2), "CLUSTER SLOTS: a node id") : "";
        if (unknown(host) && p.size() > 3 && p.get(3) != null) {
            Object ip = fields(p.get(3), "CLUSTER SLOTS: node metadata as a map or field/value array").get("ip");
            host = string(ip, "CLUSTER SLOTS: a node ip");
        }
        if (unknown(host)) {
            host = answeredBy.host();
        }
        if (port <= 0) {
            return null;
        }
        HostAndPort address = address(host, port, "CLUSTER SLOTS");
        if (id.isEmpty()) {
            id = address.toString();
        }
        SlotsNode known = nodes.get(id);
        if (known == null) {
            known = new SlotsNode(id, address, role, primaryId);
            nodes.put(id, known);
        } else if (known.role != role) {
            throw new RedisProtocolException("Unexpected reply: CLUSTER SLOTS names node " + id
                    + " both as a primary and as a replica");
        }
        return known;
    }

    // ---------------------------------------------------------------- CLUSTER NODES

    /**
     * Reads the text of {@code CLUSTER NODES}: one line per node,
     * {@code id ip:port@cport[,hostname] flags primary ping pong epoch link slot...}. The address is the ip (the
     * host of {@code answeredBy} when empty); nodes flagged {@code handshake} or {@code noaddr}, or with port 0, are
     * left out. Health is {@link Health#FAILED} for the {@code fail} flag and {@link Health#ONLINE} otherwise (a
     * {@code fail?} is one node's suspicion only). Slots being imported or migrated ({@code [slot->-id]}) are
     * skipped: the owner listed is the one serving them.
     *
     * @param clusterNodesText the reply text
     * @param answeredBy the address of the node that sent the reply
     * @return the topology
     * @throws NullPointerException when an argument is null
     * @throws RedisProtocolException when a line is not shaped as {@code CLUSTER NODES} lines are
     */
    public static ClusterTopology fromNodes(String clusterNodesText, HostAndPort answeredBy) {
        Objects.requireNonNull(clusterNodesText, "clusterNodesText");
        Objects.requireNonNull(answeredBy, "answeredBy");
        List<ClusterNode> out = new ArrayList<>();
        for (String line : clusterNodesText.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split(" +");
            if (f.length < 8) {
                throw new RedisProtocolException("Unexpected reply: expected CLUSTER NODES line of at least 8"
                        + " fields but got " + f.length);
            }
            ClusterNode node = nodesLine(f, answeredBy);
            if (node != null) {
                out.add(node);
            }
        }
        return topology(out, "CLUSTER NODES");
    }

    private static ClusterNode nodesLine(String[] f, HostAndPort answeredBy) {
        String id = f[0];
        Role role = null;
        Health health = Health.ONLINE;
        for (String flag : f[2].split(",")) {
            switch (flag) {
                case "master" -> role = Role.PRIMARY;
                case "slave" -> role = Role.REPLICA;
                case "fail" -> health = Health.FAILED;
                case "handshake", "noaddr" -> {
                    log.debug("CLUSTER NODES from {}: node {} is flagged {}, left out", answeredBy, id, flag);
                    return null;
                }
                default -> {
                    // myself, fail?, nofailover, noflags: no bearing on routing
                }
            }
        }
        if (role == null) {
            throw new RedisProtocolException("Unexpected reply: expected CLUSTER NODES flags naming master or slave"
                    + " but got " + f[2]);
        }
        String addr = f[1];
        int cut = addr.indexOf('@');
        if (cut < 0) {
            cut = addr.indexOf(',');
        }
        if (cut >= 0) {
            addr = addr.substring(0, cut);
        }
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new RedisProtocolException("Unexpected reply: expected CLUSTER NODES address as ip:port@cport but got "
                    + f[1]);
        }
        String host = addr.substring(0, colon);
        int port = port(addr.substring(colon + 1), "CLUSTER NODES: a node port");
        if (port <= 0) {
            log.debug("CLUSTER NODES from {}: node {} has no port, left out", answeredBy, id);
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (unknown(host)) {
            host = answeredBy.host();
        }
        List<SlotRange> slots = new ArrayList<>();
        for (int i = 8; i < f.length; i++) {
            if (f[i].startsWith("[")) {
                continue;
            }
            int dash = f[i].indexOf('-');
            slots.add(dash < 0 ? range(f[i], f[i], "CLUSTER NODES")
                    : range(f[i].substring(0, dash), f[i].substring(dash + 1), "CLUSTER NODES"));
        }
        String primaryId = role == Role.REPLICA && !"-".equals(f[3]) ? f[3] : null;
        return node(id, address(host, port, "CLUSTER NODES"), role, primaryId, slots, health);
    }

    // ---------------------------------------------------------------- shared

    private static boolean unknown(String host) {
        return host.isEmpty() || "?".equals(host);
    }

    private static Role role(String text) {
        return switch (text) {
            case "master", "primary" -> Role.PRIMARY;
            case "replica", "slave" -> Role.REPLICA;
            default -> throw new RedisProtocolException("Unexpected reply: expected a node role of master or replica"
                    + " but got '" + text + "'");
        };
    }

    private static Health health(String text) {
        return switch (text) {
            case "online" -> Health.ONLINE;
            case "loading" -> Health.LOADING;
            default -> Health.FAILED;
        };
    }

    private static List<Object> aggregate(Object reply, String expected) {
        if (reply instanceof List<?> || reply instanceof RespMap) {
            return Decoders.elements(reply);
        }
        throw Decoders.shape(expected, reply);
    }

    private static Map<String, Object> fields(Object reply, String expected) {
        List<Object> kv = aggregate(reply, expected);
        if (kv.size() % 2 != 0) {
            throw new RedisProtocolException("Unexpected reply: expected " + expected + " but got an odd number ("
                    + kv.size() + ") of elements");
        }
        Map<String, Object> out = new HashMap<>(kv.size());
        for (int i = 0; i < kv.size(); i += 2) {
            out.put(string(kv.get(i), expected), kv.get(i + 1));
        }
        return out;
    }

    /** Text of a string reply; a missing field or nil is empty. */
    private static String string(Object reply, String expected) {
        if (reply == null) {
            return "";
        }
        if (reply instanceof List<?> || reply instanceof RespMap) {
            throw Decoders.shape(expected, reply);
        }
        try {
            return Decoders.text(reply, StandardCharsets.UTF_8);
        } catch (RedisProtocolException e) {
            throw Decoders.shape(expected, reply);
        }
    }

    /** A port number; a missing field or nil is 0. */
    private static int port(Object reply, String expected) {
        if (reply == null) {
            return 0;
        }
        long port = number(reply, expected);
        if (port < 0 || port > 65535) {
            throw new RedisProtocolException("Unexpected reply: expected " + expected + " of 0 to 65535 but got "
                    + port);
        }
        return (int) port;
    }

    private static long number(Object reply, String expected) {
        try {
            return Decoders.toLong(reply);
        } catch (RedisProtocolException e) {
            throw Decoders.shape(expected + " (an integer)", reply);
        }
    }

    private static SlotRange range(Object start, Object end, String command) {
        long s = number(start, command + ": a slot number");
        long e = number(end, command + ": a slot number");
        if (s < 0 || e > SlotHash.SLOTS - 1 || s > e) {
            throw new RedisProtocolException("Unexpected reply: expected " + command + " slot range within 0 to 16383,"
                    + " start <= end, but got " + s + "-" + e);
        }
        return new SlotRange((int) s, (int) e);
    }

    private static HostAndPort address(String host, int port, String command) {
        try {
            return new HostAndPort(host, port);
        } catch (IllegalArgumentException e) {
            throw new RedisProtocolException("Unexpected reply: expected " + command + " node address but got "
                    + e.getMessage());
        }
    }

    private static ClusterNode node(String id, HostAndPort address, Role role, String primaryId,
                                    List<SlotRange> slots, Health health) {
        try {
            return new ClusterNode(id, address, role, primaryId, slots, health);
        } catch (IllegalArgumentException e) {
            throw new RedisProtocolException("Unexpected reply: expected a consistent node description but got "
                    + e.getMessage());
        }
    }

    private static ClusterTopology topology(List<ClusterNode> nodes, String command) {
        try {
            return new ClusterTopology(nodes);
        } catch (IllegalArgumentException e) {
            throw new RedisProtocolException("Unexpected reply: " + command + " describes an inconsistent cluster: "
                    + e.getMessage());
        }
    }
}
