package io.respkit.spring.core;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One cached timer per command name. */
class MicrometerCommandMetricsTests {

    @Test
    void oneTimerPerCommandTaggedWithItsUpperCaseName() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerCommandMetrics metrics = new MicrometerCommandMetrics(registry);
        metrics.record("GET", 1_000_000);
        metrics.record("GET", 3_000_000);
        metrics.record("config get", 500);

        Timer get = registry.get("respkit.commands").tag("command", "GET").timer();
        assertThat(get.count()).isEqualTo(2);
        assertThat(get.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4.0);
        assertThat(registry.get("respkit.commands").tag("command", "CONFIG GET").timer().count()).isEqualTo(1);
        assertThat(registry.get("respkit.commands").timers()).hasSize(2);
    }
}
