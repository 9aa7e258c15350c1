package io.respkit.spring.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Times commands with Micrometer: one timer {@value #METRIC} per command name, tagged {@code command=<NAME>}
 * (upper case). Timers are created on a command's first use and cached, so recording costs one map lookup.
 *
 * <p>Thread-safe.
 */
public final class MicrometerCommandMetrics implements RedisCommandMetrics {

    /** The timer name. */
    public static final String METRIC = "respkit.commands";

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * Creates the metrics.
     *
     * @param registry where the timers are registered
     */
    public MicrometerCommandMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void record(String command, long durationNanos) {
        Timer timer = timers.get(command);
        if (timer == null) {
            // computeIfAbsent only on a miss: its lock-free fast path is not guaranteed on every JDK.
            timer = timers.computeIfAbsent(command, this::register);
        }
        timer.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(String command) {
        return Timer.builder(METRIC)
                .description("Redis commands run through RedisTemplate")
                .tag("command", command.toUpperCase(Locale.ROOT))
                .register(registry);
    }

    @Override
    public String toString() {
        return "MicrometerCommandMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
