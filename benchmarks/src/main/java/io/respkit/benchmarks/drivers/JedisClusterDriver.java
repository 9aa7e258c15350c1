package io.respkit.benchmarks.drivers;

import io.respkit.benchmarks.Driver;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Jedis 8's cluster client as its users write it: {@link RedisClusterClient} (the successor of {@code JedisCluster})
 * with a connection pool per node sized to the threads, and {@link RedisClusterClient#pipelined()} (a
 * {@link ClusterPipeline}, which syncs the nodes concurrently) for batches. Pub/sub is not part of the cluster
 * workloads.
 *
 * <p>Thread-safe, as {@link RedisClusterClient} is; each pipeline belongs to the calling thread.
 */
public final class JedisClusterDriver implements Driver {

    private final RedisClusterClient client;

    /**
     * Connects.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (seeds)
     * @param poolSize each node pool's maximum (and idle) size
     */
    public JedisClusterDriver(String host, List<Integer> ports, int poolSize) {
        Set<HostAndPort> nodes = new HashSet<>();
        for (int port : ports) {
            nodes.add(new HostAndPort(host, port));
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        this.client = RedisClusterClient.builder().nodes(nodes).poolConfig(pool).build();
    }

    @Override
    public String name() {
        return "jedis";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public boolean set(String key, String value) {
        return "OK".equals(client.set(key, value));
    }

    @Override
    public String get(String key) {
        return client.get(key);
    }

    @Override
    public int pipelineSet(String[] keys, String[] values, int from, int to) {
        List<Response<String>> responses = new ArrayList<>(to - from);
        try (ClusterPipeline p = client.pipelined()) {
            for (int i = from; i < to; i++) {
                responses.add(p.set(keys[i], values[i]));
            }
            p.sync();
        }
        int ok = 0;
        for (Response<String> r : responses) {
            if ("OK".equals(r.get())) {
                ok++;
            }
        }
        return ok;
    }

    @Override
    public void pipelineGet(String[] keys, int from, int to, String[] out) {
        List<Response<String>> responses = new ArrayList<>(to - from);
        try (ClusterPipeline p = client.pipelined()) {
            for (int i = from; i < to; i++) {
                responses.add(p.get(keys[i]));
            }
            p.sync();
        }
        for (int i = from; i < to; i++) {
            out[i] = responses.get(i - from).get();
        }
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
        return client.hset(key, fields);
    }

    @Override
    public Map<String, String> hgetall(String key) {
        return client.hgetAll(key);
    }

    @Override
    public long hincrby(String key, String field, long by) {
        return client.hincrBy(key, field, by);
    }

    @Override
    public String brpop(String key, int timeoutSeconds) {
        List<String> kv = client.brpop(timeoutSeconds, key);
        return kv == null || kv.isEmpty() ? null : kv.get(1);
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
