package io.respkit.benchmarks.drivers;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
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
 * on a {@link StatefulRedisPubSubConnection}.
 *
 * <p>Thread-safe for the synchronous commands; the pipeline methods serialise on their own connection.
 */
public final class LettuceDriver implements Driver {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> sync;
    private final StatefulRedisConnection<String, String> pipelineConnection;
    private final RedisAsyncCommands<String, String> pipeline;
    private StatefulRedisConnection<String, String> blocking;

    /**
     * Connects.
     *
     * @param host the server host
     * @param port the server port
     */
    public LettuceDriver(String host, int port) {
        this.client = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
                .withTimeout(Duration.ofSeconds(60)).build());
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
        // A blocking pop would stall every other user of the shared connection, so it gets its own, as Lettuce
        // advises; the benchmark's consumer calls this from one thread, on one connection kept for the purpose.
        KeyValue<String, String> kv = blockingConnection().sync().brpop(timeoutSeconds, key);
        return kv == null || !kv.hasValue() ? null : kv.getValue();
    }

    private synchronized StatefulRedisConnection<String, String> blockingConnection() {
        if (blocking == null) {
            blocking = client.connect();
        }
        return blocking;
    }

    @Override
    public AutoCloseable subscribe(String channel, Consumer<String> sink) {
        StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
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
