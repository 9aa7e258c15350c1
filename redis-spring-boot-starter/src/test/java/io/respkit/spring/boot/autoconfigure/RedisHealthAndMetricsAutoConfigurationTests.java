package io.respkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.spring.core.MicrometerCommandMetrics;
import io.respkit.spring.core.RedisCommandMetrics;
import io.respkit.spring.core.RedisTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the health indicator and the Micrometer metrics appear, and that they stay away without their libraries or
 * beans. No server is needed.
 */
class RedisHealthAndMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                    RedisHealthAutoConfiguration.class, RedisMetricsAutoConfiguration.class));

    @Test
    void healthIndicatorNamedRespkitWhenHealthSupportIsPresent() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(RedisHealthIndicator.class);
            // Boot derives the contributor name "redis" from this bean name.
            assertThat(context).hasBean("redisHealthIndicator");
        });
    }

    @Test
    void noHealthIndicatorWithoutHealthClasses() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisHealthIndicator.class);
            assertThat(context).hasSingleBean(RedisTemplate.class);
        });
    }

    @Test
    void noHealthIndicatorWhenDisabled() {
        runner.withPropertyValues("management.health.redis.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RedisHealthIndicator.class));
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(RedisHealthIndicator.class));
    }

    @Test
    void noHealthIndicatorWithoutAPool() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisHealthAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(RedisHealthIndicator.class));
    }

    @Test
    void poolGaugesAndCommandTimersWithAMeterRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("redis.pool.max-total=5")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    for (String name : new String[] {"respkit.pool.active", "respkit.pool.idle",
                            "respkit.pool.waiters", "respkit.pool.max"}) {
                        assertThat(registry.find(name).tag("address", "localhost:6379").gauge())
                                .as(name).isNotNull();
                    }
                    assertThat(registry.get("respkit.pool.max").gauge().value()).isEqualTo(5.0);
                    assertThat(registry.get("respkit.pool.active").gauge().value()).isZero();
                    assertThat(context.getBean(RedisCommandMetrics.class)).isInstanceOf(MicrometerCommandMetrics.class);
                });
    }

    @Test
    void gaugesAreRemovedWhenTheContextCloses() {
        MeterRegistry registry = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> registry)
                .run(context -> assertThat(registry.find("respkit.pool.max").gauge()).isNotNull());
        assertThat(registry.find("respkit.pool.max").gauge()).isNull();
    }

    @Test
    void noMetricsWithoutAMeterRegistryBean() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(RedisPoolMetrics.class);
            assertThat(context).doesNotHaveBean(RedisCommandMetrics.class);
        });
    }

    @Test
    void noMetricsWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisPoolMetrics.class);
            assertThat(context).doesNotHaveBean(RedisCommandMetrics.class);
            assertThat(context).hasSingleBean(RedisTemplate.class);
        });
    }
}
