package io.respkit.benchmarks.drivers;

import io.respkit.ClusterPipeline;
import io.respkit.RedisClusterClient;
import io.respkit.benchmarks.Driver;
import io.respkit.cluster.ClusterConfig;
import io.respkit.commands.KeyValue;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.PoolConfig;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * respkit's {@link RedisClusterClient} through its public API: a pool per node (or, as {@code respkit-mux}, one
 * multiplexed connection per node), {@link ClusterPipeline} for batches. Pub/sub is not part of the cluster
 * workloads.
 *
 * <p>Thread-safe, as {@link RedisClusterClient} is.
 */
public final class RespkitClusterDriver implements Driver {

    private final String name;
    private final RedisClusterClient<String> client;

    private RespkitClusterDriver(String name, String host, List<Integer> ports, int poolSize, boolean multiplexed) {
        this.name = name;
        ClusterConfig.Builder config = ClusterConfig.builder().nodeConfig(RedisConfig.builder()
                .multiplexed(multiplexed)
                .pool(PoolConfig.builder().maxTotal(poolSize).maxIdle(poolSize).build()).build());
        for (int port : ports) {
            config.seed(host, port);
        }
        this.client = RedisClusterClient.create(config.build());
    }

    /**
     * Creates the pooled contender: each command borrows a connection from its node's pool.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (seeds)
     * @param poolSize each node pool's maximum size, e.g. the number of threads
     * @return the driver
     */
    public static RespkitClusterDriver pooled(String host, List<Integer> ports, int poolSize) {
        return new RespkitClusterDriver("respkit", host, ports, poolSize, false);
    }

    /**
     * Creates the multiplexed contender: ordinary commands share one auto-pipelined connection per node.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (seeds)
     * @param poolSize each node pool's maximum size, for what cannot be multiplexed (pipelines)
     * @return the driver
     */
    public static RespkitClusterDriver multiplexed(String host, List<Integer> ports, int poolSize) {
        return new RespkitClusterDriver("respkit-mux", host, ports, poolSize, true);
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
        return client.set(key, value);
    }

    @Override
    public String get(String key) {
        return client.get(key);
    }

    @Override
    public int pipelineSet(String[] keys, String[] values, int from, int to) {
        try (ClusterPipeline<String> p = client.pipeline()) {
            for (int i = from; i < to; i++) {
                p.set(keys[i], values[i]);
            }
            return Replies.count(p.execute(), Boolean.TRUE);
        }
    }

    @Override
    public void pipelineGet(String[] keys, int from, int to, String[] out) {
        try (ClusterPipeline<String> p = client.pipeline()) {
            for (int i = from; i < to; i++) {
                p.get(keys[i]);
            }
            List<Object> replies = p.execute();
            for (int i = from; i < to; i++) {
                out[i] = (String) replies.get(i - from);
            }
        }
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
        return client.hset(key, fields);
    }

    @Override
    public Map<String, String> hgetall(String key) {
        return client.hgetall(key);
    }

    @Override
    public long hincrby(String key, String field, long by) {
        return client.hincrby(key, field, by);
    }

    @Override
    public String brpop(String key, int timeoutSeconds) {
        KeyValue<String> kv = client.brpop(timeoutSeconds, key);
        return kv == null ? null : kv.value();
    }

    /**
     * Not part of the cluster workloads.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public AutoCloseable subscribe(String channel, Consumer<String> sink) {
        throw new UnsupportedOperationException("pub/sub is not benchmarked on the cluster");
    }

    @Override
    public void close() {
        client.close();
    }
}
