package io.respkit.spring.listener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RedisListenerMetrics} as Micrometer counters {@code respkit.listener.received}, {@code .processed},
 * {@code .failed}, {@code .dead-lettered} and {@code .claimed} (stream entries taken over), gauges {@code .pending}
 * and {@code .lag} of a stream listener's group, each tagged
 * {@code listener=<id>}. Only loaded when Micrometer is on
 * the classpath.
 *
 * <p>Thread-safe.
 */
public final class MicrometerRedisListenerMetrics implements RedisListenerMetrics {

    /** Prefix of every counter name. */
    public static final String PREFIX = "respkit.listener.";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** Stream group gauges' values; the registry holds the gauges. */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> gauges = new ConcurrentHashMap<>();

    /**
     * Creates metrics registering counters in {@code registry}.
     *
     * @param registry the registry
     * @throws NullPointerException when the registry is null
     */
    public MicrometerRedisListenerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void received(String listenerId) {
        counter("received", listenerId).increment();
    }

    @Override
    public void processed(String listenerId) {
        counter("processed", listenerId).increment();
    }

    @Override
    public void failed(String listenerId) {
        counter("failed", listenerId).increment();
    }

    @Override
    public void deadLettered(String listenerId) {
        counter("dead-lettered", listenerId).increment();
    }

    @Override
    public void claimed(String listenerId, int count) {
        counter("claimed", listenerId).increment(count);
    }

    @Override
    public void streamGroupState(String listenerId, long pending, Long lag) {
        gauge("pending", listenerId).set(pending);
        if (lag != null) {
            gauge("lag", listenerId).set(lag);
        }
    }

    private java.util.concurrent.atomic.AtomicLong gauge(String name, String listenerId) {
        return gauges.computeIfAbsent(name + '\u0000' + listenerId, k -> {
            java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();
            io.micrometer.core.instrument.Gauge
                    .builder(PREFIX + name, value, java.util.concurrent.atomic.AtomicLong::get).description("Redis stream listener group's " + name + " entries").tag("listener", listenerId)
                    .register(registry);
            return value;
        });
    }

    private Counter counter(String name, String listenerId) {
        // Cached because Counter.builder(...).register(...) looks the meter up on every call.
        return counters.computeIfAbsent(name + '\u0000' + listenerId, k -> Counter.builder(PREFIX + name)
                .description("Redis listener messages " + name)
                .tag("listener", listenerId)
                .register(registry));
    }
}
