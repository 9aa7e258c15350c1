package io.respkit.commands;

import java.util.List;

/**
 * What a server is in replication ({@code ROLE}): a primary with its replicas, a replica with its primary, or a
 * Sentinel with the primaries it watches. Immutable and thread-safe.
 */
public sealed interface Role permits Role.Primary, Role.Replica, Role.Sentinel {

    /**
     * A primary ({@code master}).
     *
     * @param replicationOffset its replication offset
     * @param replicas its connected replicas
     */
    record Primary(long replicationOffset, List<ReplicaPosition> replicas) implements Role {
        /**
         * Copies the replicas.
         *
         * @throws NullPointerException when {@code replicas} is null
         */
        public Primary {
            replicas = List.copyOf(replicas);
        }
    }

    /**
     * A replica connected to, or trying to reach, its primary ({@code slave}).
     *
     * @param primaryHost the primary's host
     * @param primaryPort the primary's port
     * @param state {@code connect}, {@code connecting}, {@code sync} or {@code connected}
     * @param replicationOffset how much of the primary's stream it has received; -1 when not known yet
     */
    record Replica(String primaryHost, int primaryPort, String state, long replicationOffset) implements Role {
    }

    /**
     * A Sentinel.
     *
     * @param primaryNames the names of the primaries it monitors
     */
    record Sentinel(List<String> primaryNames) implements Role {
        /**
         * Copies the names.
         *
         * @throws NullPointerException when {@code primaryNames} is null
         */
        public Sentinel {
            primaryNames = List.copyOf(primaryNames);
        }
    }

    /**
     * A replica as its primary reports it.
     *
     * @param host the replica's host
     * @param port the replica's port
     * @param replicationOffset the offset it acknowledged
     */
    record ReplicaPosition(String host, int port, long replicationOffset) {
    }
}
