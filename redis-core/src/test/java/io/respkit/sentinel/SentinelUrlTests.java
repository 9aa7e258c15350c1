package io.respkit.sentinel;

import io.respkit.cluster.ClusterConfig;
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
 * Unit tests (no server) for {@code redis-sentinel://} and {@code rediss-sentinel://} URLs: sentinels (IPv6, default
 * port, duplicates), master name and database path, the data nodes' and the sentinels' credentials, every per-node
 * and sentinel option, and errors that name what is wrong and never show either password. Stateless; safe to run in
 * parallel.
 */
class SentinelUrlTests {

    private static final String PW = "Pw-Nd7x";
    private static final String SPW = "Pw-Sn4q";

    private static HostAndPort hp(String host, int port) {
        return new HostAndPort(host, port);
    }

    @Test
    void sentinelsInOrderWithTheDefaultPortAndWithoutDuplicates() {
        SentinelConfig config = SentinelConfig.fromUrl("redis-sentinel://s1:26380,s2,10.0.0.3:26381,s1:26380,"
                + "s2:26379/mymaster");
        assertThat(config.sentinels()).containsExactly(hp("s1", 26380), hp("s2", 26379), hp("10.0.0.3", 26381));
        assertThat(config.masterName()).isEqualTo("mymaster");
        assertThat(config.nodeConfig().ssl()).isNull();
        assertThat(config.nodeConfig().database()).isZero();
        assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
        assertThat(config.checkInterval()).isEqualTo(SentinelConfig.DEFAULT_CHECK_INTERVAL);
        assertThat(config.sentinelUsername()).isNull();
        assertThat(config.nodeConfig()).hasToString(RedisConfig.builder().build().toString());
    }

    @Test
    void ipv6SentinelsInBrackets() {
        SentinelConfig config = SentinelConfig.fromUrl("redis-sentinel://[::1]:26380,[fd00::2],[2001:db8::3]:7002/m");
        assertThat(config.sentinels()).containsExactly(hp("::1", 26380), hp("fd00::2", 26379),
                hp("2001:db8::3", 7002));
        assertThat(config.sentinelConfig(config.sentinels().get(0)).address()).isEqualTo("[::1]:26380");
    }

