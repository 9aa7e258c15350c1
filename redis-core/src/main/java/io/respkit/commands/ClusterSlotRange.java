package io.respkit.commands;

import java.util.List;

/**
 * A range of hash slots and the nodes serving it ({@code CLUSTER SLOTS}). Immutable and thread-safe.
 *
 * @param start the first slot
 * @param end the last slot, inclusive
 * @param nodes the primary first, then its replicas
 */
public record ClusterSlotRange(int start, int end, List<Node> nodes) {

    /**
     * Copies the nodes.
     *
     * @throws NullPointerException when {@code nodes} is null
     */
    public ClusterSlotRange {
        nodes = List.copyOf(nodes);
    }

    /**
     * A node serving a slot range.
     *
     * @param host its preferred endpoint (its address; empty when unknown, meaning the address the reply came from)
     * @param port its port
     * @param id its node id
     */
    public record Node(String host, int port, String id) {
    }
}
