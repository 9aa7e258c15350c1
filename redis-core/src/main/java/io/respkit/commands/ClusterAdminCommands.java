package io.respkit.commands;

import io.respkit.internal.commands.ClusterAdminDefs;

import java.util.List;

/**
 * Synchronous {@code CLUSTER} management commands: slot assignment, node membership, replication, failover, epochs
 * and the node's configuration file, for operators' tools. Each acts on the node the call runs on. Each method is
 * defined once in {@code io.respkit.internal.commands.ClusterAdminDefs} and runs through {@link #execute(Command)}.
 * The introspection commands are in {@link ClusterCommands}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} ({@code ERR This instance has cluster
 * support disabled}) on a server not started with {@code cluster-enabled yes}, or when the node refuses the change,
 * and {@link io.respkit.exceptions.RedisConnectionException} when the connection fails. Methods taking slots throw
 * {@link IllegalArgumentException} for a slot outside 0 to 16383 before sending anything.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "CLUSTER management commands",
        pipelineNote = "Each command acts on the node the pipeline's connection is on.",
        asyncNote = "Each command acts on the node the pooled connection is on.")
public interface ClusterAdminCommands<V> extends BaseCommands<V> {

    /**
     * Assigns slots to this node ({@code CLUSTER ADDSLOTS}).
     *
     * @param slots the slots, 0 to 16383, at least one
     * @return {@code true}
     * @throws IllegalArgumentException when no slot is given or one is out of range
     * @throws io.respkit.exceptions.RedisServerException when a slot is already assigned
     */
    default boolean clusterAddSlots(int... slots) {
        return execute(ClusterAdminDefs.clusterAddSlots(codec(), slots));
    }

    /**
     * Assigns a range of slots to this node ({@code CLUSTER ADDSLOTSRANGE}, Redis 7.0+).
     *
     * @param start the first slot
     * @param end the last slot, inclusive
     * @return {@code true}
     * @throws IllegalArgumentException when a bound is out of range or {@code start > end}
     * @throws io.respkit.exceptions.RedisServerException when a slot is already assigned
     */
    default boolean clusterAddSlotsRange(int start, int end) {
        return execute(ClusterAdminDefs.clusterAddSlotsRange(codec(), start, end));
    }

    /**
     * Assigns several ranges of slots to this node at once ({@code CLUSTER ADDSLOTSRANGE start end [start end ...]},
     * Redis 7.0+).
     *
     * @param ranges the ranges, at least one
     * @return {@code true}
     * @throws IllegalArgumentException when {@code ranges} is empty
     * @throws io.respkit.exceptions.RedisServerException when a slot is already assigned or ranges overlap
     */
    default boolean clusterAddSlotsRanges(List<SlotRange> ranges) {
        return execute(ClusterAdminDefs.clusterAddSlotsRanges(codec(), ranges));
    }

    /**
     * Unassigns several ranges of slots from this node's view at once ({@code CLUSTER DELSLOTSRANGE start end
     * [start end ...]}, Redis 7.0+).
     *
     * @param ranges the ranges, at least one
     * @return {@code true}
     * @throws IllegalArgumentException when {@code ranges} is empty
     * @throws io.respkit.exceptions.RedisServerException when a slot is not assigned or ranges overlap
     */
    default boolean clusterDelSlotsRanges(List<SlotRange> ranges) {
        return execute(ClusterAdminDefs.clusterDelSlotsRanges(codec(), ranges));
    }

    /**
     * Unassigns slots from this node's view ({@code CLUSTER DELSLOTS}).
     *
     * @param slots the slots, 0 to 16383, at least one
     * @return {@code true}
     * @throws IllegalArgumentException when no slot is given or one is out of range
     * @throws io.respkit.exceptions.RedisServerException when a slot is not assigned
     */
    default boolean clusterDelSlots(int... slots) {
        return execute(ClusterAdminDefs.clusterDelSlots(codec(), slots));
    }

    /**
     * Unassigns a range of slots from this node's view ({@code CLUSTER DELSLOTSRANGE}, Redis 7.0+).
     *
     * @param start the first slot
     * @param end the last slot, inclusive
     * @return {@code true}
     * @throws IllegalArgumentException when a bound is out of range or {@code start > end}
     * @throws io.respkit.exceptions.RedisServerException when a slot is not assigned
     */
    default boolean clusterDelSlotsRange(int start, int end) {
        return execute(ClusterAdminDefs.clusterDelSlotsRange(codec(), start, end));
    }

    /**
     * Unassigns every slot of this node ({@code CLUSTER FLUSHSLOTS}).
     *
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the node's database is not empty
     */
    default boolean clusterFlushSlots() {
        return execute(ClusterAdminDefs.clusterFlushSlots(codec()));
    }

    /**
     * Gives this node a new, highest configuration epoch unless it already has a unique highest one
     * ({@code CLUSTER BUMPEPOCH}).
     *
     * @return the server's text, {@code BUMPED epoch} or {@code STILL epoch}
     */
    default String clusterBumpEpoch() {
        return execute(ClusterAdminDefs.clusterBumpEpoch(codec()));
    }

    /**
     * Counts the failure reports this node holds about another node ({@code CLUSTER COUNT-FAILURE-REPORTS}).
     *
     * @param nodeId the other node's id
     * @return the count
     * @throws io.respkit.exceptions.RedisServerException when the node is unknown
     */
    default long clusterCountFailureReports(String nodeId) {
        return execute(ClusterAdminDefs.clusterCountFailureReports(codec(), nodeId));
    }

    /**
     * Starts a coordinated manual failover of this replica's primary ({@code CLUSTER FAILOVER}); the roles change
     * later, asynchronously.
     *
     * @return {@code true} once the failover has started
     * @throws io.respkit.exceptions.RedisServerException when this node is not a replica
     */
    default boolean clusterFailover() {
        return execute(ClusterAdminDefs.clusterFailover(codec()));
    }

    /**
     * Starts a manual failover of this replica's primary without the usual agreement ({@code CLUSTER FAILOVER FORCE}
     * or {@code TAKEOVER}).
     *
     * @param mode how much agreement to skip
     * @return {@code true} once the failover has started
     * @throws io.respkit.exceptions.RedisServerException when this node is not a replica
     */
    default boolean clusterFailover(ClusterFailoverMode mode) {
        return execute(ClusterAdminDefs.clusterFailover(codec(), mode));
    }

    /**
     * Removes a node from this node's node table for 60 seconds ({@code CLUSTER FORGET}).
     *
     * @param nodeId the node to forget
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the node is unknown, is this node, or is its primary
     */
    default boolean clusterForget(String nodeId) {
        return execute(ClusterAdminDefs.clusterForget(codec(), nodeId));
    }

    /**
     * Joins this node and another into one cluster ({@code CLUSTER MEET}); the handshake completes asynchronously.
     *
     * @param ip the other node's address
     * @param port the other node's client port
     * @return {@code true}
     * @throws IllegalArgumentException when the port is outside 1 to 65535
     * @throws io.respkit.exceptions.RedisServerException when the address is invalid
     */
    default boolean clusterMeet(String ip, int port) {
        return execute(ClusterAdminDefs.clusterMeet(codec(), ip, port));
    }

    /**
     * Joins this node and another whose cluster-bus port is not its client port + 10000 ({@code CLUSTER MEET ip port
     * cluster-bus-port}).
     *
     * @param ip the other node's address
     * @param port the other node's client port
     * @param clusterBusPort the other node's cluster-bus port
     * @return {@code true}
     * @throws IllegalArgumentException when a port is outside 1 to 65535
     * @throws io.respkit.exceptions.RedisServerException when the address is invalid
     */
    default boolean clusterMeet(String ip, int port, int clusterBusPort) {
        return execute(ClusterAdminDefs.clusterMeet(codec(), ip, port, clusterBusPort));
    }

    /**
     * Makes this node a replica of a primary ({@code CLUSTER REPLICATE}).
     *
     * @param nodeId the primary's id
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the node is unknown or not a primary, or this node
     *         serves slots or holds keys
     */
    default boolean clusterReplicate(String nodeId) {
        return execute(ClusterAdminDefs.clusterReplicate(codec(), nodeId));
    }

    /**
     * Resets this node ({@code CLUSTER RESET SOFT}, the server's default): forgets the other nodes and its slots.
     *
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when this node is a primary holding keys
     */
    default boolean clusterReset() {
        return clusterReset(ClusterResetMode.SOFT);
    }

    /**
     * Resets this node ({@code CLUSTER RESET HARD|SOFT}).
     *
     * @param mode {@link ClusterResetMode#HARD} also gives the node a new id and zero epochs
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when this node is a primary holding keys
     */
    default boolean clusterReset(ClusterResetMode mode) {
        return execute(ClusterAdminDefs.clusterReset(codec(), mode));
    }

    /**
     * Writes this node's cluster configuration to its {@code nodes.conf} ({@code CLUSTER SAVECONFIG}).
     *
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the file cannot be written
     */
    default boolean clusterSaveConfig() {
        return execute(ClusterAdminDefs.clusterSaveConfig(codec()));
    }

    /**
     * Sets the configuration epoch of a fresh node ({@code CLUSTER SET-CONFIG-EPOCH}).
     *
     * @param epoch the epoch, not negative
     * @return {@code true}
     * @throws IllegalArgumentException when {@code epoch} is negative
     * @throws io.respkit.exceptions.RedisServerException when the node knows other nodes or its epoch is not 0
     */
    default boolean clusterSetConfigEpoch(long epoch) {
        return execute(ClusterAdminDefs.clusterSetConfigEpoch(codec(), epoch));
    }

    /**
     * Changes a slot's state on this node ({@code CLUSTER SETSLOT slot IMPORTING|MIGRATING|NODE node-id} or
     * {@code STABLE}), as a resharding tool does.
     *
     * @param slot the slot, 0 to 16383
     * @param action what to do, e.g. {@link ClusterSetSlot#migrating(String)} or {@link ClusterSetSlot#stable()}
     * @return {@code true}
     * @throws IllegalArgumentException when the slot is out of range
     * @throws io.respkit.exceptions.RedisServerException when the node refuses, e.g. it does not own a slot it is
     *         told to migrate or the node id is unknown
     */
    default boolean clusterSetSlot(int slot, ClusterSetSlot action) {
        return execute(ClusterAdminDefs.clusterSetSlot(codec(), slot, action));
    }
}
