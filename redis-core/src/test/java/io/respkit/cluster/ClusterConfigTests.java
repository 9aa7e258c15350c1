package io.respkit.cluster;

import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.SslOptions;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link ClusterConfig} built by parameters: defaults, validation with clear messages,
 * seeds kept once in order, the per-node configuration, immutability and a {@code toString()} without the password.
 * Stateless; safe to run in parallel.
 */
class ClusterConfigTests {

    private static final String PASSWORD = "Cl-s3cr3t";
    private static final HostAndPort A = new HostAndPort("10.0.0.1", 7000);
    private static final HostAndPort B = new HostAndPort("10.0.0.2", 7001);
    private static final HostAndPort C = new HostAndPort("::1", 7002);

    @Test
    void builderDefaults() {
        ClusterConfig config = ClusterConfig.builder().seed("10.0.0.1", 7000).build();
        assertThat(config.seeds()).containsExactly(A);
        assertThat(config.maxRedirects()).isEqualTo(5).isEqualTo(ClusterConfig.DEFAULT_MAX_REDIRECTS);
        assertThat(config.refreshPeriod()).isEqualTo(Duration.ofSeconds(30))
                .isEqualTo(ClusterConfig.DEFAULT_REFRESH_PERIOD);
        assertThat(config.refreshMinInterval()).isEqualTo(Duration.ofMillis(250))
                .isEqualTo(ClusterConfig.DEFAULT_REFRESH_MIN_INTERVAL);
        assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
        assertThat(config.nodeConfig()).hasToString(RedisConfig.builder().build().toString());
        assertThat(config.nodeConfig().database()).isZero();
        assertThat(config.nodeConfig().pool()).isEqualTo(PoolConfig.DEFAULT);
    }

