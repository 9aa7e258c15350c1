package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolStats;

import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Publishes a pool's state as Micrometer gauges tagged {@code address=host:port}: {@code respkit.pool.active},
 * {@code respkit.pool.idle}, {@code respkit.pool.waiters} and {@code respkit.pool.max}. The gauges are registered on
 * construction and removed by {@link #close()}.
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
        Objects.requireNonNull(pool, "pool");
        this.registry = Objects.requireNonNull(registry, "registry");
        String address = pool.config().address();
        this.meters = List.of(
                gauge("respkit.pool.active", "Connections currently borrowed", pool, address, PoolStats::active),
                gauge("respkit.pool.idle", "Connections idle in the pool", pool, address, PoolStats::idle),
                gauge("respkit.pool.waiters", "Threads waiting for a connection", pool, address, PoolStats::waiters),
                gauge("respkit.pool.max", "Most connections the pool opens", pool, address, PoolStats::maxTotal));
    }

    private Meter gauge(String name, String description, ConnectionPool pool, String address,
                        ToIntFunction<PoolStats> value) {
        return Gauge.builder(name, pool, p -> value.applyAsInt(p.stats()))
                .description(description)
                .tag("address", address)
                .register(registry);
    }

    /** Removes the gauges from the registry. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
