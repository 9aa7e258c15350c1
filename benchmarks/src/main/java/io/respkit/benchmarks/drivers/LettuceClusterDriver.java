package io.respkit.benchmarks.drivers;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.respkit.benchmarks.Driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Lettuce's cluster client as its documentation recommends: one shared, thread-safe
 * {@link StatefulRedisClusterConnection} (one connection per node underneath) for synchronous commands from every
 * thread; pipelines on a second cluster connection with auto-flush off, flushed once per batch, as
 * {@link LettuceDriver} does on one server. Pub/sub is not part of the cluster workloads.
 *
 * <p>Thread-safe for the synchronous commands; the pipeline methods serialise on their own connection.
 */
public final class LettuceClusterDriver implements Driver {

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, String> connection;
    private final RedisAdvancedClusterCommands<String, String> sync;
    private final StatefulRedisClusterConnection<String, String> pipelineConnection;
    private final RedisAdvancedClusterAsyncCommands<String, String> pipeline;

    /**
     * Connects.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (seeds)
     */
    public LettuceClusterDriver(String host, List<Integer> ports) {
        List<RedisURI> seeds = new ArrayList<>();
        for (int port : ports) {
            seeds.add(RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofSeconds(60)).build());
        }
        this.client = RedisClusterClient.create(seeds);
        this.connection = client.connect();
        this.sync = connection.sync();
        this.pipelineConnection = client.connect();
        pipelineConnection.setAutoFlushCommands(false);
        this.pipeline = pipelineConnection.async();
    }

    @Override
    public String name() {
        return "lettuce";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public boolean set(String key, String value) {
        return "OK".equals(sync.set(key, value));
    }

    @Override
    public String get(String key) {
        return sync.get(key);
    }

    @Override
    public synchronized int pipelineSet(String[] keys, String[] values, int from, int to) {
        List<RedisFuture<String>> futures = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            futures.add(pipeline.set(keys[i], values[i]));
        }
        pipelineConnection.flushCommands();
        int ok = 0;
        for (RedisFuture<String> f : futures) {
            if ("OK".equals(await(f))) {
                ok++;
            }
        }
        return ok;
    }

    @Override
    public synchronized void pipelineGet(String[] keys, int from, int to, String[] out) {
        List<RedisFuture<String>> futures = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            futures.add(pipeline.get(keys[i]));
        }
        pipelineConnection.flushCommands();
        for (int i = from; i < to; i++) {
            out[i] = await(futures.get(i - from));
        }
    }

    private static <T> T await(RedisFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
        return sync.hset(key, fields);
    }

    @Override
    public Map<String, String> hgetall(String key) {
        return sync.hgetall(key);
    }

    @Override
    public long hincrby(String key, String field, long by) {
        return sync.hincrby(key, field, by);
    }

    @Override
    public String brpop(String key, int timeoutSeconds) {
        // Only for completeness: a blocking pop stalls the shared connection's node connection for every thread.
        KeyValue<String, String> kv = sync.brpop(timeoutSeconds, key);
        return kv == null || !kv.hasValue() ? null : kv.getValue();
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
    public synchronized void close() {
        pipelineConnection.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
