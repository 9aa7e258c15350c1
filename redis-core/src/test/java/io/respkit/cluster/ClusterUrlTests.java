package io.respkit.cluster;

import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.SslOptions;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.protocol.RespVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Unit tests (no server) for {@code redis-cluster://} and {@code rediss-cluster://} URLs: seeds (IPv6, default
 * port, duplicates), credentials, every per-node and cluster option, and errors that name what is wrong and never
 * show the password. Stateless; safe to run in parallel.
 */
class ClusterUrlTests {

    private static final String PW = "Pw-Cl9x";

    private static HostAndPort hp(String host, int port) {
        return new HostAndPort(host, port);
    }

    @Test
    void seedsInOrderWithTheDefaultPortAndWithoutDuplicates() {
        ClusterConfig config = ClusterConfig.fromUrl("redis-cluster://h1:7000,h2,10.0.0.3:7002,h1:7000,h2:6379");
        assertThat(config.seeds()).containsExactly(hp("h1", 7000), hp("h2", 6379), hp("10.0.0.3", 7002));
        assertThat(config.nodeConfig().ssl()).isNull();
        assertThat(config.maxRedirects()).isEqualTo(ClusterConfig.DEFAULT_MAX_REDIRECTS);
        assertThat(config.refreshPeriod()).isEqualTo(ClusterConfig.DEFAULT_REFRESH_PERIOD);
        assertThat(config.refreshMinInterval()).isEqualTo(ClusterConfig.DEFAULT_REFRESH_MIN_INTERVAL);
        assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
        assertThat(config.nodeConfig()).hasToString(RedisConfig.builder().build().toString());
    }

    @Test
    void ipv6SeedsInBrackets() {
        ClusterConfig config = ClusterConfig.fromUrl("redis-cluster://[::1]:7000,[fd00::2],[2001:db8::3]:7002");
        assertThat(config.seeds()).containsExactly(hp("::1", 7000), hp("fd00::2", 6379), hp("2001:db8::3", 7002));
        assertThat(config.configFor(config.seeds().get(0)).address()).isEqualTo("[::1]:7000");
    }

