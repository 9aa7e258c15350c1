package io.respkit.connection;

import io.respkit.cluster.ClusterConfig;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.pool.PoolConfig;
import io.respkit.sentinel.SentinelConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Durations too long to count in nanoseconds (e.g. {@code ChronoUnit.FOREVER}), and negative ones too long to count
 * in milliseconds, are refused where the configuration is built, with the setting named; they used to pass the checks
 * (or fail them with an {@link ArithmeticException} from the message) and fail later, at a command or in a
 * background thread, with an {@link ArithmeticException}. The stream consumer's durations are checked the same way
 * ({@code StreamConsumerBuilder}).
 */
class DurationLimitsTests {

    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
    private static final Duration NEGATIVE_FOREVER = Duration.ofSeconds(Long.MIN_VALUE);

    private static final List<Setting> SETTINGS = List.of(
            new Setting("timeout", d -> RedisConfig.builder().timeout(d)),
            new Setting("connectTimeout", d -> RedisConfig.builder().connectTimeout(d)),
            new Setting("healthCheckInterval", d -> RedisConfig.builder().healthCheckInterval(d)),
            new Setting("maxWait", d -> PoolConfig.builder().maxWait(d).build()),
            new Setting("validateAfterIdle", d -> PoolConfig.builder().validateAfterIdle(d).build()),
            new Setting("probeAfterIdle", d -> PoolConfig.builder().probeAfterIdle(d).build()),
            new Setting("refreshPeriod", d -> ClusterConfig.builder().refreshPeriod(d)),
            new Setting("refreshMinInterval", d -> ClusterConfig.builder().refreshMinInterval(d)),
            new Setting("checkInterval", d -> SentinelConfig.builder().checkInterval(d)),
            new Setting("initialDelay", d -> new Backoff(d, 2.0, d)),
            new Setting("maxDelay", d -> new Backoff(Duration.ZERO, 2.0, d)));

    private record Setting(String name, Consumer<Duration> set) {
    }

    @Test
    void durationsTooLongToCountAreRefusedNamingTheSetting() {
        for (Setting s : SETTINGS) {
            for (Duration d : List.of(FOREVER, Duration.ofNanos(Long.MAX_VALUE), Duration.ofDays(200L * 365))) {
                assertThatThrownBy(() -> s.set.accept(d)).as(s.name + " " + d)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(s.name)
                        .hasMessageContaining("at most");
            }
            assertThatThrownBy(() -> s.set.accept(NEGATIVE_FOREVER)).as(s.name + " negative")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(s.name);
        }
    }

    /** In a URL, a duration too long (or a number too big to be one) is a syntax error naming the option. */
    @Test
    void urlDurationsTooLongAreRefusedAsSyntaxErrors() {
        for (String option : List.of("timeout=9999999999999999s", "connectTimeout=4611686018428ms",
                "maxWait=99999999999999999999", "healthCheckInterval=9223372036854775807s")) {
            assertThatThrownBy(() -> RedisConfig.fromUrl("redis://h?" + option)).as(option)
                    .isInstanceOf(RedisUrlSyntaxException.class)
                    .hasMessageContaining(option.substring(0, option.indexOf('=')));
        }
        assertThatCode(() -> RedisConfig.fromUrl("redis://h?timeout=3153600000")).doesNotThrowAnyException();
    }

    @Test
    void theLongestAcceptedDurationIsAccepted() {
        for (Setting s : SETTINGS) {
            assertThatCode(() -> s.set.accept(RedisConfig.MAX_DURATION)).as(s.name).doesNotThrowAnyException();
            assertThatCode(() -> s.set.accept(Duration.ofDays(365))).as(s.name).doesNotThrowAnyException();
        }
    }
}
