package io.respkit.cluster;

import io.respkit.commands.SlotRange;
import io.respkit.connection.HostAndPort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One node of a Redis Cluster as a node that was asked ({@code CLUSTER SHARDS}, {@code CLUSTER SLOTS}) sees it: its
 * id, the address clients reach it at, whether it is a primary or a replica, the slots it serves and its health.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the node's 40-character id, or its address as text when the server reported none ({@code CLUSTER SLOTS}
 *        before Redis 4); not empty
 * @param address the address clients connect to
 * @param role primary or replica
 * @param primaryId for a replica, the id of its primary ({@code null} when unknown); {@code null} for a primary
 * @param slots the slots a primary serves, sorted by start with adjacent and overlapping ranges merged; empty for a
 *        replica and for a primary without slots
 * @param health whether the node serves requests
 */
public record ClusterNode(String id, HostAndPort address, Role role, String primaryId, List<SlotRange> slots,
                          Health health) {

    /** A node's part in its shard. */
    public enum Role {
        /** Serves the shard's slots for reads and writes. */
        PRIMARY,
        /** Copies a primary; may serve reads. */
        REPLICA
    }

    /**
     * A node's health as the asked node reports it. {@code CLUSTER SHARDS} reports {@code online}, {@code failed} and
     * {@code loading}; any other text is read as {@link #FAILED}, so that an unknown state is never routed to.
     * {@code CLUSTER SLOTS} has no health and its nodes are {@link #ONLINE}.
     */
    public enum Health {
        /** Serving requests. */
        ONLINE,
        /** Failed, or in a state this client does not know. */
        FAILED,
        /** Loading its data set; it will reject most requests until done. */
        LOADING
    }

    /**
     * Checks the components and normalises {@code slots} (sorted, adjacent and overlapping ranges merged, copied).
     *
     * @throws NullPointerException when {@code id}, {@code address}, {@code role}, {@code slots}, a slot range or
     *         {@code health} is null
     * @throws IllegalArgumentException when {@code id} is empty, a primary has a {@code primaryId} or a replica has
     *         slots
     */
    public ClusterNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(health, "health");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("node id is empty (node at " + address + ")");
        }
        if (role == Role.PRIMARY && primaryId != null) {
            throw new IllegalArgumentException("a primary has no primaryId: node " + id + " names " + primaryId);
        }
        if (role == Role.REPLICA && !slots.isEmpty()) {
            throw new IllegalArgumentException("a replica serves no slots of its own: node " + id);
        }
        slots = normalise(slots);
    }

    /**
     * Tells whether this node is a primary.
     *
     * @return {@code true} for {@link Role#PRIMARY}
     */
    public boolean isPrimary() {
        return role == Role.PRIMARY;
    }

    /**
     * Returns the number of slots this node serves.
     *
     * @return the slot count, 0 to 16384
     */
    public int slotCount() {
        int n = 0;
        for (SlotRange r : slots) {
            n += r.end() - r.start() + 1;
        }
        return n;
    }

    private static List<SlotRange> normalise(List<SlotRange> slots) {
        if (slots.isEmpty()) {
            return List.of();
        }
        List<SlotRange> sorted = new ArrayList<>(slots);
        for (SlotRange r : sorted) {
            Objects.requireNonNull(r, "slot range");
        }
        sorted.sort(Comparator.comparingInt(SlotRange::start));
        List<SlotRange> out = new ArrayList<>(sorted.size());
        SlotRange current = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            SlotRange next = sorted.get(i);
            if (next.start() <= current.end() + 1) {
                current = new SlotRange(current.start(), Math.max(current.end(), next.end()));
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return List.copyOf(out);
    }
}
