package io.respkit.connection;

import io.respkit.exceptions.RedisUrlSyntaxException;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) of the dead-peer health-check option: its default (detection within 30 s), the builder's
 * checks, the URL option, and {@code toBuilder()}.
 */
class HealthCheckConfigTests {

    @Test
    void defaultDetectsADeadPeerWithinThirtySeconds() {
        RedisConfig config = RedisConfig.builder().build();
        assertThat(config.healthCheckInterval()).isEqualTo(Duration.ofSeconds(15))
                .isEqualTo(RedisConfig.DEFAULT_HEALTH_CHECK_INTERVAL);
        // The bound: a PING after the interval of silence, then the read timeout for its reply.
        assertThat(config.healthCheckInterval().plus(config.timeout())).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(RedisConfig.fromUrl("redis://localhost").healthCheckInterval())
                .isEqualTo(RedisConfig.DEFAULT_HEALTH_CHECK_INTERVAL);
    }

    @Test
    void builderTakesAnIntervalOrZeroForOffAndRejectsNegativeOrNull() {
        assertThat(RedisConfig.builder().healthCheckInterval(Duration.ofMillis(250)).build().healthCheckInterval())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(RedisConfig.builder().healthCheckInterval(Duration.ZERO).build().healthCheckInterval())
                .isZero();
        assertThatThrownBy(() -> RedisConfig.builder().healthCheckInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("healthCheckInterval");
        assertThatThrownBy(() -> RedisConfig.fromUrl("redis://localhost?healthCheckInterval=-2s"))
                .hasMessageContaining("healthCheckInterval must be 0 (off) or positive, was -2s");
        assertThatThrownBy(() -> RedisConfig.fromUrl("redis://localhost?health_check_interval=-1"))
                .hasMessageContaining("health_check_interval must be 0 (off) or positive, was -1");
        assertThatThrownBy(() -> RedisConfig.builder().healthCheckInterval(null))
                .isInstanceOf(NullPointerException.class);
        RedisConfig config = RedisConfig.builder().healthCheckInterval(Duration.ofSeconds(3)).build();
        assertThat(config.toBuilder().build().healthCheckInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.toString()).contains("healthCheckInterval=PT3S");
        assertThat(RedisConfig.builder().build().toString()).doesNotContain("healthCheckInterval");
    }

    @Test
    void urlOptionTakesDurationsAndZeroForOff() {
        assertThat(RedisConfig.fromUrl("redis://h?healthCheckInterval=1s").healthCheckInterval())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(RedisConfig.fromUrl("redis://h?health_check_interval=30").healthCheckInterval())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RedisConfig.fromUrl("redis://h?healthCheckInterval=500ms").healthCheckInterval())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(RedisConfig.fromUrl("redis://h?health_check_interval=0").healthCheckInterval()).isZero();
        assertThat(RedisConfig.fromUrl("redis://h?healthCheckInterval=0s").healthCheckInterval()).isZero();
        assertThatThrownBy(() -> RedisConfig.fromUrl("redis://:pw@h?healthCheckInterval=soon"))
                .isInstanceOf(RedisUrlSyntaxException.class).hasMessageContaining("healthCheckInterval")
                .hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> RedisConfig.fromUrl("redis://h?healthCheckInterval=-1s"))
                .isInstanceOf(RedisUrlSyntaxException.class).hasMessageContaining("healthCheckInterval");
    }
}
