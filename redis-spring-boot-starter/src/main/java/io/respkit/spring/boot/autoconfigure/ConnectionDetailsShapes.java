package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.HostAndPort;

import java.util.List;
import java.util.Objects;

/**
 * The value implementations of {@link RedisConnectionDetails.Cluster} and {@link RedisConnectionDetails.Sentinel}
 * made by their {@code of} methods and by the properties-backed details.
 *
 * <p>Immutable and thread-safe.
 */
final class ConnectionDetailsShapes {

    private ConnectionDetailsShapes() {
    }

    /**
     * A cluster's seed nodes.
     *
     * @param nodes the seed nodes, at least one
     */
    record ClusterShape(List<HostAndPort> nodes) implements RedisConnectionDetails.Cluster {

        /**
         * Copies the nodes.
         *
         * @throws NullPointerException when {@code nodes} or one of them is null
         * @throws IllegalArgumentException when {@code nodes} is empty
         */
        ClusterShape {
            nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("a Redis Cluster needs at least one node to read its topology "
                        + "from");
            }
        }
    }

    /**
     * A Sentinel deployment; {@link #toString()} masks the password.
     *
     * @param master the master name, not blank
     * @param nodes the sentinels, at least one
     * @param username the sentinels' ACL user, or {@code null}
     * @param password the sentinels' password, or {@code null}
     * @param database the data nodes' database
     */
    record SentinelShape(String master, List<HostAndPort> nodes, String username, String password, int database)
            implements RedisConnectionDetails.Sentinel {

        /**
         * Checks the master name and copies the sentinels.
         *
         * @throws NullPointerException when {@code master}, {@code nodes} or one of them is null
         * @throws IllegalArgumentException when {@code master} is blank or {@code nodes} is empty
         */
        SentinelShape {
            Objects.requireNonNull(master, "master");
            if (master.isBlank()) {
                throw new IllegalArgumentException("the Sentinel master name must not be blank");
            }
            nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("a Sentinel deployment needs at least one sentinel");
            }
        }

        @Override
        public String toString() {
            return "Sentinel[master=" + master + ", nodes=" + nodes + ", username=" + username + ", password="
                    + (password == null ? null : "****") + ", database=" + database + "]";
        }
    }
}
