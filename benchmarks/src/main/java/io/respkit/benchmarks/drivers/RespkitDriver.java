package io.respkit.benchmarks.drivers;

import io.respkit.Pipeline;
import io.respkit.RedisClient;
import io.respkit.benchmarks.Driver;
import io.respkit.commands.KeyValue;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.PoolConfig;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.Subscriber;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * respkit through its public API: a pooled {@link RedisClient} (or, as {@code respkit-mux}, the multiplexed mode),
 * {@link Pipeline} for batches and a {@link Subscriber} for pub/sub.
 *
 * <p>Thread-safe, as {@link RedisClient} is.
 */
public final class RespkitDriver implements Driver {

    private final String name;
    private final RedisClient<String> client;

    private RespkitDriver(String name, RedisConfig config) {
        this.name = name;
        this.client = RedisClient.create(config);
    }

    /**
     * Creates the pooled contender: each call borrows a connection from the commons-pool2 pool.
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

    private static RedisConfig config(String host, int port, int poolSize, boolean multiplexed) {
        return RedisConfig.builder().host(host).port(port).multiplexed(multiplexed)
                .pool(PoolConfig.builder().maxTotal(poolSize).maxIdle(poolSize).build()).build();
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
        try (Pipeline<String> p = client.pipeline()) {
            for (int i = from; i < to; i++) {
                p.set(keys[i], values[i]);
            }
            return Replies.count(p.execute(), Boolean.TRUE);
        }
    }

    @Override
    public void pipelineGet(String[] keys, int from, int to, String[] out) {
        try (Pipeline<String> p = client.pipeline()) {
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

    @Override
    public AutoCloseable subscribe(String channel, Consumer<String> sink) {
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
     * @return the client
     */
    public RedisClient<String> client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
