package io.respkit.commands;

import java.util.Objects;

/**
 * What {@code CLUSTER SETSLOT slot ...} does to a slot: mark it importing from or migrating to a node, assign it to a
 * node, or clear its importing/migrating state. Build one with the static factories.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ClusterSetSlot {

    /**
     * {@code IMPORTING node-id}: the node the command runs on imports the slot from the given node.
     *
     * @param nodeId the source node's id
     * @return the action
     * @throws NullPointerException when {@code nodeId} is null
     */
    static ClusterSetSlot importing(String nodeId) {
        return new Importing(nodeId);
    }

    /**
     * {@code MIGRATING node-id}: the node the command runs on migrates the slot to the given node.
     *
     * @param nodeId the destination node's id
     * @return the action
     * @throws NullPointerException when {@code nodeId} is null
     */
    static ClusterSetSlot migrating(String nodeId) {
        return new Migrating(nodeId);
    }

    /**
     * {@code NODE node-id}: assigns the slot to the given node.
     *
     * @param nodeId the owner's id
     * @return the action
     * @throws NullPointerException when {@code nodeId} is null
     */
    static ClusterSetSlot node(String nodeId) {
        return new Node(nodeId);
    }

    /**
     * {@code STABLE}: clears the slot's importing or migrating state.
     *
     * @return the action
     */
    static ClusterSetSlot stable() {
        return Stable.INSTANCE;
    }

    /**
     * {@code IMPORTING node-id}.
     *
     * @param nodeId the source node's id
     */
    record Importing(String nodeId) implements ClusterSetSlot {
        /**
         * Checks the node id.
         *
         * @throws NullPointerException when {@code nodeId} is null
         */
        public Importing {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /**
     * {@code MIGRATING node-id}.
     *
     * @param nodeId the destination node's id
     */
    record Migrating(String nodeId) implements ClusterSetSlot {
        /**
         * Checks the node id.
         *
         * @throws NullPointerException when {@code nodeId} is null
         */
        public Migrating {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /**
     * {@code NODE node-id}.
     *
     * @param nodeId the owner's id
     */
    record Node(String nodeId) implements ClusterSetSlot {
        /**
         * Checks the node id.
         *
         * @throws NullPointerException when {@code nodeId} is null
         */
        public Node {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** {@code STABLE}. */
    enum Stable implements ClusterSetSlot {
        /** The only instance. */
        INSTANCE
    }
}
