package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.HostAndPort;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

import java.util.List;

/**
 * Where the starter connects, for Spring Boot's service connections: a bean of this type, such as the one
 * {@code @ServiceConnection} makes for a Testcontainers Redis or Valkey container, Docker Compose for a
 * {@code redis}/{@code valkey} service, or one of the application's own, wins over {@code redis.url},
 * {@code redis.host}, {@code redis.cluster.nodes}, {@code redis.sentinel.master} and the other address and credential
 * properties. The other {@code redis.*} properties (timeouts, pool, protocol, client name, read-from, the cluster's
 * refresh and the Sentinel check interval) still apply. Without such a bean, the starter derives one from the
 * properties.
 *
 * <p>As in Spring Boot's own {@code DataRedisConnectionDetails}, the details have one of three shapes:
 * <ul>
 *   <li>one server: {@link #host()}, {@link #port()}, {@link #database()} and {@link #sslBundle()};</li>
 *   <li>a Redis Cluster: {@link #cluster()} is not {@code null};</li>
 *   <li>a primary watched by Redis Sentinel: {@link #sentinel()} is not {@code null}.</li>
 * </ul>
 * {@link #username()} and {@link #password()} are the data nodes' credentials in every shape.
 *
 * <p><b>Which mode the starter uses.</b> The starter chooses between single-server, cluster and Sentinel mode before
 * any bean is created (each mode has beans of its own types, such as {@code RedisClusterClient}), so it cannot ask a
 * details bean for its shape; it reads the bean's declared type instead. A bean declared (its {@code @Bean} method's
 * return type, or its class) as {@link ClusterDetails} selects cluster mode, one declared as {@link SentinelDetails}
 * Sentinel mode, any other details bean single-server mode, whatever {@code redis.cluster.nodes} and
 * {@code redis.sentinel.master} say. Only when no details bean is defined do those properties choose the mode. A
 * details bean declared as plain {@code RedisConnectionDetails} whose {@code cluster()} or {@code sentinel()} is not
 * {@code null} fails the start-up with an explanation rather than connect to the wrong place.
 *
 * <pre>{@code
 * @Bean
 * RedisConnectionDetails.ClusterDetails redisConnectionDetails() {
 *     return () -> RedisConnectionDetails.Cluster.of(List.of(HostAndPort.parse("10.0.0.1:7000")));
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe; {@link #toString()} must never show a password.
 */
public interface RedisConnectionDetails extends ConnectionDetails {

    /**
     * Returns the server's host, in single-server mode.
     *
     * @return a host name or address
     */
    String host();

    /**
     * Returns the server's port, in single-server mode.
     *
     * @return the port
     */
    int port();

    /**
     * Returns the ACL user of the data nodes (the server, the cluster's nodes, or the primary and replicas Sentinel
     * names), in every mode.
     *
     * @return the user, or {@code null} for the default user
     */
    default String username() {
        return null;
    }

    /**
     * Returns the data nodes' password, in every mode.
     *
     * @return the password, or {@code null} for none
     */
    default String password() {
        return null;
    }

    /**
     * Returns the database selected on every connection, in single-server mode ({@link Sentinel#database()} in
     * Sentinel mode; a cluster has only database 0).
     *
     * @return the database index, 0 by default
     */
    default int database() {
        return 0;
    }

    /**
     * Returns the SSL bundle that turns TLS on, in single-server mode ({@link Cluster#sslBundle()} and
     * {@link Sentinel#sslBundle()} in the other modes).
     *
     * @return the bundle, or {@code null} for plain TCP (unless the properties turn TLS on)
     */
    default SslBundle sslBundle() {
        return null;
    }

    /**
     * Returns the Redis Cluster to connect to. Mutually exclusive with {@link #sentinel()}.
     *
     * @return the cluster, or {@code null} when the details do not describe one
     */
    default Cluster cluster() {
        return null;
    }

    /**
     * Returns the Sentinel deployment to connect through. Mutually exclusive with {@link #cluster()}.
     *
     * @return the Sentinel deployment, or {@code null} when the details do not describe one
     */
    default Sentinel sentinel() {
        return null;
    }

    /**
     * A Redis Cluster: the nodes to read the topology from.
     *
     * <p>Implementations are immutable and thread-safe.
     */
    interface Cluster {

        /**
         * Returns the nodes the cluster's topology is first read from (some of its nodes are enough).
         *
         * @return the seed nodes, at least one
         */
        List<HostAndPort> nodes();

        /**
         * Returns the SSL bundle that turns TLS on for every node.
         *
         * @return the bundle, or {@code null} for plain TCP (unless the properties turn TLS on)
         */
        default SslBundle sslBundle() {
            return null;
        }

