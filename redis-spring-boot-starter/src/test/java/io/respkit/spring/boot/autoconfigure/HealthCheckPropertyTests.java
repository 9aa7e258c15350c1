package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.RedisConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redis.health-check-interval}: its default (a dead peer found within 30 s), how it reaches
 * {@link RedisConfig#healthCheckInterval()}, {@code 0} for off, a URL option under it, and its metadata. No server.
 */
class HealthCheckPropertyTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    @Test
    void defaultFindsADeadPeerWithinThirtySeconds() {
        runner.run(context -> {
            RedisConfig config = context.getBean(RedisConfig.class);
            assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofSeconds(15));
            assertThat(config.healthCheckInterval().plus(config.timeout())).isLessThanOrEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void propertySetsTheIntervalAndZeroTurnsItOff() {
        runner.withPropertyValues("redis.health-check-interval=3s")
                .run(context -> assertThat(context.getBean(RedisConfig.class).healthCheckInterval())
                        .isEqualTo(Duration.ofSeconds(3)));
        runner.withPropertyValues("redis.health-check-interval=0")
                .run(context -> assertThat(context.getBean(RedisConfig.class).healthCheckInterval()).isZero());
        // A URL's own option wins, as for the other options.
        runner.withPropertyValues("redis.health-check-interval=3s", "redis.url=redis://h?healthCheckInterval=5s")
                .run(context -> assertThat(context.getBean(RedisConfig.class).healthCheckInterval())
                        .isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void negativeIntervalFailsTheContextWithThePropertyNamed() {
        runner.withPropertyValues("redis.health-check-interval=-1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("redis.health-check-interval").hasMessageContaining("0 or more");
        });
    }

    @Test
    void metadataDescribesTheProperty() throws Exception {
        JsonNode found = null;
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                    if (property.path("name").asString().equals("redis.health-check-interval")) {
                        found = property;
                    }
                }
            }
        }
        assertThat(found).as("redis.health-check-interval in the metadata").isNotNull();
        assertThat(found.path("defaultValue").asString()).isEqualTo("15s");
        assertThat(found.path("description").asString()).startsWith("How long a subscriber");
    }
}
