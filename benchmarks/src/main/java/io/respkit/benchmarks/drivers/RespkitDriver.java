package io.respkit.benchmarks.drivers;

import io.respkit.ClusterPipeline;
import io.respkit.Pipeline;
import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.benchmarks.Driver;
import io.respkit.cluster.ClusterConfig;
import io.respkit.commands.KeyValue;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.connection.ConnectionMode;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.PoolConfig;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.Subscriber;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * respkit through its public API: a pooled {@link RedisClient} (or, as {@code respkit-mux}, the multiplexed mode),
 * {@link Pipeline} for batches and a {@link Subscriber} for pub/sub. The cluster forms do the same over a
 * {@link RedisClusterClient} (a pool, or one multiplexed connection, per node) through the {@link RedisCommands} the
 * two clients share, with {@link ClusterPipeline} for batches; pub/sub is not part of the cluster workloads.
 *
 * <p>Thread-safe, as {@link RedisClient} and {@link RedisClusterClient} are.
 */
public final class RespkitDriver implements Driver {

    private final String name;
    private final RedisCommands<String> commands;
    /** Exactly one of the two is set. */
    private final RedisClient<String> client;
    private final RedisClusterClient<String> cluster;

    private RespkitDriver(String name, RedisClient<String> client, RedisClusterClient<String> cluster) {
        this.name = name;
        this.commands = client != null ? client : cluster;
        this.client = client;
        this.cluster = cluster;
    }

    private RespkitDriver(String name, RedisConfig config) {
        this(name, RedisClient.create(config), null);
    }

    private RespkitDriver(String name, String host, List<Integer> ports, int poolSize, boolean multiplexed) {
        this(name, null, RedisClusterClient.create(clusterConfig(host, ports, poolSize, multiplexed)));
    }

    /**
     * Creates the default contender: the default connection mode (adaptive: a lone caller borrows a pooled
     * connection, overlapping callers share the multiplexed one), with a pool of {@code poolSize}.
     *
     * @param host the server host
     * @param port the server port
     * @param poolSize the pool's maximum size, e.g. the number of threads
     * @return the driver
     */
    public static RespkitDriver pooled(String host, int port, int poolSize) {
        return new RespkitDriver("respkit", config(host, port, poolSize, false));
    }

    /**
     * Creates respkit's default client, as an application gets it with no pool settings (a pool of 16).
     *
     * @param host the server host
     * @param port the server port
     * @return the driver
     */
    public static RespkitDriver defaults(String host, int port) {
        return new RespkitDriver("respkit", RedisConfig.builder().host(host).port(port).build());
    }

    /**
     * Creates the multiplexed contender: ordinary commands from every thread share one auto-pipelined connection.
     *
     * @param host the server host
     * @param port the server port
     * @param poolSize the pool's maximum size, for what cannot be multiplexed (pipelines, blocking pops)
     * @return the driver
     */
    public static RespkitDriver multiplexed(String host, int port, int poolSize) {
        return new RespkitDriver("respkit-mux", config(host, port, poolSize, true));
    }

    /**
     * Creates the pooled cluster contender: each command borrows a connection from its node's pool.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (seeds)
     * @param poolSize each node pool's maximum size, e.g. the number of threads
     * @return the driver
     */
    public static RespkitDriver clusterPooled(String host, List<Integer> ports, int poolSize) {
        return new RespkitDriver("respkit", host, ports, poolSize, false);
    }

    /**
     * Creates the multiplexed cluster contender: ordinary commands share one auto-pipelined connection per node.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (seeds)
     * @param poolSize each node pool's maximum size, for what cannot be multiplexed (pipelines)
     * @return the driver
     */
    public static RespkitDriver clusterMultiplexed(String host, List<Integer> ports, int poolSize) {
        return new RespkitDriver("respkit-mux", host, ports, poolSize, true);
    }

    private static RedisConfig config(String host, int port, int poolSize, boolean multiplexed) {
        return nodeConfig(poolSize, multiplexed).host(host).port(port).build();
    }

    private static ClusterConfig clusterConfig(String host, List<Integer> ports, int poolSize, boolean multiplexed) {
        ClusterConfig.Builder config = ClusterConfig.builder().nodeConfig(nodeConfig(poolSize, multiplexed).build());
        for (int port : ports) {
            config.seed(host, port);
        }
        return config.build();
    }

    /** The default connection mode for {@code respkit}, the multiplexed one for {@code respkit-mux}. */
    private static RedisConfig.Builder nodeConfig(int poolSize, boolean multiplexed) {
        return RedisConfig.builder().connectionMode(multiplexed ? ConnectionMode.MULTIPLEXED : ConnectionMode.ADAPTIVE)
                .pool(PoolConfig.builder().maxTotal(poolSize).maxIdle(poolSize).build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public boolean set(String key, String value) {
        return commands.set(key, value);
    }

    @Override
    public String get(String key) {
        return commands.get(key);
    }

    @Override
    public int pipelineSet(String[] keys, String[] values, int from, int to) {
        RedisPipelineCommands<String> p = pipeline();
        try {
            for (int i = from; i < to; i++) {
                p.set(keys[i], values[i]);
            }
            return Replies.count(execute(p), Boolean.TRUE);
        } finally {
            close(p);
        }
    }

    @Override
    public void pipelineGet(String[] keys, int from, int to, String[] out) {
        RedisPipelineCommands<String> p = pipeline();
        try {
            for (int i = from; i < to; i++) {
                p.get(keys[i]);
            }
            List<Object> replies = execute(p);
            for (int i = from; i < to; i++) {
                out[i] = (String) replies.get(i - from);
            }
        } finally {
            close(p);
        }
    }

    // Pipeline and ClusterPipeline share their commands' interface but not execute() and close().

    private RedisPipelineCommands<String> pipeline() {
        return client != null ? client.pipeline() : cluster.pipeline();
    }

    private static List<Object> execute(RedisPipelineCommands<String> p) {
        return p instanceof Pipeline<String> single ? single.execute() : ((ClusterPipeline<String>) p).execute();
    }

    private static void close(RedisPipelineCommands<String> p) {
        if (p instanceof Pipeline<String> single) {
            single.close();
        } else {
            ((ClusterPipeline<String>) p).close();
        }
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
        return commands.hset(key, fields);
    }

    @Override
    public Map<String, String> hgetall(String key) {
        return commands.hgetall(key);
    }

    @Override
    public long hincrby(String key, String field, long by) {
        return commands.hincrby(key, field, by);
    }

    @Override
    public String brpop(String key, int timeoutSeconds) {
        KeyValue<String> kv = commands.brpop(timeoutSeconds, key);
        return kv == null ? null : kv.value();
    }

    /**
     * Subscribes with a {@link Subscriber} of its own.
     *
     * @throws UnsupportedOperationException in the cluster forms: pub/sub is not part of the cluster workloads
     */
    @Override
    public AutoCloseable subscribe(String channel, Consumer<String> sink) {
        if (client == null) {
            throw new UnsupportedOperationException("pub/sub is not benchmarked on the cluster");
        }
        Subscriber<String> subscriber = client.subscriber();
        subscriber.subscribe(channel);
        subscriber.start(m -> {
            if (m instanceof Message<String> msg) {
                sink.accept(msg.payload());
            }
        });
        return subscriber;
    }

    /**
     * Returns the client, for workloads that use respkit beyond the common operations.
     *
     * @return the client; null in the cluster forms
     */
    public RedisClient<String> client() {
        return client;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        } else {
            cluster.close();
        }
    }
}
