package io.respkit.cluster;

import io.respkit.commands.SlotRange;
import io.respkit.connection.HostAndPort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Redis Cluster as one node (or the majority of the nodes asked) sees it: its nodes, which primary serves each of
 * the 16384 hash slots, and each primary's replicas. The slot-to-primary table is built once, so
 * {@link #primary(int)} and {@link #replicas(int)} are constant-time lookups.
 *
 * <p>Immutable and thread-safe. Two topologies are equal when they hold the same nodes, in any order.
 */
public final class ClusterTopology {

    private static final int SLOTS = 16384;

    private final List<ClusterNode> nodes;
    private final Set<ClusterNode> nodeSet;
    private final List<ClusterNode> primaries;
    private final List<ClusterNode> replicas;
    /** Per slot, the index in {@link #nodes} of the primary serving it, or -1. */
    private final int[] owners;
    /** Per index in {@link #nodes}, the online replicas of that node when it is a primary. */
    private final List<List<ClusterNode>> onlineReplicas;
    private final Map<HostAndPort, ClusterNode> byAddress;
    private final int slotsCovered;

    /**
     * Builds the topology of the given nodes. Replicas are linked to their primary by
     * {@link ClusterNode#primaryId()}; a replica whose primary is not among the nodes is kept but serves no slot.
     * When two nodes share an address, {@link #node(HostAndPort)} returns the first.
     *
     * @param nodes the nodes, primaries and replicas in any order
     * @throws NullPointerException when {@code nodes} or one of them is null
     * @throws IllegalArgumentException when two nodes have the same id or two primaries claim the same slot
     */
    public ClusterTopology(List<ClusterNode> nodes) {
        this.nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        this.nodeSet = Set.copyOf(this.nodes);
        this.owners = new int[SLOTS];
        Arrays.fill(owners, -1);
        Map<String, Integer> indexById = new HashMap<>();
        Map<HostAndPort, ClusterNode> addresses = new HashMap<>();
        List<ClusterNode> p = new ArrayList<>();
        List<ClusterNode> r = new ArrayList<>();
        int covered = 0;
        for (int i = 0; i < this.nodes.size(); i++) {
            ClusterNode node = this.nodes.get(i);
            if (indexById.putIfAbsent(node.id(), i) != null) {
                throw new IllegalArgumentException("two nodes have the id " + node.id());
            }
            addresses.putIfAbsent(node.address(), node);
            (node.isPrimary() ? p : r).add(node);
            for (SlotRange range : node.slots()) {
                for (int slot = range.start(); slot <= range.end(); slot++) {
                    if (owners[slot] >= 0) {
                        throw new IllegalArgumentException("slot " + slot + " is claimed by both "
                                + this.nodes.get(owners[slot]).id() + " and " + node.id());
                    }
                    owners[slot] = i;
                    covered++;
                }
            }
        }
        List<List<ClusterNode>> online = new ArrayList<>(Collections.nCopies(this.nodes.size(), List.of()));
        for (ClusterNode replica : r) {
            Integer primary = replica.primaryId() == null ? null : indexById.get(replica.primaryId());
            if (primary != null && replica.health() == ClusterNode.Health.ONLINE) {
                List<ClusterNode> list = online.get(primary);
                if (list.isEmpty()) {
                    list = new ArrayList<>();
                    online.set(primary, list);
                }
                list.add(replica);
            }
        }
        online.replaceAll(List::copyOf);
        this.onlineReplicas = online;
        this.primaries = List.copyOf(p);
        this.replicas = List.copyOf(r);
        this.byAddress = Map.copyOf(addresses);
        this.slotsCovered = covered;
    }

    /**
     * Builds the topology of the given nodes, as {@link #ClusterTopology(List)} does.
     *
     * @param nodes the nodes, primaries and replicas in any order
     * @return the topology
     * @throws NullPointerException when {@code nodes} or one of them is null
     * @throws IllegalArgumentException when two nodes have the same id or two primaries claim the same slot
     */
    public static ClusterTopology of(List<ClusterNode> nodes) {
        return new ClusterTopology(nodes);
    }

    /**
     * Returns every node, in the order given.
     *
     * @return the nodes, unmodifiable
     */
    public List<ClusterNode> nodes() {
        return nodes;
    }

    /**
     * Returns the primaries, with or without slots, whatever their health.
     *
     * @return the primaries in the order given, unmodifiable
     */
    public List<ClusterNode> primaries() {
        return primaries;
    }

    /**
     * Returns the primaries that serve at least one slot and are not flagged failed: where a command for every shard
     * goes. A primary that failed over stays listed by the cluster (without slots) until it is forgotten.
     *
     * @return those primaries, in the order given
     */
    public List<ClusterNode> servingPrimaries() {
        List<ClusterNode> out = new ArrayList<>(primaries.size());
        for (ClusterNode p : primaries) {
            if (p.slotCount() > 0 && p.health() != ClusterNode.Health.FAILED) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Returns the replicas, whatever their health.
     *
     * @return the replicas in the order given, unmodifiable
     */
    public List<ClusterNode> replicas() {
        return replicas;
    }

    /**
     * Returns the primary serving a slot, whatever its health (a failed primary still owns its slots until a
     * replica takes over).
     *
     * @param slot the slot, 0 to 16383
     * @return the primary, or {@code null} when no node serves the slot
     * @throws IllegalArgumentException when {@code slot} is outside 0 to 16383
     */
    public ClusterNode primary(int slot) {
        int owner = owners[check(slot)];
        return owner < 0 ? null : nodes.get(owner);
    }

    /**
     * Returns the {@linkplain ClusterNode.Health#ONLINE online} replicas of the primary serving a slot.
     *
     * @param slot the slot, 0 to 16383
     * @return the replicas in the order given, unmodifiable; empty when the slot is not served or its primary has no
     *         online replica
     * @throws IllegalArgumentException when {@code slot} is outside 0 to 16383
     */
    public List<ClusterNode> replicas(int slot) {
        int owner = owners[check(slot)];
        return owner < 0 ? List.of() : onlineReplicas.get(owner);
    }

    /**
     * Returns the node at an address.
     *
     * @param address the address
     * @return the node (the first given, should two share the address), or {@code null} when none is there
     * @throws NullPointerException when {@code address} is null
     */
    public ClusterNode node(HostAndPort address) {
        return byAddress.get(Objects.requireNonNull(address, "address"));
    }

    /**
     * Returns how many slots some primary serves.
     *
     * @return the count, 0 to 16384
     */
    public int slotsCovered() {
        return slotsCovered;
    }

    /**
     * Tells whether every slot is served by some primary.
     *
     * @return {@code true} when all 16384 slots are covered
     */
    public boolean coversAllSlots() {
        return slotsCovered == SLOTS;
    }

    /**
     * Tells whether another topology assigns every slot to the same primary (same id and address) as this one, or
     * leaves it unserved as this one does. Replicas and health are not compared: two views that agree here route
     * every key the same way.
     *
     * @param other the other topology
     * @return {@code true} when the slot owners agree
     * @throws NullPointerException when {@code other} is null
     */
    public boolean sameSlotOwners(ClusterTopology other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            return true;
        }
        if (other.slotsCovered != slotsCovered) {
            return false;
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            int a = owners[slot];
            int b = other.owners[slot];
            if (a < 0 || b < 0) {
                if (a != b) {
                    return false;
                }
                continue;
            }
            ClusterNode mine = nodes.get(a);
            ClusterNode theirs = other.nodes.get(b);
            if (mine != theirs && !(mine.id().equals(theirs.id()) && mine.address().equals(theirs.address()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares the nodes, in any order.
     *
     * @param o the other object
     * @return {@code true} when {@code o} is a topology of the same nodes
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ClusterTopology other && nodeSet.equals(other.nodeSet);
    }

    /**
     * Hashes the set of nodes.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return nodeSet.hashCode();
    }

    /**
     * Describes the topology: counts and each primary with its address and slot ranges.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ClusterTopology[slotsCovered=").append(slotsCovered)
                .append(", replicas=").append(replicas.size()).append(", primaries=[");
        for (int i = 0; i < primaries.size(); i++) {
            ClusterNode p = primaries.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(p.address()).append(' ').append(p.health()).append(' ').append(p.slots().size())
                    .append(" ranges");
        }
        return sb.append("]]").toString();
    }

    private static int check(int slot) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("slot must be 0 to 16383: " + slot);
        }
        return slot;
    }
}
