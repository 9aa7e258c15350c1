package io.respkit.sentinel;

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
 * Unit tests (no server) for {@link SentinelConfig} built by parameters: defaults, validation with clear messages,
 * sentinels kept once in order, the data-node and sentinel configurations, immutability and a {@code toString()}
 * without either password. Stateless; safe to run in parallel.
 */
class SentinelConfigTests {

    private static final String PASSWORD = "Nd-s3cr3t";
    private static final String SENTINEL_PASSWORD = "Sn-s3cr3t";
    private static final HostAndPort A = new HostAndPort("10.0.0.1", 26379);
    private static final HostAndPort B = new HostAndPort("10.0.0.2", 26380);
    private static final HostAndPort C = new HostAndPort("::1", 26381);

    @Test
    void builderDefaults() {
        SentinelConfig config = SentinelConfig.builder().sentinel("10.0.0.1", 26379).masterName("mymaster").build();
        assertThat(config.sentinels()).containsExactly(A);
        assertThat(config.masterName()).isEqualTo("mymaster");
        assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
        assertThat(config.checkInterval()).isEqualTo(Duration.ofSeconds(1))
                .isEqualTo(SentinelConfig.DEFAULT_CHECK_INTERVAL);
        assertThat(config.sentinelUsername()).isNull();
        assertThat(config.nodeConfig()).hasToString(RedisConfig.builder().build().toString());
        assertThat(config.nodeConfig().pool()).isEqualTo(PoolConfig.DEFAULT);
        assertThat(config.sentinelConfig(A).password()).isNull();
        assertThat(config.sentinelConfig(A).username()).isNull();
        assertThat(SentinelConfig.DEFAULT_SENTINEL_PORT).isEqualTo(26379);
    }

