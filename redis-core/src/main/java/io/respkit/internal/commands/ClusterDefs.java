package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.ClusterSlotRange;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Definitions of the {@code CLUSTER} introspection commands: what a node reports about the cluster, its slots and
 * keys. They answer only on a node started with {@code cluster-enabled yes}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClusterDefs {

    /** CLUSTER INFO: {@code name:value} lines. */
    private static final ReplyDecoder<Map<String, String>> INFO = (r, c) -> {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Decoders.text(r, StandardCharsets.UTF_8).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    };

    private static final ReplyDecoder<List<ClusterSlotRange>> SLOTS = (r, c) -> {
        List<ClusterSlotRange> out = new ArrayList<>();
        for (Object range : Decoders.elements(r)) {
            List<Object> p = Decoders.elements(range);
            List<ClusterSlotRange.Node> nodes = new ArrayList<>();
            for (int i = 2; i < p.size(); i++) {
                List<Object> n = Decoders.elements(p.get(i));
                nodes.add(new ClusterSlotRange.Node(Decoders.text(n.get(0), StandardCharsets.UTF_8),
                        (int) Decoders.toLong(n.get(1)),
                        n.size() > 2 ? Decoders.text(n.get(2), StandardCharsets.UTF_8) : ""));
            }
            out.add(new ClusterSlotRange((int) Decoders.toLong(p.get(0)), (int) Decoders.toLong(p.get(1)), nodes));
        }
        return out;
    };

    /** A list of maps (RESP3) or flat name/value lists (RESP2), each as name to plain-Java value. */
    private static final ReplyDecoder<List<Map<String, Object>>> FIELD_LIST = (r, c) -> {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : Decoders.elements(r)) {
            out.add(AdminDecoders.fields(e));
        }
        return out;
    };

    private ClusterDefs() {
    }

    /** CLUSTER INFO. */
    public static Command<Map<String, String>> clusterInfo(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLUSTER_INFO, INFO);
    }

    /** CLUSTER MYID. */
    public static Command<String> clusterMyId(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLUSTER_MYID, Decoders.string());
    }

    /** CLUSTER NODES. */
    public static Command<String> clusterNodes(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLUSTER_NODES, Decoders.string());
    }

    /** CLUSTER SLOTS. */
    public static Command<List<ClusterSlotRange>> clusterSlots(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLUSTER_SLOTS, SLOTS);
    }

    /** CLUSTER SHARDS. */
    public static Command<List<Map<String, Object>>> clusterShards(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLUSTER_SHARDS, FIELD_LIST);
    }

    /** CLUSTER LINKS. */
    public static Command<List<Map<String, Object>>> clusterLinks(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLUSTER_LINKS, FIELD_LIST);
    }

    /** CLUSTER REPLICAS node-id: one CLUSTER NODES line per replica. */
    public static Command<List<String>> clusterReplicas(RedisCodec<?> c, String nodeId) {
        return Command.create(c, AdminSpecs.CLUSTER_REPLICAS, AdminDecoders.STRINGS)
                .arg(Objects.requireNonNull(nodeId, "nodeId"));
    }

    /** CLUSTER KEYSLOT key: the key is an argument, not a key access. */
    public static Command<Long> clusterKeySlot(RedisCodec<?> c, String key) {
        return Command.create(c, AdminSpecs.CLUSTER_KEYSLOT, Decoders.integer())
                .arg(Objects.requireNonNull(key, "key"));
    }

    /** CLUSTER COUNTKEYSINSLOT slot. */
    public static Command<Long> clusterCountKeysInSlot(RedisCodec<?> c, int slot) {
        return Command.create(c, AdminSpecs.CLUSTER_COUNTKEYSINSLOT, Decoders.integer()).arg(slot);
    }

    /** CLUSTER GETKEYSINSLOT slot count. */
    public static Command<List<String>> clusterGetKeysInSlot(RedisCodec<?> c, int slot, int count) {
        return Command.create(c, AdminSpecs.CLUSTER_GETKEYSINSLOT, AdminDecoders.STRINGS).arg(slot).arg(count);
    }
}
