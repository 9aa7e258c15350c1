package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.respkit.RedisClusterClient;
import io.respkit.connection.HostAndPort;
import io.respkit.pool.PoolStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Publishes the pool of every cluster node as the same gauges as {@link RedisPoolMetrics}, one set per node tagged
 * {@code address=host:port}. Nodes come and go with the topology, so the set is brought up to date at once and then
 * every {@code refresh}: gauges of a node whose pool closed are removed.
 *
 * <p>Thread-safe.
 */
public final class RedisClusterPoolMetrics implements AutoCloseable {

    private final RedisClusterClient<?> client;
    private final MeterRegistry registry;
    private final Map<HostAndPort, List<Meter>> meters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * Registers the gauges of the nodes connected now and keeps them up to date.
     *
     * @param client the cluster client
     * @param registry where to register
     * @param refresh how often to look for nodes added or removed, positive
     * @throws IllegalArgumentException when {@code refresh} is not positive
     */
    public RedisClusterPoolMetrics(RedisClusterClient<?> client, MeterRegistry registry, Duration refresh) {
        this.client = Objects.requireNonNull(client, "client");
        this.registry = Objects.requireNonNull(registry, "registry");
        if (refresh.isZero() || refresh.isNegative()) {
            throw new IllegalArgumentException("refresh must be positive: " + refresh);
        }
        update();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "respkit-cluster-metrics");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::update, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers the gauges of nodes connected since the last update and removes those of nodes gone. */
    void update() {
        Map<HostAndPort, PoolStats> now = client.poolStats();
        for (HostAndPort node : now.keySet()) {
            meters.computeIfAbsent(node, this::register);
        }
        Set<HostAndPort> gone = ConcurrentHashMap.newKeySet();
        gone.addAll(meters.keySet());
        gone.removeAll(now.keySet());
        for (HostAndPort node : gone) {
            List<Meter> removed = meters.remove(node);
            if (removed != null) {
                removed.forEach(registry::remove);
            }
        }
    }

    private List<Meter> register(HostAndPort node) {
        List<Meter> out = new ArrayList<>(4);
        out.add(gauge("respkit.pool.active", "Connections currently borrowed", node, PoolStats::active));
        out.add(gauge("respkit.pool.idle", "Connections idle in the pool", node, PoolStats::idle));
        out.add(gauge("respkit.pool.waiters", "Threads waiting for a connection", node, PoolStats::waiters));
        out.add(gauge("respkit.pool.max", "Most connections the pool opens", node, PoolStats::maxTotal));
        return out;
    }

    private Meter gauge(String name, String description, HostAndPort node, ToIntFunction<PoolStats> value) {
        return Gauge.builder(name, client, c -> {
            PoolStats stats = c.poolStats().get(node);
            return stats == null ? Double.NaN : value.applyAsInt(stats);
        }).description(description).tag("address", node.toString()).register(registry);
    }

    /** Stops updating and removes every gauge. */
    @Override
    public void close() {
        timer.shutdownNow();
        meters.values().forEach(list -> list.forEach(registry::remove));
        meters.clear();
    }
}
