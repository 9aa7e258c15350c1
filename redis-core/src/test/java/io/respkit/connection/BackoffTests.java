package io.respkit.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit tests (no server) for {@link Backoff}: growth, cap, fixed delays and the checks on its components. */
class BackoffTests {

    private static final Backoff B = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    @Test
    void delayGrowsByTheMultiplierPerAttemptUpToTheCap() {
        assertThat(B.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(B.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(B.delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(B.delay(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(B.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void nextMultipliesTheCurrentDelayUpToTheCap() {
        assertThat(B.next(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(200));
        assertThat(B.next(Duration.ofMillis(700))).isEqualTo(Duration.ofSeconds(1));
        assertThat(B.next(Duration.ZERO)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void fixedAlwaysWaitsTheSame() {
        Backoff fixed = Backoff.fixed(Duration.ofMillis(50));
        assertThat(fixed.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(fixed.delay(9)).isEqualTo(Duration.ofMillis(50));
        assertThat(fixed.next(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void badComponentsAreRejected() {
        assertThatThrownBy(() -> new Backoff(null, 2, Duration.ZERO)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), 2, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, 0.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Double.NaN, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> B.delay(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attempt");
    }
}
