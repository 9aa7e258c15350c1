package io.respkit.benchmarks.drivers;

import io.respkit.benchmarks.Driver;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.commands.JedisCommands;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Jedis as its users write it: one {@link Jedis} connection for single-threaded work, or a {@link JedisPool} sized
 * to the threads for multi-threaded work; {@link Jedis#pipelined()} for batches; {@link JedisPubSub} on its own
 * connection for pub/sub. The {@linkplain #cluster cluster form} is Jedis 8's {@link RedisClusterClient} (the
 * successor of {@code JedisCluster}) with a connection pool per node sized to the threads, and
 * {@link RedisClusterClient#pipelined()} (a {@link ClusterPipeline}, which syncs the nodes concurrently) for batches,
 * through the {@link JedisCommands} it shares with {@link Jedis}; pub/sub is not part of the cluster workloads.
 *
 * <p>Thread-safe in the pooled and cluster forms, not in the single-connection one ({@link #threadSafe()}); each
 * pipeline belongs to the calling thread.
 */
public final class JedisDriver implements Driver {

    private final String host;
    private final int port;
    /** The single connection or the cluster client, used by every call; null in the pooled form. */
    private final JedisCommands shared;
    private final JedisPool pool;

    private JedisDriver(String host, int port, JedisCommands shared, JedisPool pool) {
        this.host = host;
        this.port = port;
        this.shared = shared;
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

    /**
     * Creates the cluster form.
     *
     * @param host the nodes' host
     * @param ports the nodes' ports (seeds)
     * @param poolSize each node pool's maximum (and idle) size
     * @return the driver, thread-safe
     */
    public static JedisDriver cluster(String host, List<Integer> ports, int poolSize) {
        Set<HostAndPort> nodes = new HashSet<>();
        for (int port : ports) {
            nodes.add(new HostAndPort(host, port));
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        return new JedisDriver(host, -1, RedisClusterClient.builder().nodes(nodes).poolConfig(pool).build(), null);
    }

    @Override
    public String name() {
        return "jedis";
    }

    @Override
    public boolean threadSafe() {
        return !(shared instanceof Jedis);
    }

    private JedisCommands acquire() {
        return shared != null ? shared : pool.getResource();
    }

    private void release(JedisCommands jedis) {
        if (shared == null) {
            ((Jedis) jedis).close(); // gives it back to the pool
        }
    }

    private static AbstractPipeline pipelined(JedisCommands jedis) {
        return jedis instanceof Jedis j ? j.pipelined() : ((UnifiedJedis) jedis).pipelined();
    }

    @Override
    public boolean set(String key, String value) {
        JedisCommands j = acquire();
        try {
            return "OK".equals(j.set(key, value));
        } finally {
            release(j);
        }
    }

    @Override
    public String get(String key) {
        JedisCommands j = acquire();
        try {
            return j.get(key);
        } finally {
            release(j);
        }
    }

    @Override
    public int pipelineSet(String[] keys, String[] values, int from, int to) {
        JedisCommands j = acquire();
        try {
            List<Response<String>> responses = new ArrayList<>(to - from);
            try (AbstractPipeline p = pipelined(j)) {
                for (int i = from; i < to; i++) {
                    responses.add(p.set(keys[i], values[i]));
                }
                if (p instanceof Pipeline single) {
                    // One server: every reply, an error reply counted as not OK rather than thrown.
                    return Replies.count(single.syncAndReturnAll(), "OK");
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
        } finally {
            release(j);
        }
    }

    @Override
    public void pipelineGet(String[] keys, int from, int to, String[] out) {
        JedisCommands j = acquire();
        try {
            List<Response<String>> responses = new ArrayList<>(to - from);
            try (AbstractPipeline p = pipelined(j)) {
                for (int i = from; i < to; i++) {
                    responses.add(p.get(keys[i]));
                }
                p.sync();
            }
            for (int i = from; i < to; i++) {
                out[i] = responses.get(i - from).get();
            }
        } finally {
            release(j);
        }
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
        JedisCommands j = acquire();
        try {
            return j.hset(key, fields);
        } finally {
            release(j);
        }
    }

    @Override
    public Map<String, String> hgetall(String key) {
        JedisCommands j = acquire();
        try {
            return j.hgetAll(key);
        } finally {
            release(j);
        }
    }

    @Override
    public long hincrby(String key, String field, long by) {
        JedisCommands j = acquire();
        try {
            return j.hincrBy(key, field, by);
        } finally {
            release(j);
        }
    }

    @Override
    public String brpop(String key, int timeoutSeconds) {
        JedisCommands j = acquire();
        try {
            List<String> kv = j.brpop(timeoutSeconds, key);
            return kv == null || kv.isEmpty() ? null : kv.get(1);
        } finally {
            release(j);
        }
    }

    /**
     * Subscribes on a connection of its own, read by a daemon thread.
     *
     * @throws UnsupportedOperationException in the cluster form: pub/sub is not part of the cluster workloads
     */
    @Override
    public AutoCloseable subscribe(String channel, Consumer<String> sink) {
        if (shared instanceof UnifiedJedis) {
            throw new UnsupportedOperationException("pub/sub is not benchmarked on the cluster");
        }
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
        if (shared instanceof Jedis single) {
            single.close();
        } else if (shared instanceof UnifiedJedis cluster) {
            cluster.close();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
