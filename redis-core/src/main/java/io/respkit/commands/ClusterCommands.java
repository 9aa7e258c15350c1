package io.respkit.commands;

import io.respkit.internal.commands.ClusterDefs;

import java.util.List;
import java.util.Map;

/**
 * Synchronous {@code CLUSTER} introspection commands: what the node the call runs on knows about the cluster, its
 * slots and keys. Each method is defined once in {@code io.respkit.internal.commands.ClusterDefs} and runs through
 * {@link #execute(Command)}. Commands that change the cluster (slots, nodes, failover) are in
 * {@link ClusterAdminCommands}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} ({@code ERR This instance has cluster
 * support disabled}) on a server not started with {@code cluster-enabled yes}, and
 * {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "CLUSTER introspection commands",
        pipelineNote = "The replies describe the node the pipeline's connection is on.",
        asyncNote = "The replies describe the node the pooled connection is on.")
public interface ClusterCommands<V> extends BaseCommands<V> {

    /**
     * Returns the node's view of the cluster's state ({@code CLUSTER INFO}).
     *
     * @return the fields, e.g. {@code cluster_state} ({@code ok} or {@code fail}), {@code cluster_slots_assigned},
     *         {@code cluster_known_nodes}
     */
    default Map<String, String> clusterInfo() {
        return execute(ClusterDefs.clusterInfo(codec()));
    }

    /**
     * Returns the node's id ({@code CLUSTER MYID}).
     *
     * @return the 40-character id
     */
    default String clusterMyId() {
        return execute(ClusterDefs.clusterMyId(codec()));
    }

    /**
     * Returns the node's cluster configuration, one line per node ({@code CLUSTER NODES}).
     *
     * @return the server's text
     */
    default String clusterNodes() {
        return execute(ClusterDefs.clusterNodes(codec()));
    }

    /**
     * Returns the slot ranges and the nodes serving them ({@code CLUSTER SLOTS}; deprecated by the server in favour
     * of {@link #clusterShards()}, but answered by every version).
     *
     * @return the ranges
     */
    default List<ClusterSlotRange> clusterSlots() {
        return execute(ClusterDefs.clusterSlots(codec()));
    }

    /**
     * Returns the cluster's shards ({@code CLUSTER SHARDS}, Redis 7.0+).
     *
     * @return per shard, {@code slots} (start/end pairs) and {@code nodes} (each with {@code id}, {@code port},
     *         {@code ip}, {@code endpoint}, {@code role}, {@code replication-offset}, {@code health}), as maps
     *         (RESP3) or name/value lists (RESP2)
     */
    default List<Map<String, Object>> clusterShards() {
        return execute(ClusterDefs.clusterShards(codec()));
    }

    /**
     * Returns the node's cluster-bus links ({@code CLUSTER LINKS}, Redis 7.0+).
     *
     * @return one map per link ({@code direction}, {@code node}, {@code create-time}, ...)
     */
    default List<Map<String, Object>> clusterLinks() {
        return execute(ClusterDefs.clusterLinks(codec()));
    }

    /**
     * Lists a primary's replicas ({@code CLUSTER REPLICAS node-id}).
     *
     * @param nodeId the primary's id
     * @return one {@code CLUSTER NODES} line per replica
     * @throws io.respkit.exceptions.RedisServerException when the node is unknown or not a primary
     */
    default List<String> clusterReplicas(String nodeId) {
        return execute(ClusterDefs.clusterReplicas(codec(), nodeId));
    }

    /**
     * Returns the hash slot of a key ({@code CLUSTER KEYSLOT}), honouring {@code {hash tags}}.
     *
     * @param key the key
     * @return the slot, 0 to 16383
     */
    default long clusterKeySlot(String key) {
        return execute(ClusterDefs.clusterKeySlot(codec(), key));
    }

    /**
     * Counts the node's keys in a slot ({@code CLUSTER COUNTKEYSINSLOT}).
     *
     * @param slot the slot, 0 to 16383
     * @return the count
     */
    default long clusterCountKeysInSlot(int slot) {
        return execute(ClusterDefs.clusterCountKeysInSlot(codec(), slot));
    }

    /**
     * Returns some of the node's keys in a slot ({@code CLUSTER GETKEYSINSLOT}).
     *
     * @param slot the slot, 0 to 16383
     * @param count how many at most
     * @return the keys
     */
    default List<String> clusterGetKeysInSlot(int slot, int count) {
        return execute(ClusterDefs.clusterGetKeysInSlot(codec(), slot, count));
    }
}