    @Test
    void theTlsSchemeSetsSslOnTheNodeTemplate() {
        ClusterConfig tls = ClusterConfig.fromUrl("rediss-cluster://h1:7000,h2:7001");
        assertThat(tls.nodeConfig().ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThat(tls.configFor(hp("h2", 7001)).ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThat(ClusterConfig.fromUrl("REDISS-CLUSTER://h1").nodeConfig().ssl()).isNotNull();
        assertThat(ClusterConfig.fromUrl("rediss-cluster://h1?verifyHostname=false").nodeConfig().ssl()
                .verifyHostname()).isFalse();
        // verifyHostname never switches TLS on
        assertThat(ClusterConfig.fromUrl("redis-cluster://h1?verifyHostname=true").nodeConfig().ssl()).isNull();
    }

    @Test
    void credentialsApplyToEveryNodeAndArePercentDecoded() {
        ClusterConfig config = ClusterConfig.fromUrl("redis-cluster://app%2Bme:p%40ss%3Aw%25rd%2F" + PW
                + "@h1:7000,h2:7001");
        RedisConfig node = config.configFor(hp("h2", 7001));
        assertThat(node.username()).isEqualTo("app+me");
        assertThat(node.password()).isEqualTo("p@ss:w%rd/" + PW);
        assertThat(config.seeds()).containsExactly(hp("h1", 7000), hp("h2", 7001));
        RedisConfig passwordOnly = ClusterConfig.fromUrl("redis-cluster://:" + PW + "@h1").nodeConfig();
        assertThat(passwordOnly.username()).isNull();
        assertThat(passwordOnly.password()).isEqualTo(PW);
        assertThat(ClusterConfig.fromUrl("redis-cluster://" + PW + "@h1").nodeConfig().password()).isEqualTo(PW);
        assertThat(config.toString()).doesNotContain(PW).doesNotContain("p@ss");
    }

    @Test
    void everyPerNodeOption() {
        ClusterConfig config = ClusterConfig.fromUrl("redis-cluster://h1:7000?timeout=500ms&connectTimeout=1.5"
                + "&clientName=svc&protocol=resp2&database=0&maxTotal=16&maxIdle=8&minIdle=2&maxWait=3s"
                + "&retryReads=yes&multiplexed=true&healthCheckInterval=0&verifyHostname=false");
        RedisConfig node = config.nodeConfig();
        assertThat(node.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(node.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(node.clientName()).isEqualTo("svc");
        assertThat(node.protocol()).isEqualTo(RespVersion.RESP2);
        assertThat(node.database()).isZero();
        assertThat(node.pool().maxTotal()).isEqualTo(16);
        assertThat(node.pool().maxIdle()).isEqualTo(8);
        assertThat(node.pool().minIdle()).isEqualTo(2);
        assertThat(node.pool().maxWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(node.retryReads()).isTrue();
        assertThat(node.multiplexed()).isTrue();
        assertThat(node.healthCheckInterval()).isZero();
        assertThat(node.ssl()).isNull();
        assertThat(config.configFor(hp("h9", 7009)).pool()).isEqualTo(node.pool());
    }

    @Test
    void perNodeOptionsInTheirOtherSpellings() {
        RedisConfig node = ClusterConfig.fromUrl("redis-cluster://h1?socket_timeout=2s&connect_timeout=3"
                + "&client_name=svc&db=0&max_connections=4&retry_reads=1&health_check_interval=5s").nodeConfig();
        assertThat(node.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(node.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(node.clientName()).isEqualTo("svc");
        assertThat(node.pool().maxTotal()).isEqualTo(4);
        assertThat(node.retryReads()).isTrue();
        assertThat(node.healthCheckInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyClusterOption() {
        ClusterConfig config = ClusterConfig.fromUrl("redis-cluster://h1?maxRedirects=3&refreshPeriod=10s"
                + "&refreshMinInterval=100ms&readFrom=replica-preferred");
        assertThat(config.maxRedirects()).isEqualTo(3);
        assertThat(config.refreshPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.refreshMinInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
        ClusterConfig zeros = ClusterConfig.fromUrl("redis-cluster://h1?maxRedirects=0&refreshPeriod=0"
                + "&refreshMinInterval=0ms&readFrom=REPLICA");
        assertThat(zeros.maxRedirects()).isZero();
        assertThat(zeros.refreshPeriod()).isZero();
        assertThat(zeros.refreshMinInterval()).isZero();
        assertThat(zeros.readFrom()).isEqualTo(ReadFrom.REPLICA);
        assertThat(ClusterConfig.fromUrl("redis-cluster://h1?readFrom=primaryPreferred&refreshPeriod=1m")
                .refreshPeriod()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theDatabasePathMayOnlyBeZero() {
        assertThat(ClusterConfig.fromUrl("redis-cluster://h1:7000/0").seeds()).containsExactly(hp("h1", 7000));
        assertThat(ClusterConfig.fromUrl("redis-cluster://h1:7000,h2:7001/").seeds()).hasSize(2);
        assertThat(ClusterConfig.fromUrl("redis-cluster://h1/0?timeout=1#frag").nodeConfig().timeout())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSingleHostRedisUrlIsOneSeed() {
        ClusterConfig config = ClusterConfig.fromUrl("redis://:" + PW + "@h1:7000?maxRedirects=2&timeout=1");
        assertThat(config.seeds()).containsExactly(hp("h1", 7000));
        assertThat(config.nodeConfig().password()).isEqualTo(PW);
        assertThat(config.maxRedirects()).isEqualTo(2);
        assertThat(ClusterConfig.fromUrl("rediss://h1/0").nodeConfig().ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThat(ClusterConfig.fromUrl("redis://h1").seeds()).containsExactly(hp("h1", 6379));
    }

    @Test
    void builderUrlReplacesTheSeedsAndGoesOnTopOfTheTemplate() {
        ClusterConfig config = ClusterConfig.builder().seed("old", 1)
                .nodeConfig(RedisConfig.builder().clientName("kept").timeout(Duration.ofSeconds(9)).build())
                .readFrom(ReadFrom.ANY).maxRedirects(1)
                .url("redis-cluster://h1:7000?timeout=1&maxRedirects=4").build();
        assertThat(config.seeds()).containsExactly(hp("h1", 7000));
        assertThat(config.nodeConfig().clientName()).isEqualTo("kept");
        assertThat(config.nodeConfig().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.readFrom()).isEqualTo(ReadFrom.ANY);
        assertThat(config.maxRedirects()).isEqualTo(4);
    }

    @Test
    void aRefusedUrlLeavesTheBuilderAsItWas() {
        ClusterConfig.Builder builder = ClusterConfig.builder().seed("old", 1).readFrom(ReadFrom.ANY);
        Throwable thrown = catchThrowable(() -> builder.url("rediss-cluster://:" + PW
                + "@h1:7000?readFrom=replica&timeout=1&maxRedirects=-1"));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class);
        ClusterConfig config = builder.build();
        assertThat(config.seeds()).containsExactly(hp("old", 1));
        assertThat(config.readFrom()).isEqualTo(ReadFrom.ANY);
        assertThat(config.nodeConfig().ssl()).isNull();
        assertThat(config.nodeConfig().password()).isNull();
        assertThat(config.nodeConfig().timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    static Stream<Arguments> badUrls() {
        String auth = "redis-cluster://app:" + PW + "@";
        return Stream.of(
                // hosts and ports
                Arguments.of(auth + "h1:0,h2", "port must be between 1 and 65535"),
                Arguments.of(auth + "h1:7000,h2:65536", "port must be between 1 and 65535"),
                Arguments.of(auth + "h1:x", "port must be a number from 1 to 65535"),
                Arguments.of(auth + "h1:-1", "port must be between 1 and 65535"),
                Arguments.of(auth + "h1:", "port must be a number from 1 to 65535, but is empty"),
                Arguments.of(auth + "h1,,h2", "host 2 of 3 is empty (a stray ',')"),
                Arguments.of(auth + "h1,h2,", "host 3 of 3 is empty (a stray ',')"),
                Arguments.of(auth, "the host is missing"),
                Arguments.of(auth + "?timeout=1", "the host is missing"),
                Arguments.of(auth + "::1:7000", "an IPv6 address must be enclosed in brackets"),
                Arguments.of(auth + "[::1:7000", "IPv6 address is missing its closing ']'"),
                Arguments.of(auth + "[::1]x,h2", "unexpected characters after the IPv6 address"),
                Arguments.of(auth + "h 1", "the host contains an illegal character"),
                // schemes
                Arguments.of("redis-clusters://h1", "unknown scheme 'redis-clusters', expected redis-cluster or "
                        + "rediss-cluster (or redis, rediss for a single seed)"),
                Arguments.of("h1:7000,h2:7001", "it must start with redis-cluster:// or rediss-cluster://"),
                Arguments.of("redis://:" + PW + "@h1:7000,h2:7001", "a redis:// URL names one server; write "
                        + "redis-cluster://host1:port1,host2:port2 for several seeds"),
                Arguments.of("rediss://h1,h2", "write rediss-cluster://host1:port1,host2:port2"),
                // database
                Arguments.of(auth + "h1/1", "a Redis Cluster has only database 0: remove the path, or write /0"),
                Arguments.of(auth + "h1/00", "a Redis Cluster has only database 0"),
                Arguments.of(auth + "h1?database=2", "option 'database': a Redis Cluster has only database 0, was 2"),
                Arguments.of(auth + "h1?db=x", "db must be a number from 0 to 2147483647, was 'x'"),
                Arguments.of(auth + "h1/0?db=0", "option 'db' sets the database, which the path (/0) sets too"),
                // cluster options
                Arguments.of(auth + "h1?maxRedirects=-1", "maxRedirects must be between 0 and 2147483647, was -1"),
                Arguments.of(auth + "h1?maxRedirects=many", "maxRedirects must be a number from 0 to 2147483647, "
                        + "was 'many'"),
                Arguments.of(auth + "h1?refreshPeriod=-1s", "refreshPeriod must be 0 (off) or positive, was -1s"),
                Arguments.of(auth + "h1?refreshPeriod=soon", "refreshPeriod must be a duration such as 2, 0.5, "
                        + "500ms or 2s, was 'soon'"),
                Arguments.of(auth + "h1?refreshMinInterval=-5ms", "refreshMinInterval must be 0 (off) or positive, "
                        + "was -5ms"),
                Arguments.of(auth + "h1?refreshMinInterval=", "refreshMinInterval must be a duration"),
                Arguments.of(auth + "h1?readFrom=nearest", "option 'readFrom': readFrom must be one of primary, "
                        + "primary-preferred, replica-preferred, replica, any"),
                Arguments.of(auth + "h1?readFrom", "query option 'readFrom' has no value"),
                // per-node options, as strict as redis://
                Arguments.of(auth + "h1?timeout=0", "timeout must be positive, was 0"),
                Arguments.of(auth + "h1?protocol=4", "protocol must be resp2 or resp3 (or 2, 3), was '4'"),
                Arguments.of(auth + "h1?clientName=a%20b", "option 'clientName': client name must contain only "
                        + "printable characters"),
                Arguments.of(auth + "h1?maxTotal=-1", "maxTotal must be between 1 and 2147483647, was -1"),
                Arguments.of(auth + "h1?minIdle=5&maxIdle=2", "minIdle (5) must not be above maxIdle (2)"),
                // unknown and repeated options
                Arguments.of(auth + "h1?MaxRedirects=2", "unknown option 'MaxRedirects' (did you mean "
                        + "'maxRedirects'?)"),
                Arguments.of(auth + "h1?nodes=3", "unknown option 'nodes'; known options: timeout"),
                Arguments.of(auth + "h1?nodes=3", "verifyHostname, maxRedirects, refreshPeriod, refreshMinInterval, "
                        + "readFrom"),
                Arguments.of(auth + "h1?maxRedirects=1&maxRedirects=2", "option 'maxRedirects' is given twice"),
                Arguments.of(auth + "h1?readFrom=any&readFrom=any", "option 'readFrom' is given twice"),
                Arguments.of(auth + "h1?timeout=1&socket_timeout=2", "option 'socket_timeout' sets the same as "
                        + "'timeout', which is given too"),
                // the password's own syntax
                Arguments.of("redis-cluster://app:pa#ss" + PW + "@h1,h2", "the password contains a reserved "
                        + "character ('#') that must be percent-encoded in a URL (as %23)"),
                Arguments.of("redis-cluster://:" + PW + "%zz@h1", "invalid percent-escape in the password"),
                Arguments.of("redis-cluster://:" + PW + "%4@h1", "incomplete percent-escape in the password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUrls")
    void badUrlsSayWhatIsWrongWithThePasswordMasked(String url, String reason) {
        Throwable thrown = catchThrowable(() -> ClusterConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageStartingWith("Invalid Redis URL '")
                .hasMessageContaining(reason);
        assertThat(thrown.getMessage()).doesNotContain(PW).doesNotContain("pa#ss");
        if (url.contains(PW)) {
            assertThat(thrown.getMessage()).contains(":****@");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void anEmptyUrlIsRefused(String url) {
        assertThat(catchThrowable(() -> ClusterConfig.fromUrl(url)))
                .isExactlyInstanceOf(RedisUrlSyntaxException.class).hasMessage("Invalid Redis URL: it is empty");
        assertThat(catchThrowable(() -> ClusterConfig.fromUrl(null)))
                .isExactlyInstanceOf(RedisUrlSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-cluster://:" + PW + "@h1:7000,h2:7001", "rediss-cluster://:" + PW + "@h1",
            "REDIS-CLUSTER://h1"})
    void redisConfigPointsClusterUrlsToClusterConfig(String url) {
        Throwable thrown = catchThrowable(() -> RedisConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageContaining("URL names a Redis Cluster: read it with ClusterConfig.fromUrl, not "
                        + "RedisConfig.fromUrl");
        assertThat(thrown.getMessage()).doesNotContain(PW);
    }

    @Test
    void redisConfigRefusesClusterOptionsSayingWhereTheyBelong() {
        for (String option : new String[] {"maxRedirects=2", "refreshPeriod=1", "refreshMinInterval=1",
                "readFrom=any"}) {
            Throwable thrown = catchThrowable(() -> RedisConfig.fromUrl("redis://:" + PW + "@h?" + option));
            assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                    .hasMessageContaining("is for a Redis Cluster: use a redis-cluster:// URL with "
                            + "ClusterConfig.fromUrl");
            assertThat(thrown.getMessage()).doesNotContain(PW);
        }
        // and does not list them among its own
        assertThat(catchThrowable(() -> RedisConfig.fromUrl("redis://h?nodes=1")))
                .hasMessageNotContaining("maxRedirects");
    }
}