    @Test
    void theTlsSchemeSetsSslForTheNodesAndTheSentinels() {
        SentinelConfig tls = SentinelConfig.fromUrl("rediss-sentinel://s1,s2:26380/m");
        assertThat(tls.nodeConfig().ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThat(tls.configFor(hp("n1", 6380)).ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThat(tls.sentinelConfig(hp("s2", 26380)).ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThat(SentinelConfig.fromUrl("REDISS-SENTINEL://s1/m").nodeConfig().ssl()).isNotNull();
        assertThat(SentinelConfig.fromUrl("rediss-sentinel://s1/m?verifyHostname=false").sentinelConfig(hp("s1", 1))
                .ssl().verifyHostname()).isFalse();
        // verifyHostname never switches TLS on
        assertThat(SentinelConfig.fromUrl("redis-sentinel://s1/m?verifyHostname=true").nodeConfig().ssl()).isNull();
    }

    @Test
    void theMasterNameAndTheDatabasePath() {
        SentinelConfig config = SentinelConfig.fromUrl("redis-sentinel://s1/my%2Fmaster%20x/3");
        assertThat(config.masterName()).isEqualTo("my/master x");
        assertThat(config.nodeConfig().database()).isEqualTo(3);
        assertThat(config.configFor(hp("n1", 6379)).database()).isEqualTo(3);
        assertThat(config.sentinelConfig(hp("s1", 26379)).database()).isZero();
        assertThat(SentinelConfig.fromUrl("redis-sentinel://s1/m/").nodeConfig().database()).isZero();
        assertThat(SentinelConfig.fromUrl("redis-sentinel://s1/m?db=4").nodeConfig().database()).isEqualTo(4);
        assertThat(SentinelConfig.fromUrl("redis-sentinel://s1/0").masterName()).isEqualTo("0");
        assertThat(SentinelConfig.fromUrl("redis-sentinel://s1/m/2?timeout=1#frag").nodeConfig().timeout())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theUserInfoIsTheDataNodesCredentialsAndIsPercentDecoded() {
        SentinelConfig config = SentinelConfig.fromUrl("redis-sentinel://app%2Bme:p%40ss%3Aw%25rd%2F" + PW
                + "@s1,s2/m");
        RedisConfig node = config.configFor(hp("n1", 6379));
        assertThat(node.username()).isEqualTo("app+me");
        assertThat(node.password()).isEqualTo("p@ss:w%rd/" + PW);
        RedisConfig sentinel = config.sentinelConfig(hp("s1", 26379));
        assertThat(sentinel.username()).isNull();
        assertThat(sentinel.password()).isNull();
        assertThat(SentinelConfig.fromUrl("redis-sentinel://:" + PW + "@s1/m").nodeConfig().password())
                .isEqualTo(PW);
        assertThat(SentinelConfig.fromUrl("redis-sentinel://" + PW + "@s1/m").nodeConfig().password()).isEqualTo(PW);
        assertThat(config.toString()).doesNotContain(PW).doesNotContain("p@ss");
    }

    @Test
    void sentinelCredentialsByOptionArePercentDecodedAndNeverShown() {
        SentinelConfig config = SentinelConfig.fromUrl("redis-sentinel://app:" + PW + "@s1/m?sentinelUsername=w%40tch"
                + "&sentinelPassword=" + SPW + "%26%3D%25");
        assertThat(config.sentinelUsername()).isEqualTo("w@tch");
        RedisConfig sentinel = config.sentinelConfig(hp("s1", 26379));
        assertThat(sentinel.username()).isEqualTo("w@tch");
        assertThat(sentinel.password()).isEqualTo(SPW + "&=%");
        assertThat(config.configFor(hp("n1", 6379)).password()).isEqualTo(PW);
        assertThat(config.toString()).doesNotContain(PW).doesNotContain(SPW).contains("sentinelPassword=****");
        SentinelConfig passwordOnly = SentinelConfig.fromUrl("redis-sentinel://s1/m?sentinelPassword=" + SPW);
        assertThat(passwordOnly.sentinelUsername()).isNull();
        assertThat(passwordOnly.sentinelConfig(hp("s1", 26379)).password()).isEqualTo(SPW);
        assertThat(passwordOnly.nodeConfig().password()).isNull();
    }

    @Test
    void everyPerNodeOption() {
        SentinelConfig config = SentinelConfig.fromUrl("redis-sentinel://s1/m?timeout=500ms&connectTimeout=1.5"
                + "&clientName=svc&protocol=resp2&database=2&maxTotal=16&maxIdle=8&minIdle=2&maxWait=3s"
                + "&retryReads=yes&multiplexed=true&healthCheckInterval=0&verifyHostname=false");
        RedisConfig node = config.nodeConfig();
        assertThat(node.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(node.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(node.clientName()).isEqualTo("svc");
        assertThat(node.protocol()).isEqualTo(RespVersion.RESP2);
        assertThat(node.database()).isEqualTo(2);
        assertThat(node.pool().maxTotal()).isEqualTo(16);
        assertThat(node.pool().maxIdle()).isEqualTo(8);
        assertThat(node.pool().minIdle()).isEqualTo(2);
        assertThat(node.pool().maxWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(node.retryReads()).isTrue();
        assertThat(node.multiplexed()).isTrue();
        assertThat(node.healthCheckInterval()).isZero();
        assertThat(node.ssl()).isNull();
        assertThat(config.configFor(hp("n9", 7009)).pool()).isEqualTo(node.pool());
        RedisConfig sentinel = config.sentinelConfig(hp("s1", 26379));
        assertThat(sentinel.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(sentinel.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(sentinel.protocol()).isEqualTo(RespVersion.RESP2);
        assertThat(sentinel.database()).isZero();
    }

    @Test
    void perNodeOptionsInTheirOtherSpellings() {
        RedisConfig node = SentinelConfig.fromUrl("redis-sentinel://s1/m?socket_timeout=2s&connect_timeout=3"
                + "&client_name=svc&db=1&max_connections=4&retry_reads=1&health_check_interval=5s").nodeConfig();
        assertThat(node.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(node.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(node.clientName()).isEqualTo("svc");
        assertThat(node.database()).isEqualTo(1);
        assertThat(node.pool().maxTotal()).isEqualTo(4);
        assertThat(node.retryReads()).isTrue();
        assertThat(node.healthCheckInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everySentinelOption() {
        SentinelConfig config = SentinelConfig.fromUrl("redis-sentinel://s1/m?readFrom=replica-preferred"
                + "&checkInterval=250ms&sentinelUsername=watch&sentinelPassword=" + SPW);
        assertThat(config.readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
        assertThat(config.checkInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.sentinelUsername()).isEqualTo("watch");
        assertThat(config.sentinelConfig(hp("s1", 26379)).password()).isEqualTo(SPW);
        SentinelConfig zero = SentinelConfig.fromUrl("redis-sentinel://s1/m?checkInterval=0&readFrom=ANY");
        assertThat(zero.checkInterval()).isZero();
        assertThat(zero.readFrom()).isEqualTo(ReadFrom.ANY);
        assertThat(SentinelConfig.fromUrl("redis-sentinel://s1/m?checkInterval=2").checkInterval())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void builderUrlReplacesTheSentinelsAndGoesOnTopOfTheTemplate() {
        SentinelConfig config = SentinelConfig.builder().sentinel("old", 1).masterName("old")
                .nodeConfig(RedisConfig.builder().clientName("kept").timeout(Duration.ofSeconds(9)).build())
                .readFrom(ReadFrom.ANY).checkInterval(Duration.ofSeconds(5))
                .sentinelCredentials("keptUser", SPW)
                .url("redis-sentinel://s1/new?timeout=1&checkInterval=3").build();
        assertThat(config.sentinels()).containsExactly(hp("s1", 26379));
        assertThat(config.masterName()).isEqualTo("new");
        assertThat(config.nodeConfig().clientName()).isEqualTo("kept");
        assertThat(config.nodeConfig().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.readFrom()).isEqualTo(ReadFrom.ANY);
        assertThat(config.checkInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.sentinelUsername()).isEqualTo("keptUser");
        SentinelConfig replaced = config.toBuilder().url("redis-sentinel://s1/new?sentinelPassword=other").build();
        assertThat(replaced.sentinelUsername()).isNull();
        assertThat(replaced.sentinelConfig(hp("s1", 26379)).password()).isEqualTo("other");
    }

    @Test
    void aRefusedUrlLeavesTheBuilderAsItWas() {
        SentinelConfig.Builder builder = SentinelConfig.builder().sentinel("old", 1).masterName("old")
                .readFrom(ReadFrom.ANY);
        Throwable thrown = catchThrowable(() -> builder.url("rediss-sentinel://:" + PW
                + "@s1/new?readFrom=replica&timeout=1&sentinelPassword=" + SPW + "&checkInterval=-1"));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class);
        assertThat(thrown.getMessage()).doesNotContain(PW).doesNotContain(SPW);
        SentinelConfig config = builder.build();
        assertThat(config.sentinels()).containsExactly(hp("old", 1));
        assertThat(config.masterName()).isEqualTo("old");
        assertThat(config.readFrom()).isEqualTo(ReadFrom.ANY);
        assertThat(config.nodeConfig().ssl()).isNull();
        assertThat(config.nodeConfig().password()).isNull();
        assertThat(config.sentinelConfig(hp("old", 1)).password()).isNull();
        assertThat(config.nodeConfig().timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    static Stream<Arguments> badUrls() {
        String auth = "redis-sentinel://app:" + PW + "@";
        String spw = "&sentinelPassword=" + SPW;
        return Stream.of(
                // hosts and ports
                Arguments.of(auth + "s1:0,s2/m?x=1" + spw, "port must be between 1 and 65535"),
                Arguments.of(auth + "s1:26379,s2:65536/m", "port must be between 1 and 65535"),
                Arguments.of(auth + "s1:x/m", "port must be a number from 1 to 65535"),
                Arguments.of(auth + "s1:-1/m", "port must be between 1 and 65535"),
                Arguments.of(auth + "s1:/m", "port must be a number from 1 to 65535, but is empty"),
                Arguments.of(auth + "s1,,s2/m", "host 2 of 3 is empty (a stray ',')"),
                Arguments.of(auth + "s1,s2,/m", "host 3 of 3 is empty (a stray ',')"),
                Arguments.of(auth + "/m", "the host is missing"),
                Arguments.of(auth + "::1:26379/m", "an IPv6 address must be enclosed in brackets"),
                Arguments.of(auth + "[::1:26379/m", "IPv6 address is missing its closing ']'"),
                Arguments.of(auth + "[::1]x,s2/m", "unexpected characters after the IPv6 address"),
                Arguments.of(auth + "s 1/m", "the host contains an illegal character"),
                // schemes
                Arguments.of("redis-sentinels://s1/m", "unknown scheme 'redis-sentinels', expected redis-sentinel or "
                        + "rediss-sentinel"),
                Arguments.of("s1:26379,s2/m", "it must start with redis-sentinel:// or rediss-sentinel://"),
                Arguments.of("redis://:" + PW + "@s1/m", "a redis:// URL names a Redis server, not sentinels: write "
                        + "redis-sentinel://"),
                Arguments.of("rediss-cluster://:" + PW + "@s1", "read it with ClusterConfig.fromUrl, not "
                        + "SentinelConfig.fromUrl"),
                // master name and database
                Arguments.of(auth + "s1,s2", "the master name is missing: write redis-sentinel://"),
                Arguments.of(auth + "s1/", "the master name is missing"),
                Arguments.of(auth + "s1?timeout=1" + spw, "the master name is missing"),
                Arguments.of(auth + "s1//2", "the master name is missing"),
                Arguments.of(auth + "s1/%20", "the master name is blank"),
                Arguments.of(auth + "s1/m%zz", "invalid percent-escape in the master name"),
                Arguments.of(auth + "s1/m/x", "database must be a number from 0 to 2147483647, was 'x'"),
                Arguments.of(auth + "s1/m/-1", "database must be between 0 and 2147483647, was -1"),
                Arguments.of(auth + "s1/m/1/2", "the path must be /masterName or /masterName/database"),
                Arguments.of(auth + "s1/m/1?db=1", "option 'db' sets the database, which the path (/m/1) sets too"),
                // sentinel options
                Arguments.of(auth + "s1/m?checkInterval=-1s", "checkInterval must be 0 (off) or positive, was -1s"),
                Arguments.of(auth + "s1/m?checkInterval=soon", "checkInterval must be a duration such as 2, 0.5, "
                        + "500ms or 2s, was 'soon'"),
                Arguments.of(auth + "s1/m?readFrom=nearest" + spw, "option 'readFrom': readFrom must be one of "
                        + "primary, primary-preferred, replica-preferred, replica, any"),
                Arguments.of(auth + "s1/m?sentinelUsername=watch", "option 'sentinelUsername' needs option "
                        + "'sentinelPassword' too"),
                Arguments.of(auth + "s1/m?sentinelPassword=", "option 'sentinelPassword': sentinel password must "
                        + "not be empty"),
                Arguments.of(auth + "s1/m?sentinelUsername=" + spw, "option 'sentinelUsername': sentinel user name "
                        + "must not be empty"),
                Arguments.of(auth + "s1/m?sentinelPassword=" + SPW + spw, "option 'sentinelPassword' is given "
                        + "twice"),
                Arguments.of(auth + "s1/m?sentinelPassword=" + SPW + "%zz", "invalid percent-escape in option "
                        + "'sentinelPassword'"),
                Arguments.of(auth + "s1/m?maxRedirects=2" + spw, "option 'maxRedirects' is for a Redis Cluster: "
                        + "use a redis-cluster:// URL with ClusterConfig.fromUrl"),
                // per-node options, as strict as redis://
                Arguments.of(auth + "s1/m?timeout=0" + spw, "timeout must be positive, was 0"),
                Arguments.of(auth + "s1/m?protocol=4", "protocol must be resp2 or resp3 (or 2, 3), was '4'"),
                Arguments.of(auth + "s1/m?clientName=a%20b", "option 'clientName': client name must contain only "
                        + "printable characters"),
                Arguments.of(auth + "s1/m?maxTotal=-1", "maxTotal must be between 1 and 2147483647, was -1"),
                Arguments.of(auth + "s1/m?minIdle=5&maxIdle=2", "minIdle (5) must not be above maxIdle (2)"),
                // unknown and repeated options
                Arguments.of(auth + "s1/m?CheckInterval=2" + spw, "unknown option 'CheckInterval' (did you mean "
                        + "'checkInterval'?)"),
                Arguments.of(auth + "s1/m?nodes=3", "unknown option 'nodes'; known options: timeout"),
                Arguments.of(auth + "s1/m?nodes=3", "verifyHostname, readFrom, checkInterval, sentinelUsername, "
                        + "sentinelPassword"),
                Arguments.of(auth + "s1/m?readFrom=any&readFrom=any", "option 'readFrom' is given twice"),
                Arguments.of(auth + "s1/m?timeout=1&socket_timeout=2", "option 'socket_timeout' sets the same as "
                        + "'timeout', which is given too"),
                // the password's own syntax
                Arguments.of("redis-sentinel://app:pa#ss" + PW + "@s1,s2/m", "the password contains a reserved "
                        + "character ('#') that must be percent-encoded in a URL (as %23)"),
                Arguments.of("redis-sentinel://:" + PW + "%zz@s1/m", "invalid percent-escape in the password"),
                Arguments.of("redis-sentinel://:" + PW + "%4@s1/m", "incomplete percent-escape in the password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUrls")
    void badUrlsSayWhatIsWrongWithBothPasswordsMasked(String url, String reason) {
        Throwable thrown = catchThrowable(() -> SentinelConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageStartingWith("Invalid Redis URL '")
                .hasMessageContaining(reason);
        assertThat(thrown.getMessage()).doesNotContain(PW).doesNotContain(SPW).doesNotContain("pa#ss");
        if (url.contains(PW)) {
            assertThat(thrown.getMessage()).contains(":****@");
        }
        if (url.contains("sentinelPassword=" + SPW)) {
            assertThat(thrown.getMessage()).contains("sentinelPassword=****");
        }
    }

    @Test
    void aSentinelPasswordWithARawAtSignIsMaskedWhole() {
        String url = "redis-sentinel://:" + PW + "@s1/m?sentinelPassword=ab@" + SPW + "&timeout=0";
        Throwable thrown = catchThrowable(() -> SentinelConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class).hasMessageContaining("timeout");
        assertThat(thrown.getMessage()).doesNotContain(PW).doesNotContain(SPW);
        assertThat(RedisConfig.maskUrl("redis-sentinel://s1/m?sentinelPassword=ab@" + SPW)).doesNotContain(SPW);
        // a raw '@' the URL parses fine is the password's own
        assertThat(SentinelConfig.fromUrl("redis-sentinel://s1/m?sentinelPassword=ab@" + SPW)
                .sentinelConfig(hp("s1", 26379)).password()).isEqualTo("ab@" + SPW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void anEmptyUrlIsRefused(String url) {
        assertThat(catchThrowable(() -> SentinelConfig.fromUrl(url)))
                .isExactlyInstanceOf(RedisUrlSyntaxException.class).hasMessage("Invalid Redis URL: it is empty");
        assertThat(catchThrowable(() -> SentinelConfig.fromUrl(null)))
                .isExactlyInstanceOf(RedisUrlSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-sentinel://:" + PW + "@s1,s2/m?sentinelPassword=" + SPW,
            "rediss-sentinel://:" + PW + "@s1/m", "REDIS-SENTINEL://s1/m"})
    void redisConfigAndClusterConfigPointSentinelUrlsToSentinelConfig(String url) {
        Throwable redis = catchThrowable(() -> RedisConfig.fromUrl(url));
        assertThat(redis).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageContaining("URL names Redis Sentinels: read it with SentinelConfig.fromUrl, not "
                        + "RedisConfig.fromUrl");
        assertThat(redis.getMessage()).doesNotContain(PW).doesNotContain(SPW);
        Throwable cluster = catchThrowable(() -> ClusterConfig.fromUrl(url));
        assertThat(cluster).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageContaining("URL names Redis Sentinels: read it with SentinelConfig.fromUrl, not "
                        + "ClusterConfig.fromUrl");
        assertThat(cluster.getMessage()).doesNotContain(PW).doesNotContain(SPW);
    }

    @Test
    void redisAndClusterUrlsRefuseSentinelOptionsSayingWhereTheyBelong() {
        for (String option : new String[] {"checkInterval=2", "sentinelUsername=w", "sentinelPassword=" + SPW}) {
            Throwable redis = catchThrowable(() -> RedisConfig.fromUrl("redis://:" + PW + "@h?" + option));
            assertThat(redis).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                    .hasMessageContaining("is for Redis Sentinel: use a redis-sentinel:// URL with "
                            + "SentinelConfig.fromUrl");
            assertThat(redis.getMessage()).doesNotContain(PW).doesNotContain(SPW);
            Throwable cluster = catchThrowable(() -> ClusterConfig.fromUrl("redis-cluster://:" + PW + "@h?"
                    + option));
            assertThat(cluster).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                    .hasMessageContaining("is for Redis Sentinel: use a redis-sentinel:// URL with "
                            + "SentinelConfig.fromUrl");
            assertThat(cluster.getMessage()).doesNotContain(PW).doesNotContain(SPW);
        }
        assertThat(catchThrowable(() -> RedisConfig.fromUrl("redis://h?readFrom=any")))
                .hasMessageContaining("(or a redis-sentinel:// URL with SentinelConfig.fromUrl)");
    }
}
