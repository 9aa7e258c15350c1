package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolStats;

import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Publishes a pool's state as Micrometer gauges tagged {@code address=host:port}: {@code respkit.pool.active},
 * {@code respkit.pool.idle}, {@code respkit.pool.waiters} and {@code respkit.pool.max}; for the pool of a client that
 * follows a Sentinel-monitored primary, whose address changes with a failover, they are tagged
 * {@code master=<master name>} instead. The gauges are registered on construction and removed by {@link #close()}.
 *
 * <p>Thread-safe.
 */
public final class RedisPoolMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Meter> meters;

    /**
     * Registers the gauges.
     *
     * @param pool the pool to observe
     * @param registry where to register
     */
    public RedisPoolMetrics(ConnectionPool pool, MeterRegistry registry) {
        this(pool, registry, null);
    }

    /**
     * Registers the gauges of the pool of a client that follows a Sentinel-monitored primary.
     *
     * @param pool the pool to observe
     * @param registry where to register
     * @param masterName the name the sentinels monitor the primary under, the gauges' {@code master} tag; or
     *                   {@code null} for one fixed server, tagged by {@code address}
     */
    public RedisPoolMetrics(ConnectionPool pool, MeterRegistry registry, String masterName) {
        Objects.requireNonNull(pool, "pool");
        this.registry = Objects.requireNonNull(registry, "registry");
        // A Sentinel pool's address changes with a failover: a tag fixed at start would name the old primary.
        Tag tag = masterName != null ? Tag.of("master", masterName) : Tag.of("address", pool.config().address());
        this.meters = List.of(
                gauge("respkit.pool.active", "Connections currently borrowed", pool, tag, PoolStats::active),
                gauge("respkit.pool.idle", "Connections idle in the pool", pool, tag, PoolStats::idle),
                gauge("respkit.pool.waiters", "Threads waiting for a connection", pool, tag, PoolStats::waiters),
                gauge("respkit.pool.max", "Most connections the pool opens", pool, tag, PoolStats::maxTotal));
    }

    private Meter gauge(String name, String description, ConnectionPool pool, Tag tag,
                        ToIntFunction<PoolStats> value) {
        return Gauge.builder(name, pool, p -> value.applyAsInt(p.stats()))
                .description(description)
                .tags(List.of(tag))
                .register(registry);
    }

    /** Removes the gauges from the registry. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
