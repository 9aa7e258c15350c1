package io.respkit.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code redis.*} property a user can set out of range fails the startup with a Spring Boot failure analysis
 * that names the property, its value and what it must be, and says what to do; none shows the password. No server
 * is needed: nothing connects.
 */
class RedisPropertiesFailureAnalysisTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, RedisAutoConfiguration.class,
                    RedisListenerAutoConfiguration.class))
            .withPropertyValues("redis.password=hunter2", "redis.listener.auto-startup=false");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "redis.port | 0 | between 1 and 65535",
            "redis.port | 70000 | between 1 and 65535",
            "redis.database | -1 | 0 or more",
            "redis.timeout | 0s | positive",
            "redis.timeout | -1s | positive",
            "redis.connect-timeout | 0ms | positive",
            "redis.client-name | my app | printable ASCII without spaces",
            "redis.client-name | caf\u00e9 | printable ASCII without spaces",
            "redis.pool.max-total | 0 | at least 1",
            "redis.pool.max-idle | 40 | at most 16",
            "redis.pool.max-idle | -1 | 0 or more",
            "redis.pool.min-idle | 20 | at most 16",
            "redis.pool.max-wait | 0s | positive",
            "redis.pool.validate-after-idle | -1s | 0 or more",
            "redis.pool.probe-after-idle | -5ms | 0 or more",
            "redis.health-check-interval | -1s | 0 or more",
            "redis.listener.concurrency | 0 | at least 1",
            "redis.listener.batch-size | 0 | at least 1",
            "redis.listener.poll-timeout | 0s | positive",
            "redis.listener.shutdown-timeout | -1s | 0 or more",
            "redis.listener.retry.attempts | 0 | at least 1",
            "redis.listener.retry.backoff | -1ms | 0 or more",
            "redis.listener.recovery.initial-delay | -1s | 0 or more",
            "redis.listener.recovery.multiplier | 0.5 | at least 1",
            "redis.listener.recovery.max-delay | -1s | 0 or more",
    })
    void anOutOfRangePropertyIsAnalyzedNamingItsValueAndTheRule(String property, String value, String rule) {
        FailureAnalysis analysis = StartupFailures.analyze(runner, property + "=" + value);
        assertThat(analysis.getDescription()).contains(property).contains("'" + value + "'").contains(rule)
                .doesNotContain("hunter2");
        assertThat(analysis.getAction()).contains(property).doesNotContain("hunter2");
        assertThat(analysis.getCause()).isInstanceOf(InvalidRedisPropertyException.class);
        assertThat(((InvalidRedisPropertyException) analysis.getCause()).property()).isEqualTo(property);
    }

    @Test
    void anUnknownSslBundleIsAnalyzed() {
        FailureAnalysis analysis = StartupFailures.analyze(runner, "redis.ssl.bundle=missing");
        assertThat(analysis.getDescription()).contains("redis.ssl.bundle").contains("'missing'");
        assertThat(analysis.getAction()).contains("spring.ssl.bundle");
    }

    @Test
    void aUrlWinsOverHostAndPortSoOnlyItsOwnRulesApply() {
        // redis.port is ignored when redis.url is set; the URL's own malformed port is what gets reported
        FailureAnalysis analysis = StartupFailures.analyze(runner, "redis.port=0",
                "redis.url=redis://:hunter2@localhost:notaport");
        assertThat(analysis.getDescription()).startsWith("The redis.url property is invalid").doesNotContain("hunter2");
    }

    @Test
    void aValueOfTheWrongTypeIsLeftToSpringBootsBindAnalysis() {
        FailureAnalysis analysis = StartupFailures.analyze(runner, "redis.protocol=RESP4");
        assertThat(analysis.getDescription()).contains("redis.protocol").contains("RESP4");
        assertThat(analysis.getAction()).isNotBlank();
    }
}