    @Test
    void everySettingIsKept() {
        RedisConfig node = RedisConfig.builder().password(PASSWORD).clientName("app").build();
        ClusterConfig config = ClusterConfig.builder().seed(A).seed("10.0.0.2", 7001).nodeConfig(node)
                .maxRedirects(0).refreshPeriod(Duration.ZERO).refreshMinInterval(Duration.ZERO)
                .readFrom(ReadFrom.REPLICA_PREFERRED).build();
        assertThat(config.seeds()).containsExactly(A, B);
        assertThat(config.nodeConfig()).isSameAs(node);
        assertThat(config.maxRedirects()).isZero();
        assertThat(config.refreshPeriod()).isZero();
        assertThat(config.refreshMinInterval()).isZero();
        assertThat(config.readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
    }

    @Test
    void seedsAreKeptOnceInTheOrderGiven() {
        ClusterConfig config = ClusterConfig.builder().seed(B).seed(A).seed("10.0.0.2", 7001).seed(C).seed(A)
                .build();
        assertThat(config.seeds()).containsExactly(B, A, C);
        assertThatThrownBy(() -> config.seeds().add(A)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void seedsReplacesWhatWasSetAndIgnoresLaterChangesToTheCollection() {
        List<HostAndPort> list = new ArrayList<>(List.of(C, A, C));
        ClusterConfig.Builder builder = ClusterConfig.builder().seed(B).seeds(list);
        list.add(B);
        assertThat(builder.build().seeds()).containsExactly(C, A);
    }

    @Test
    void aNullSeedIsRefusedAndLeavesTheSeedsAsTheyWere() {
        ClusterConfig.Builder builder = ClusterConfig.builder().seed(A);
        assertThatThrownBy(() -> builder.seeds(Arrays.asList(B, null))).isExactlyInstanceOf(NullPointerException.class)
                .hasMessageContaining("seed");
        assertThat(builder.build().seeds()).containsExactly(A);
        assertThatThrownBy(() -> builder.seeds(null)).isExactlyInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.seed(null)).isExactlyInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.seed(null, 7000)).isExactlyInstanceOf(NullPointerException.class);
    }

    @Test
    void noSeedIsRefused() {
        assertThatThrownBy(() -> ClusterConfig.builder().build()).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least one seed node");
        assertThatThrownBy(() -> ClusterConfig.builder().seed(A).seeds(List.of()).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least one seed node");
    }

    @Test
    void badSettingsAreRefusedWithClearMessages() {
        ClusterConfig.Builder b = ClusterConfig.builder();
        assertThatThrownBy(() -> b.seed("", 7000)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
        assertThatThrownBy(() -> b.seed("h", 0)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> b.seed("h", 65536)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxRedirects(-1)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRedirects must not be negative, was -1");
        assertThatThrownBy(() -> b.refreshPeriod(Duration.ofMillis(-1)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("refreshPeriod must not be negative (zero turns periodic refresh off), was -1 ms");
        assertThatThrownBy(() -> b.refreshMinInterval(Duration.ofSeconds(-2)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("refreshMinInterval must not be negative, was -2000 ms");
        assertThatThrownBy(() -> b.refreshPeriod(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("refreshPeriod");
        assertThatThrownBy(() -> b.refreshMinInterval(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("refreshMinInterval");
        assertThatThrownBy(() -> b.readFrom(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("readFrom");
        assertThatThrownBy(() -> b.nodeConfig(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("nodeConfig");
    }

    @Test
    void aNodeTemplateWithADatabaseOtherThanZeroIsRefused() {
        RedisConfig db3 = RedisConfig.builder().database(3).password(PASSWORD).build();
        assertThatThrownBy(() -> ClusterConfig.builder().nodeConfig(db3))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Redis Cluster has only database 0, but nodeConfig selects database 3");
    }

    @Test
    void configForIsTheTemplateWithTheNodesAddress() {
        RedisConfig template = RedisConfig.builder().host("ignored").port(1234).username("app").password(PASSWORD)
                .ssl(true).protocol(RespVersion.RESP2).timeout(Duration.ofMillis(300))
                .connectTimeout(Duration.ofMillis(400)).clientName("svc").retryReads(true).multiplexed(true)
                .healthCheckInterval(Duration.ZERO).pool(PoolConfig.builder().maxTotal(4).maxIdle(4).build())
                .build();
        ClusterConfig config = ClusterConfig.builder().seed(A).nodeConfig(template).build();
        RedisConfig node = config.configFor(C);
        assertThat(node.host()).isEqualTo("::1");
        assertThat(node.port()).isEqualTo(7002);
        assertThat(node.address()).isEqualTo("[::1]:7002");
        assertThat(node.username()).isEqualTo("app");
        assertThat(node.password()).isEqualTo(PASSWORD);
        assertThat(node.ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThat(node.protocol()).isEqualTo(RespVersion.RESP2);
        assertThat(node.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(node.connectTimeout()).isEqualTo(Duration.ofMillis(400));
        assertThat(node.clientName()).isEqualTo("svc");
        assertThat(node.retryReads()).isTrue();
        assertThat(node.multiplexed()).isTrue();
        assertThat(node.healthCheckInterval()).isZero();
        assertThat(node.pool()).isEqualTo(template.pool());
        assertThat(node.charset()).isEqualTo(template.charset());
        assertThat(node.limits()).isEqualTo(template.limits());
        assertThat(node.database()).isZero();
        assertThat(config.configFor(C)).isNotSameAs(node);
        assertThat(config.nodeConfig().host()).isEqualTo("ignored");
        assertThatThrownBy(() -> config.configFor(null)).isExactlyInstanceOf(NullPointerException.class);
    }

    @Test
    void aBuiltConfigurationDoesNotChangeWithItsBuilder() {
        ClusterConfig.Builder builder = ClusterConfig.builder().seed(A);
        ClusterConfig config = builder.build();
        builder.seed(B).maxRedirects(1).readFrom(ReadFrom.ANY);
        assertThat(config.seeds()).containsExactly(A);
        assertThat(config.maxRedirects()).isEqualTo(5);
        assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
    }

    @Test
    void toBuilderRoundTrips() {
        ClusterConfig config = ClusterConfig.builder().seed(B).seed(A)
                .nodeConfig(RedisConfig.builder().password(PASSWORD).build()).maxRedirects(2)
                .refreshPeriod(Duration.ofSeconds(5)).refreshMinInterval(Duration.ofSeconds(1))
                .readFrom(ReadFrom.REPLICA).build();
        ClusterConfig copy = config.toBuilder().build();
        assertThat(copy.seeds()).isEqualTo(config.seeds());
        assertThat(copy.nodeConfig()).isSameAs(config.nodeConfig());
        assertThat(copy.maxRedirects()).isEqualTo(2);
        assertThat(copy.refreshPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(copy.refreshMinInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(copy.readFrom()).isEqualTo(ReadFrom.REPLICA);
        assertThat(copy).hasToString(config.toString());
        assertThat(config.toBuilder().seed(C).build().seeds()).containsExactly(B, A, C);
        assertThat(config.seeds()).containsExactly(B, A);
    }

    @Test
    void toStringNeverShowsThePassword() {
        ClusterConfig config = ClusterConfig.builder().seed(A).seed(C)
                .nodeConfig(RedisConfig.builder().username("app").password(PASSWORD).build())
                .readFrom(ReadFrom.REPLICA_PREFERRED).build();
        assertThat(config.toString())
                .doesNotContain(PASSWORD)
                .startsWith("ClusterConfig[seeds=[10.0.0.1:7000, [::1]:7002], readFrom=REPLICA_PREFERRED, "
                        + "maxRedirects=5, refreshPeriod=PT30S, refreshMinInterval=PT0.25S, node=RedisConfig[")
                .contains("redis://app:****@10.0.0.1:7000/0");
    }
}
