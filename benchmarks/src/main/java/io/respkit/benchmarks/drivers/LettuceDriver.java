package io.respkit.benchmarks.drivers;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.respkit.benchmarks.Driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Lettuce as its documentation recommends: one shared, thread-safe {@link StatefulRedisConnection} for synchronous
 * commands from every thread; pipelines on a second connection with auto-flush off, flushed once per batch; pub/sub
 * on a {@link StatefulRedisPubSubConnection}. The {@linkplain #cluster cluster form} does the same over Lettuce's
 * {@link RedisClusterClient} (a {@link StatefulRedisClusterConnection}, one connection per node underneath, for each
 * of the two), through the command interfaces the two clients share; pub/sub is not part of the cluster workloads.
 *
 * <p>Thread-safe for the synchronous commands; the pipeline methods serialise on their own connection.
 */
public final class LettuceDriver implements Driver {

    private final AbstractRedisClient client;
    /** The single-server client, for what the cluster form does not do (a blocking connection, pub/sub); or null. */
    private final RedisClient single;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> sync;
    private final StatefulConnection<String, String> pipelineConnection;
    private final RedisClusterAsyncCommands<String, String> pipeline;
    private StatefulRedisConnection<String, String> blocking;

    /**
     * Connects to one server.
     *
     * @param host the server host
     * @param port the server port
     */
    public LettuceDriver(String host, int port) {
        this(RedisClient.create(uri(host, port)));
    }

    private LettuceDriver(RedisClient single) {
        this(single, single, single.connect(), single.connect());
    }

    private LettuceDriver(RedisClusterClient cluster) {
        this(cluster, null, cluster.connect(), openNodes(cluster, cluster.connect()));
    }

    /**
     * Opens the connection's per-node connections while it still flushes every command: Lettuce opens them lazily,
     * and a command queued for a node whose connection is still being opened when auto-flush is off and the batch
     * is flushed can stay unsent until its timeout (seen once in the smoke test: a SET waiting a minute).
     */
    private static StatefulRedisClusterConnection<String, String> openNodes(RedisClusterClient cluster,
            StatefulRedisClusterConnection<String, String> connection) {
        for (io.lettuce.core.cluster.models.partitions.RedisClusterNode node : cluster.getPartitions()) {
            connection.getConnection(node.getNodeId()).sync().ping();
        }
        return connection;
    }

    private LettuceDriver(AbstractRedisClient client, RedisClient single,
            StatefulRedisConnection<String, String> connection,
            StatefulRedisConnection<String, String> pipelineConnection) {
        this(client, single, connection, connection.sync(), pipelineConnection, pipelineConnection.async());
    }

    private LettuceDriver(AbstractRedisClient client, RedisClient single,
            StatefulRedisClusterConnection<String, String> connection,
            StatefulRedisClusterConnection<String, String> pipelineConnection) {
        this(client, single, connection, connection.sync(), pipelineConnection, pipelineConnection.async());
    }

    private LettuceDriver(AbstractRedisClient client, RedisClient single,
            StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync,
            StatefulConnection<String, String> pipelineConnection,
            RedisClusterAsyncCommands<String, String> pipeline) {
        this.client = client;
        this.single = single;
        this.connection = connection;
        this.sync = sync;
        this.pipelineConnection = pipelineConnection;
        pipelineConnection.setAutoFlushCommands(false);
        this.pipeline = pipeline;
    }

    /**
     * Connects to a cluster.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (seeds)
     * @return the driver
     */
    public static LettuceDriver cluster(String host, List<Integer> ports) {
        List<RedisURI> seeds = new ArrayList<>();
        for (int port : ports) {
            seeds.add(uri(host, port));
        }
        return new LettuceDriver(RedisClusterClient.create(seeds));
    }

    private static RedisURI uri(String host, int port) {
        return RedisURI.builder().withHost(host).withPort(port).withTimeout(Duration.ofSeconds(60)).build();
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
        if (single == null) {
            // Only for completeness: a blocking pop stalls the shared connection's node connection for every thread.
            return value(sync.brpop(timeoutSeconds, key));
        }
        // A blocking pop would stall every other user of the shared connection, so it gets its own, as Lettuce
        // advises; the benchmark's consumer calls this from one thread, on one connection kept for the purpose.
        return value(blockingConnection().sync().brpop(timeoutSeconds, key));
    }

    private static String value(KeyValue<String, String> kv) {
        return kv == null || !kv.hasValue() ? null : kv.getValue();
    }

    private synchronized StatefulRedisConnection<String, String> blockingConnection() {
        if (blocking == null) {
            blocking = single.connect();
        }
        return blocking;
    }

    /**
     * Subscribes on a connection of its own.
     *
     * @throws UnsupportedOperationException in the cluster form: pub/sub is not part of the cluster workloads
     */
    @Override
    public AutoCloseable subscribe(String channel, Consumer<String> sink) {
        if (single == null) {
            throw new UnsupportedOperationException("pub/sub is not benchmarked on the cluster");
        }
        StatefulRedisPubSubConnection<String, String> pubSub = single.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String ch, String message) {
                sink.accept(message);
            }
        });
        pubSub.sync().subscribe(channel);
        return pubSub::close;
    }

    @Override
    public synchronized void close() {
        if (blocking != null) {
            blocking.close();
        }
        pipelineConnection.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