        /**
         * Creates a cluster shape of the given seed nodes, without an SSL bundle.
         *
         * @param nodes the seed nodes
         * @return the shape
         * @throws NullPointerException when {@code nodes} or one of them is null
         * @throws IllegalArgumentException when {@code nodes} is empty
         */
        static Cluster of(List<HostAndPort> nodes) {
            return new ConnectionDetailsShapes.ClusterShape(nodes);
        }
    }

    /**
     * A primary watched by Redis Sentinel: the name the sentinels monitor it under, the sentinels, their own
     * credentials, and the database of the data nodes.
     *
     * <p>Implementations are immutable and thread-safe; {@link #toString()} must never show the password.
     */
    interface Sentinel {

        /**
         * Returns the name the sentinels monitor the primary under ({@code SENTINEL MONITOR <name> ...}).
         *
         * @return the master name, not blank
         */
        String master();

        /**
         * Returns the sentinels to ask where the primary is.
         *
         * @return the sentinels, at least one
         */
        List<HostAndPort> nodes();

        /**
         * Returns the ACL user the sentinels (not the data nodes) are authenticated as.
         *
         * @return the user, or {@code null} for the default user; needs {@link #password()}
         */
        default String username() {
            return null;
        }

        /**
         * Returns the sentinels' password (not the data nodes', which is {@link RedisConnectionDetails#password()}).
         *
         * @return the password, or {@code null} when the sentinels need none
         */
        default String password() {
            return null;
        }

        /**
         * Returns the database selected on every connection to the primary and the replicas.
         *
         * @return the database index, 0 by default
         */
        default int database() {
            return 0;
        }

        /**
         * Returns the SSL bundle that turns TLS on, for the sentinels and the data nodes alike.
         *
         * @return the bundle, or {@code null} for plain TCP (unless the properties turn TLS on)
         */
        default SslBundle sslBundle() {
            return null;
        }

        /**
         * Creates a Sentinel shape of the given master name and sentinels, without credentials for the sentinels,
         * database 0 and no SSL bundle.
         *
         * @param master the name the sentinels monitor the primary under
         * @param nodes the sentinels
         * @return the shape
         * @throws NullPointerException when an argument or a sentinel is null
         * @throws IllegalArgumentException when {@code master} is blank or {@code nodes} is empty
         */
        static Sentinel of(String master, List<HostAndPort> nodes) {
            return new ConnectionDetailsShapes.SentinelShape(master, nodes, null, null, 0);
        }
    }

    /**
     * Details of a Redis Cluster whose type says so: a bean declared with this type puts the starter in cluster
     * mode (see {@link RedisConnectionDetails} for why the declared type decides). Only {@link #cluster()} must be
     * implemented, so a lambda will do; override {@link #username()} and {@link #password()} for the nodes'
     * credentials.
     *
     * <p>Implementations are thread-safe; {@link #toString()} must never show a password.
     */
    @FunctionalInterface
    interface ClusterDetails extends RedisConnectionDetails {

        /**
         * Returns the cluster.
         *
         * @return the cluster, not {@code null}
         */
        @Override
        Cluster cluster();

        /**
         * Not used in cluster mode, where each node has its own address.
         *
         * @return never
         * @throws UnsupportedOperationException always: ask {@link #cluster()} for the nodes
         */
        @Override
        default String host() {
            throw new UnsupportedOperationException("a Redis Cluster has no single host: see cluster().nodes()");
        }

        /**
         * Not used in cluster mode, where each node has its own address.
         *
         * @return never
         * @throws UnsupportedOperationException always: ask {@link #cluster()} for the nodes
         */
        @Override
        default int port() {
            throw new UnsupportedOperationException("a Redis Cluster has no single port: see cluster().nodes()");
        }
    }

    /**
     * Details of a Sentinel deployment whose type says so: a bean declared with this type puts the starter in
     * Sentinel mode (see {@link RedisConnectionDetails} for why the declared type decides). Only {@link #sentinel()}
     * must be implemented, so a lambda will do; override {@link #username()} and {@link #password()} for the data
     * nodes' credentials.
     *
     * <p>Implementations are thread-safe; {@link #toString()} must never show a password.
     */
    @FunctionalInterface
    interface SentinelDetails extends RedisConnectionDetails {

        /**
         * Returns the Sentinel deployment.
         *
         * @return the deployment, not {@code null}
         */
        @Override
        Sentinel sentinel();

        /**
         * Not used in Sentinel mode, where the sentinels name the primary.
         *
         * @return never
         * @throws UnsupportedOperationException always: the sentinels in {@link #sentinel()} name the primary
         */
        @Override
        default String host() {
            throw new UnsupportedOperationException("the primary's host is asked from the sentinels: see "
                    + "sentinel()");
        }

        /**
         * Not used in Sentinel mode, where the sentinels name the primary.
         *
         * @return never
         * @throws UnsupportedOperationException always: the sentinels in {@link #sentinel()} name the primary
         */
        @Override
        default int port() {
            throw new UnsupportedOperationException("the primary's port is asked from the sentinels: see "
                    + "sentinel()");
        }
    }
}
