package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterTopology;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisClusterDownException;
import io.respkit.pool.ConnectionPool;
import io.respkit.sentinel.SentinelConfig;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where {@code @RedisListener} containers open their dedicated connections: one Redis server, the nodes of a Redis
 * Cluster, or the primary a Redis Sentinel setup names. With Sentinel, every container connects to the client's
 * current primary and, between bounded reads, checks with {@link #isCurrent(RedisConfig)} that the primary has not
 * moved since it connected: after a failover it reconnects to the new primary even when the old one still runs
 * (a planned {@code SENTINEL FAILOVER} leaves it up, serving as a primary, until the sentinels demote it). On a
 * cluster, pub/sub listeners subscribe on one primary (a cluster delivers every {@code PUBLISH}
 * to every node; a lost subscriber resubscribes on a primary of the then-current topology), and a queue listener
 * connects to the primary serving its queue's hash slot, asked again on every reconnection so that a failover or a
 * slot migration is followed. Every key a queue listener touches then has to be in that slot:
 * {@link #queueKeyPrefix(String)} gives the prefix of its processing lists and heartbeat keys.
 *
 * <p>Immutable and thread-safe.
 */
public final class RedisListenerConnections {

    private final RedisConfig single;
    private final ClusterConfig clusterConfig;
    private final RedisClusterClient<?> cluster;
    private final SentinelConfig sentinelConfig;
    private final ConnectionPool sentinelPool;

    private RedisListenerConnections(RedisConfig single, ClusterConfig clusterConfig, RedisClusterClient<?> cluster,
            SentinelConfig sentinelConfig, ConnectionPool sentinelPool) {
        this.single = single;
        this.clusterConfig = clusterConfig;
        this.cluster = cluster;
        this.sentinelConfig = sentinelConfig;
        this.sentinelPool = sentinelPool;
    }

    /**
     * Connections to one server.
     *
     * @param config where to connect and how
     * @return the connections
     * @throws NullPointerException when {@code config} is null
     */
    public static RedisListenerConnections of(RedisConfig config) {
        return new RedisListenerConnections(Objects.requireNonNull(config, "config"), null, null, null, null);
    }

    /**
     * Connections to the nodes of a Redis Cluster.
     *
     * @param config the cluster's configuration, for the per-node settings
     * @param client a client of that cluster, for its topology; never closed here
     * @return the connections
     * @throws NullPointerException when an argument is null
     */
    public static RedisListenerConnections cluster(ClusterConfig config, RedisClusterClient<?> client) {
        return new RedisListenerConnections(null, Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(client, "client"), null, null);
    }

    /**
     * Connections to the primary a Redis Sentinel setup names, as the client created with
     * {@link RedisClient#create(SentinelConfig, io.respkit.codec.RedisCodec)} follows it: its
     * {@linkplain RedisClient#pool() pool}'s {@code config()} is the current primary's, the same instance until the
     * primary moves.
     *
     * @param config the Sentinel configuration, for the master name and the data nodes' settings
     * @param client a client created from that configuration; never closed here
     * @return the connections
     * @throws NullPointerException when an argument is null
     */
    public static RedisListenerConnections sentinel(SentinelConfig config, RedisClient<?> client) {
        return new RedisListenerConnections(null, null, null, Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(client, "client").pool());
    }

    /**
     * Tells whether the connections go to a Redis Cluster.
     *
     * @return {@code true} for a cluster
     */
    public boolean isCluster() {
        return cluster != null;
    }

    /**
     * Tells whether the connections go to the primary a Redis Sentinel setup names, which may move.
     *
     * @return {@code true} with Sentinel
     */
    public boolean isSentinel() {
        return sentinelPool != null;
    }

    /**
     * Tells whether a connection opened with {@code connectedWith} (a configuration this object returned) still goes
     * where new ones would: always on one server and on a cluster (a cluster's listeners follow failovers when
     * their connection fails); with Sentinel, whether the primary is still the one it was opened for.
     *
     * @param connectedWith the configuration the connection was opened with
     * @return {@code false} once the Sentinel primary has moved: close the connection and open another
     */
    public boolean isCurrent(RedisConfig connectedWith) {
        // The pool's configuration is the same instance until the primary moves: identity is the test.
        return sentinelPool == null || sentinelPool.config() == connectedWith;
    }

    /** The per-connection settings shared by every node (charset, timeouts, health check). */
    RedisConfig settings() {
        if (single != null) {
            return single;
        }
        return clusterConfig != null ? clusterConfig.nodeConfig() : sentinelConfig.nodeConfig();
    }

    /**
     * Returns the charset of channel names and String payloads.
     *
     * @return the configured charset
     */
    public Charset charset() {
        return settings().charset();
    }

    Duration healthCheckInterval() {
        return settings().healthCheckInterval();
    }

    /**
     * Where a subscriber connects: the server, the current Sentinel primary, or a primary of the cluster chosen at
     * random.
     */
    RedisConfig subscriberConfig() {
        if (single != null) {
            return single;
        }
        if (sentinelPool != null) {
            return sentinelPool.config();
        }
        List<ClusterNode> primaries = cluster.topology().servingPrimaries();
        if (primaries.isEmpty()) {
            primaries = cluster.refreshTopology().servingPrimaries();
        }
        HostAndPort node = primaries.isEmpty() ? clusterConfig.seeds().get(0)
                : primaries.get(ThreadLocalRandom.current().nextInt(primaries.size())).address();
        return clusterConfig.configFor(node);
    }

    /**
     * Where a queue listener connects: the server, the current Sentinel primary, or the primary serving the queue's
     * slot.
     *
     * @param queue the queue
     * @param reconnecting whether an earlier connection failed: the topology is then read again first
     * @throws io.respkit.exceptions.RedisException when the cluster cannot say which node serves the slot
     */
    RedisConfig queueConfig(String queue, boolean reconnecting) {
        if (single != null) {
            return single;
        }
        if (sentinelPool != null) {
            return sentinelPool.config();
        }
        ClusterTopology topology = reconnecting ? cluster.refreshTopology() : cluster.topology();
        int slot = (int) cluster.clusterKeySlot(queue);
        ClusterNode primary = topology.primary(slot);
        if (primary == null) {
            throw new RedisClusterDownException("no primary serves hash slot " + slot + " of queue '" + queue
                    + "' in the cluster's topology");
        }
        return clusterConfig.configFor(primary.address());
    }

    /**
     * Returns the prefix of a queue's processing lists and heartbeat keys. On one server, the queue's name (keys
     * {@code <queue>:processing:<id>}, as in every earlier release). On a cluster, a name in the queue's hash slot:
     * the queue's name when it has a hash tag of its own ({@code {app}jobs}), else the name as a hash tag
     * ({@code jobs} gives {@code {jobs}:processing:<id>}), which hashes exactly as the queue does.
     *
     * @param queue the queue
     * @return the prefix
     * @throws IllegalArgumentException on a cluster, for a queue whose name has a {@code '}'} but no hash tag: no
     *         tag could put other keys in its slot
     */
    public String queueKeyPrefix(String queue) {
        if (!isCluster() || hasHashTag(queue)) {
            return queue;
        }
        if (queue.indexOf('}') >= 0) {
            throw new IllegalArgumentException("queue '" + queue + "' has a '}' but no {hash tag}: on a Redis "
                    + "Cluster its processing lists could not be put in its hash slot; rename it, e.g. with a tag "
                    + "such as {" + queue.replace("{", "").replace("}", "") + "}");
        }
        return "{" + queue + "}";
    }

    /**
     * Returns the default dead-letter list of a queue: {@code <queue>:dead}, or on a cluster
     * {@code <queueKeyPrefix>:dead}, in the queue's slot.
     *
     * @param queue the queue
     * @return the list's name
     * @throws IllegalArgumentException as {@link #queueKeyPrefix(String)}
     */
    public String defaultDeadLetterQueue(String queue) {
        return queueKeyPrefix(queue) + ":dead";
    }

    /**
     * Tells whether two keys are in the same hash slot ({@code CLUSTER KEYSLOT}); always on one server.
     *
     * @param a a key
     * @param b another key
     * @return whether a multi-key command over both can run
     * @throws io.respkit.exceptions.RedisException when the cluster cannot be asked
     */
    public boolean sameSlot(String a, String b) {
        return !isCluster() || cluster.clusterKeySlot(a) == cluster.clusterKeySlot(b);
    }

    /** A key's hash tag as Redis Cluster reads it: the text between the first '{' and the next '}', if not empty. */
    static boolean hasHashTag(String key) {
        int open = key.indexOf('{');
        if (open < 0) {
            return false;
        }
        int close = key.indexOf('}', open + 1);
        return close > open + 1;
    }

    /** Where connections go, for logs: an address, the cluster's seeds, or the Sentinel master and its primary. */
    String describe() {
        if (single != null) {
            return single.address();
        }
        if (sentinelPool != null) {
            return "Sentinel master '" + sentinelConfig.masterName() + "' (primary " + sentinelPool.config().address()
                    + ")";
        }
        return "Redis Cluster " + clusterConfig.seeds();
    }

    @Override
    public String toString() {
        return "RedisListenerConnections[" + describe() + "]";
    }
}
