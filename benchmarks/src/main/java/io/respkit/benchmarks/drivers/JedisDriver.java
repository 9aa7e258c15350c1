package io.respkit.benchmarks.drivers;

import io.respkit.benchmarks.Driver;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Jedis as its users write it: one {@link Jedis} connection for single-threaded work, or a {@link JedisPool} sized
 * to the threads for multi-threaded work; {@link Jedis#pipelined()} for batches; {@link JedisPubSub} on its own
 * connection for pub/sub.
 *
 * <p>Thread-safe only in the pooled form ({@link #threadSafe()}).
 */
public final class JedisDriver implements Driver {

    private final String host;
    private final int port;
    private final Jedis single;
    private final JedisPool pool;

    private JedisDriver(String host, int port, Jedis single, JedisPool pool) {
        this.host = host;
        this.port = port;
        this.single = single;
        this.pool = pool;
    }

    /**
     * Creates the single-connection form.
     *
     * @param host the server host
     * @param port the server port
     * @return the driver, not thread-safe
     */
    public static JedisDriver single(String host, int port) {
        return new JedisDriver(host, port, new Jedis(host, port), null);
    }

    /**
     * Creates the pooled form.
     *
     * @param host the server host
     * @param port the server port
     * @param poolSize the pool's maximum (and idle) size
     * @return the driver, thread-safe
     */
    public static JedisDriver pooled(String host, int port, int poolSize) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(poolSize);
        config.setMaxIdle(poolSize);
        config.setMinIdle(0);
        return new JedisDriver(host, port, null, new JedisPool(config, host, port));
    }

    @Override
    public String name() {
        return "jedis";
    }

    @Override
    public boolean threadSafe() {
        return pool != null;
    }

    private Jedis acquire() {
        return single != null ? single : pool.getResource();
    }

    private void release(Jedis jedis) {
        if (single == null) {
            jedis.close(); // gives it back to the pool
        }
    }

    @Override
    public boolean set(String key, String value) {
        Jedis j = acquire();
        try {
            return "OK".equals(j.set(key, value));
        } finally {
            release(j);
        }
    }

    @Override
    public String get(String key) {
        Jedis j = acquire();
        try {
            return j.get(key);
        } finally {
            release(j);
        }
    }

    @Override
    public int pipelineSet(String[] keys, String[] values, int from, int to) {
        Jedis j = acquire();
        try {
            Pipeline p = j.pipelined();
            for (int i = from; i < to; i++) {
                p.set(keys[i], values[i]);
            }
            return Replies.count(p.syncAndReturnAll(), "OK");
        } finally {
            release(j);
        }
    }

    @Override
    public void pipelineGet(String[] keys, int from, int to, String[] out) {
        Jedis j = acquire();
        try {
            Pipeline p = j.pipelined();
            List<Response<String>> responses = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                responses.add(p.get(keys[i]));
            }
            p.sync();
            for (int i = from; i < to; i++) {
                out[i] = responses.get(i - from).get();
            }
        } finally {
            release(j);
        }
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
        Jedis j = acquire();
        try {
            return j.hset(key, fields);
        } finally {
            release(j);
        }
    }

    @Override
    public Map<String, String> hgetall(String key) {
        Jedis j = acquire();
        try {
            return j.hgetAll(key);
        } finally {
            release(j);
        }
    }

    @Override
    public long hincrby(String key, String field, long by) {
        Jedis j = acquire();
        try {
            return j.hincrBy(key, field, by);
        } finally {
            release(j);
        }
    }

    @Override
    public String brpop(String key, int timeoutSeconds) {
        Jedis j = acquire();
        try {
            List<String> kv = j.brpop(timeoutSeconds, key);
            return kv == null || kv.isEmpty() ? null : kv.get(1);
        } finally {
            release(j);
        }
    }

    @Override
    public AutoCloseable subscribe(String channel, Consumer<String> sink) {
        Jedis connection = new Jedis(host, port);
        JedisPubSub pubSub = new JedisPubSub() {
            @Override
            public void onMessage(String ch, String message) {
                sink.accept(message);
            }
        };
        Thread t = new Thread(() -> {
            try {
                connection.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                // closed under it at the end of the run
            }
        }, "jedis-subscriber");
        t.setDaemon(true);
        t.start();
        return () -> {
            if (pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
            t.join(5_000);
            connection.close();
        };
    }

    @Override
    public void close() {
        if (single != null) {
            single.close();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