    @Test
    void everySettingIsKept() {
        RedisConfig node = RedisConfig.builder().password(PASSWORD).clientName("app").database(5).build();
        SentinelConfig config = SentinelConfig.builder().sentinel(A).sentinel("10.0.0.2", 26380).masterName("m1")
                .nodeConfig(node).sentinelCredentials("watch", SENTINEL_PASSWORD).readFrom(ReadFrom.REPLICA_PREFERRED)
                .checkInterval(Duration.ZERO).build();
        assertThat(config.sentinels()).containsExactly(A, B);
        assertThat(config.masterName()).isEqualTo("m1");
        assertThat(config.nodeConfig()).isSameAs(node);
        assertThat(config.nodeConfig().database()).isEqualTo(5);
        assertThat(config.sentinelUsername()).isEqualTo("watch");
        assertThat(config.readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
        assertThat(config.checkInterval()).isZero();
    }

    @Test
    void sentinelsAreKeptOnceInTheOrderGiven() {
        SentinelConfig config = SentinelConfig.builder().masterName("m").sentinel(B).sentinel(A)
                .sentinel("10.0.0.2", 26380).sentinel(C).sentinel(A).build();
        assertThat(config.sentinels()).containsExactly(B, A, C);
        assertThatThrownBy(() -> config.sentinels().add(A)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sentinelsReplacesWhatWasSetAndIgnoresLaterChangesToTheCollection() {
        List<HostAndPort> list = new ArrayList<>(List.of(C, A, C));
        SentinelConfig.Builder builder = SentinelConfig.builder().masterName("m").sentinel(B).sentinels(list);
        list.add(B);
        assertThat(builder.build().sentinels()).containsExactly(C, A);
    }

    @Test
    void aNullSentinelIsRefusedAndLeavesTheSentinelsAsTheyWere() {
        SentinelConfig.Builder builder = SentinelConfig.builder().masterName("m").sentinel(A);
        assertThatThrownBy(() -> builder.sentinels(Arrays.asList(B, null)))
                .isExactlyInstanceOf(NullPointerException.class).hasMessageContaining("sentinel");
        assertThat(builder.build().sentinels()).containsExactly(A);
        assertThatThrownBy(() -> builder.sentinels(null)).isExactlyInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.sentinel(null)).isExactlyInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.sentinel(null, 26379)).isExactlyInstanceOf(NullPointerException.class);
    }

    @Test
    void noSentinelOrNoMasterNameIsRefused() {
        assertThatThrownBy(() -> SentinelConfig.builder().masterName("m").build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least one sentinel");
        assertThatThrownBy(() -> SentinelConfig.builder().masterName("m").sentinel(A).sentinels(List.of()).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least one sentinel");
        assertThatThrownBy(() -> SentinelConfig.builder().sentinel(A).build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the master name");
    }

    @Test
    void badSettingsAreRefusedWithClearMessages() {
        SentinelConfig.Builder b = SentinelConfig.builder();
        assertThatThrownBy(() -> b.sentinel("", 26379)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
        assertThatThrownBy(() -> b.sentinel("h", 0)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> b.sentinel("h", 65536)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.masterName(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("masterName");
        assertThatThrownBy(() -> b.masterName(" ")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("masterName must not be blank");
        assertThatThrownBy(() -> b.checkInterval(Duration.ofMillis(-1)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkInterval must not be negative (zero turns the periodic check off), was -1 ms");
        assertThatThrownBy(() -> b.checkInterval(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("checkInterval");
        assertThatThrownBy(() -> b.readFrom(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("readFrom");
        assertThatThrownBy(() -> b.nodeConfig(null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("nodeConfig");
    }

    @Test
    void badSentinelCredentialsAreRefusedWithoutShowingThePassword() {
        SentinelConfig.Builder b = SentinelConfig.builder().sentinel(A).masterName("m")
                .sentinelCredentials("kept", SENTINEL_PASSWORD);
        assertThatThrownBy(() -> b.sentinelCredentials("watch", null))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a password");
        assertThatThrownBy(() -> b.sentinelCredentials("", SENTINEL_PASSWORD))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name must not be empty").hasMessageNotContaining(SENTINEL_PASSWORD);
        assertThatThrownBy(() -> b.sentinelCredentials(null, ""))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password must not be empty");
        assertThat(b.build().sentinelUsername()).isEqualTo("kept");
        assertThat(b.build().sentinelConfig(A).password()).isEqualTo(SENTINEL_PASSWORD);
        SentinelConfig none = b.sentinelCredentials(null, null).build();
        assertThat(none.sentinelUsername()).isNull();
        assertThat(none.sentinelConfig(A).password()).isNull();
        SentinelConfig passwordOnly = b.sentinelCredentials(null, SENTINEL_PASSWORD).build();
        assertThat(passwordOnly.sentinelUsername()).isNull();
        assertThat(passwordOnly.sentinelConfig(A).password()).isEqualTo(SENTINEL_PASSWORD);
    }

    private static RedisConfig template() {
        return RedisConfig.builder().host("ignored").port(1234).username("app").password(PASSWORD)
                .ssl(true).protocol(RespVersion.RESP2).timeout(Duration.ofMillis(300))
                .connectTimeout(Duration.ofMillis(400)).clientName("svc").retryReads(true).multiplexed(true)
                .healthCheckInterval(Duration.ZERO).database(7)
                .pool(PoolConfig.builder().maxTotal(4).maxIdle(4).minIdle(2).build()).build();
    }

    @Test
    void configForIsTheTemplateWithTheNodesAddress() {
        RedisConfig template = template();
        SentinelConfig config = SentinelConfig.builder().sentinel(A).masterName("m").nodeConfig(template)
                .sentinelCredentials("watch", SENTINEL_PASSWORD).build();
        RedisConfig node = config.configFor(C);
        assertThat(node.address()).isEqualTo("[::1]:26381");
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
        assertThat(node.database()).isEqualTo(7);
        assertThat(config.configFor(C)).isNotSameAs(node);
        assertThat(config.nodeConfig().host()).isEqualTo("ignored");
        assertThatThrownBy(() -> config.configFor(null)).isExactlyInstanceOf(NullPointerException.class);
    }

    @Test
    void sentinelConfigHasTheSentinelCredentialsDatabaseZeroAndTheTemplatesTransport() {
        RedisConfig template = template();
        SentinelConfig config = SentinelConfig.builder().sentinel(A).masterName("m").nodeConfig(template)
                .sentinelCredentials("watch", SENTINEL_PASSWORD).build();
        RedisConfig sentinel = config.sentinelConfig(B);
        assertThat(sentinel.address()).isEqualTo("10.0.0.2:26380");
        assertThat(sentinel.username()).isEqualTo("watch");
        assertThat(sentinel.password()).isEqualTo(SENTINEL_PASSWORD);
        assertThat(sentinel.database()).isZero();
        assertThat(sentinel.ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThat(sentinel.protocol()).isEqualTo(RespVersion.RESP2);
        assertThat(sentinel.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(sentinel.connectTimeout()).isEqualTo(Duration.ofMillis(400));
        assertThat(sentinel.charset()).isEqualTo(template.charset());
        assertThat(sentinel.limits()).isEqualTo(template.limits());
        assertThat(sentinel.pool()).isEqualTo(PoolConfig.DEFAULT);
        assertThatThrownBy(() -> config.sentinelConfig(null)).isExactlyInstanceOf(NullPointerException.class);
        // the data nodes' credentials never go to a sentinel
        RedisConfig anonymous = config.toBuilder().sentinelCredentials(null, null).build().sentinelConfig(A);
        assertThat(anonymous.username()).isNull();
        assertThat(anonymous.password()).isNull();
    }

    @Test
    void aBuiltConfigurationDoesNotChangeWithItsBuilder() {
        SentinelConfig.Builder builder = SentinelConfig.builder().sentinel(A).masterName("m");
        SentinelConfig config = builder.build();
        builder.sentinel(B).masterName("other").readFrom(ReadFrom.ANY).checkInterval(Duration.ZERO)
                .sentinelCredentials(null, SENTINEL_PASSWORD);
        assertThat(config.sentinels()).containsExactly(A);
        assertThat(config.masterName()).isEqualTo("m");
        assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
        assertThat(config.checkInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.sentinelConfig(A).password()).isNull();
    }

    @Test
    void toBuilderRoundTrips() {
        SentinelConfig config = SentinelConfig.builder().sentinel(B).sentinel(A).masterName("m")
                .nodeConfig(RedisConfig.builder().password(PASSWORD).build())
                .sentinelCredentials("watch", SENTINEL_PASSWORD).readFrom(ReadFrom.REPLICA)
                .checkInterval(Duration.ofMillis(250)).build();
        SentinelConfig copy = config.toBuilder().build();
        assertThat(copy.sentinels()).isEqualTo(config.sentinels());
        assertThat(copy.masterName()).isEqualTo("m");
        assertThat(copy.nodeConfig()).isSameAs(config.nodeConfig());
        assertThat(copy.sentinelUsername()).isEqualTo("watch");
        assertThat(copy.sentinelConfig(A).password()).isEqualTo(SENTINEL_PASSWORD);
        assertThat(copy.readFrom()).isEqualTo(ReadFrom.REPLICA);
        assertThat(copy.checkInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(copy).hasToString(config.toString());
        assertThat(config.toBuilder().sentinel(C).build().sentinels()).containsExactly(B, A, C);
        assertThat(config.sentinels()).containsExactly(B, A);
    }

    @Test
    void toStringNeverShowsEitherPassword() {
        SentinelConfig config = SentinelConfig.builder().sentinel(A).sentinel(C).masterName("mymaster")
                .nodeConfig(RedisConfig.builder().username("app").password(PASSWORD).build())
                .sentinelCredentials("watch", SENTINEL_PASSWORD).readFrom(ReadFrom.REPLICA_PREFERRED).build();
        assertThat(config.toString())
                .doesNotContain(PASSWORD).doesNotContain(SENTINEL_PASSWORD)
                .startsWith("SentinelConfig[masterName=mymaster, sentinels=[10.0.0.1:26379, [::1]:26381], "
                        + "readFrom=REPLICA_PREFERRED, checkInterval=PT1S, sentinelUsername=watch, "
                        + "sentinelPassword=****, node=RedisConfig[")
                .contains("redis://app:****@");
        assertThat(config.sentinelConfig(A).toString()).doesNotContain(SENTINEL_PASSWORD).contains("watch:****@");
        assertThat(SentinelConfig.builder().sentinel(A).masterName("m").build().toString())
                .doesNotContain("sentinelPassword").doesNotContain("sentinelUsername");
    }
}
