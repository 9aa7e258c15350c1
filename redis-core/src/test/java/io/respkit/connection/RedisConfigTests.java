package io.respkit.connection;

import io.respkit.exceptions.RedisUrlSyntaxException;

import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespLimits;
import io.respkit.protocol.RespVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Unit tests (no server) for {@link RedisConfig}: builder defaults, URL parsing, URL errors that never reveal the
 * password, and password masking in {@code toString()}. Stateless; safe to run in parallel.
 */
class RedisConfigTests {

    private static final String PASSWORD = "s3cr3t-pw";

    @Test
    void builderDefaults() {
        RedisConfig config = RedisConfig.builder().build();
        assertThat(config.host()).isEqualTo("localhost");
        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.username()).isNull();
        assertThat(config.password()).isNull();
        assertThat(config.database()).isZero();
        assertThat(config.clientName()).isNull();
        assertThat(config.protocol()).isEqualTo(RespVersion.RESP3);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.ssl()).isNull();
        assertThat(config.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(config.limits()).isEqualTo(RespLimits.DEFAULT);
        assertThat(config.pool()).isEqualTo(PoolConfig.DEFAULT);
        assertThat(config.address()).isEqualTo("localhost:6379");
        assertThat(config.connectionMode()).isEqualTo(ConnectionMode.ADAPTIVE);
        assertThat(config.multiplexed()).isFalse();
    }

    @Test
    void connectionModeFromBuilderAndUrl() {
        assertThat(RedisConfig.builder().multiplexed(true).build().connectionMode())
                .isEqualTo(ConnectionMode.MULTIPLEXED);
        assertThat(RedisConfig.builder().multiplexed(false).build().connectionMode()).isEqualTo(ConnectionMode.POOLED);
        assertThat(RedisConfig.fromUrl("redis://h?multiplexed=true").multiplexed()).isTrue();
        assertThat(RedisConfig.fromUrl("redis://h?multiplexed=false").connectionMode())
                .isEqualTo(ConnectionMode.POOLED);
        assertThat(RedisConfig.fromUrl("redis://h?connectionMode=Pooled").connectionMode())
                .isEqualTo(ConnectionMode.POOLED);
        assertThat(RedisConfig.fromUrl("redis://h?connection_mode=multiplexed").connectionMode())
                .isEqualTo(ConnectionMode.MULTIPLEXED);
        assertThat(RedisConfig.fromUrl("redis://h?connectionMode=adaptive").connectionMode())
                .isEqualTo(ConnectionMode.ADAPTIVE);
        assertThat(RedisConfig.builder().connectionMode(ConnectionMode.POOLED).build().toBuilder().build()
                .connectionMode()).isEqualTo(ConnectionMode.POOLED);
        assertThat(RedisConfig.builder().connectionMode(ConnectionMode.POOLED).build().toString()).contains("pooled");
        assertThatThrownBy(() -> RedisConfig.builder().connectionMode(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ConnectionMode.parse("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connection mode must be pooled, multiplexed or adaptive, was 'fast'");
    }

    @Test
    void builderValidatesAndRoundTripsThroughToBuilder() {
        RedisConfig config = RedisConfig.builder().host("h").port(7000).username("u").password(PASSWORD)
                .database(3).clientName("app").protocol(RespVersion.RESP2).timeout(Duration.ofMillis(300))
                .connectTimeout(Duration.ofMillis(400)).ssl(true).build();
        RedisConfig copy = config.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(config.toString());
        assertThat(copy.password()).isEqualTo(PASSWORD);
        assertThat(copy.ssl()).isEqualTo(SslOptions.DEFAULT);
        assertThatThrownBy(() -> RedisConfig.builder().port(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisConfig.builder().port(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisConfig.builder().database(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisConfig.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisConfig.builder().clientName("a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainUrl() {
        RedisConfig config = RedisConfig.fromUrl("redis://127.0.0.1:6379/0");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.database()).isZero();
        assertThat(config.username()).isNull();
        assertThat(config.password()).isNull();
        assertThat(config.ssl()).isNull();
    }

    @Test
    void passwordWithoutUser() {
        RedisConfig config = RedisConfig.fromUrl("redis://:1234@127.0.0.1:6379/0");
        assertThat(config.password()).isEqualTo("1234");
        assertThat(config.username()).isNull();
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void lonePasswordInUserInfo() {
        RedisConfig config = RedisConfig.fromUrl("redis://" + PASSWORD + "@host");
        assertThat(config.password()).isEqualTo(PASSWORD);
        assertThat(config.username()).isNull();
    }

    @Test
    void userAndPercentEncodedPassword() {
        RedisConfig config = RedisConfig.fromUrl("redis://user:p%40ss@host:6380/2");
        assertThat(config.username()).isEqualTo("user");
        assertThat(config.password()).isEqualTo("p@ss");
        assertThat(config.host()).isEqualTo("host");
        assertThat(config.port()).isEqualTo(6380);
        assertThat(config.database()).isEqualTo(2);
    }

    @Test
    void tlsUrl() {
        RedisConfig config = RedisConfig.fromUrl("rediss://host");
        assertThat(config.ssl()).isNotNull();
        assertThat(config.ssl().verifyHostname()).isTrue();
        assertThat(config.host()).isEqualTo("host");
        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.database()).isZero();
        assertThat(RedisConfig.fromUrl("REDISS://host").ssl()).isNotNull();
    }

    @Test
    void verifyHostnameOnlyAppliesToTls() throws Exception {
        assertThat(RedisConfig.fromUrl("rediss://host?verifyHostname=false").ssl().verifyHostname()).isFalse();
        assertThat(RedisConfig.fromUrl("rediss://host?ssl_check_hostname=true").ssl().verifyHostname()).isTrue();
        assertThat(RedisConfig.fromUrl("redis://host?verifyHostname=false").ssl()).as("TLS stays off").isNull();

        SSLContext context = SSLContext.getDefault();
        RedisConfig config = RedisConfig.builder().ssl(SslOptions.of(context))
                .url("rediss://host?verifyHostname=false").build();
        assertThat(config.ssl().sslContext()).as("configured SSLContext kept").isSameAs(context);
        assertThat(config.ssl().verifyHostname()).isFalse();
    }

    @Test
    void ipv6Host() {
        RedisConfig config = RedisConfig.fromUrl("redis://[::1]:6379");
        assertThat(config.host()).isEqualTo("::1");
        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.address()).isEqualTo("[::1]:6379");
        RedisConfig noPort = RedisConfig.fromUrl("redis://:" + PASSWORD + "@[fe80::1]/4");
        assertThat(noPort.host()).isEqualTo("fe80::1");
        assertThat(noPort.port()).isEqualTo(6379);
        assertThat(noPort.database()).isEqualTo(4);
        assertThat(noPort.password()).isEqualTo(PASSWORD);
    }

    @Test
    void defaultsWhenPortAndDatabaseAreAbsent() {
        RedisConfig config = RedisConfig.fromUrl("redis://example.com");
        assertThat(config.host()).isEqualTo("example.com");
        assertThat(config.port()).isEqualTo(6379);
        assertThat(config.database()).isZero();
        assertThat(RedisConfig.fromUrl("redis://example.com/").database()).isZero();
        assertThat(RedisConfig.fromUrl("redis://example.com:7000").database()).isZero();
        assertThat(RedisConfig.fromUrl("redis://example.com/5").port()).isEqualTo(6379);
    }

    @Test
    void queryOptions() {
        RedisConfig config = RedisConfig.fromUrl("redis://host/1?timeout=2&connectTimeout=500ms"
                + "&clientName=my-app&protocol=resp2&max_connections=4&maxWait=250ms&minIdle=1");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.clientName()).isEqualTo("my-app");
        assertThat(config.protocol()).isEqualTo(RespVersion.RESP2);
        assertThat(config.pool().maxTotal()).isEqualTo(4);
        assertThat(config.pool().maxIdle()).isEqualTo(4);
        assertThat(config.pool().minIdle()).isEqualTo(1);
        assertThat(config.pool().maxWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.database()).isEqualTo(1);
    }

    @Test
    void durationForms() {
        assertThat(RedisConfig.fromUrl("redis://h?timeout=500ms").timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(RedisConfig.fromUrl("redis://h?timeout=0.5").timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(RedisConfig.fromUrl("redis://h?timeout=2s").timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(RedisConfig.fromUrl("redis://h?timeout=1.5s").timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(RedisConfig.fromUrl("redis://h?timeout=1m").timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RedisConfig.fromUrl("redis://h?connect_timeout=3").connectTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(RedisConfig.fromUrl("redis://h?socket_timeout=4").timeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void otherOptionSpellings() {
        assertThat(RedisConfig.fromUrl("redis://h?maxTotal=32").pool().maxTotal()).isEqualTo(32);
        assertThat(RedisConfig.fromUrl("redis://h?protocol=3").protocol()).isEqualTo(RespVersion.RESP3);
        assertThat(RedisConfig.fromUrl("redis://h?protocol=RESP2").protocol()).isEqualTo(RespVersion.RESP2);
        assertThat(RedisConfig.fromUrl("redis://h?db=7").database()).isEqualTo(7);
        assertThat(RedisConfig.fromUrl("redis://h?client_name=x&").clientName()).isEqualTo("x");
        PoolConfig pool = RedisConfig.fromUrl("redis://h?maxTotal=10&maxIdle=5&minIdle=2").pool();
        assertThat(pool.maxTotal()).isEqualTo(10);
        assertThat(pool.maxIdle()).isEqualTo(5);
        assertThat(pool.minIdle()).isEqualTo(2);
    }

    @Test
    void poolOptionsDoNotDependOnTheirOrder() {
        PoolConfig pool = RedisConfig.fromUrl("redis://h?minIdle=20&maxTotal=32").pool();
        assertThat(pool.maxTotal()).isEqualTo(32);
        assertThat(pool.maxIdle()).isEqualTo(32);
        assertThat(pool.minIdle()).isEqualTo(20);
        PoolConfig reversed = RedisConfig.fromUrl("redis://h?maxTotal=32&minIdle=20").pool();
        assertThat(reversed).isEqualTo(pool);
    }

    @Test
    void urlOnTopOfABuilderKeepsOtherSettings() {
        RedisConfig config = RedisConfig.builder().charset(StandardCharsets.ISO_8859_1).clientName("kept")
                .url("redis://other:7001").build();
        assertThat(config.host()).isEqualTo("other");
        assertThat(config.port()).isEqualTo(7001);
        assertThat(config.clientName()).isEqualTo("kept");
        assertThat(config.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> badUrls() {
        String pw = PASSWORD;
        return Stream.of(
                Arguments.of("http://:" + pw + "@host:6379", "unknown scheme 'http'"),
                Arguments.of("redis:/:" + pw + "@host", "must start with redis:// or rediss://"),
                Arguments.of(pw + "@host:6379", "must start with redis:// or rediss://"),
                Arguments.of("redis://:" + pw + "@", "the host is missing"),
                Arguments.of("redis://:" + pw + "@:6379/0", "the host is missing"),
                Arguments.of("redis://user:" + pw + "@/0", "the host is missing"),
                Arguments.of("redis://:" + pw + "@host:abc", "port must be a number"),
                Arguments.of("redis://:" + pw + "@host:", "port must be a number"),
                Arguments.of("redis://:" + pw + "@host:70000", "port must be between 1 and 65535"),
                Arguments.of("redis://:" + pw + "@host:99999999999999", "port must be between 1 and 65535"),
                Arguments.of("redis://:" + pw + "@host:0", "port must be between 1 and 65535"),
                Arguments.of("redis://:" + pw + "@host:6379/abc", "database must be a number"),
                Arguments.of("redis://:" + pw + "@host:6379/-1", "database must be between 0 and 2147483647, was -1"),
                Arguments.of("redis://:" + pw + "@host?foo=bar", "unknown option 'foo'"),
                Arguments.of("redis://:" + pw + "@host?password=" + pw, "unknown option 'password'"),
                Arguments.of("redis://:" + pw + "@host?timeout", "query option 'timeout' has no value"),
                Arguments.of("redis://:" + pw + "@host?timeout=abc", "timeout must be a duration"),
                Arguments.of("redis://:" + pw + "@host?timeout=2d", "timeout must be a duration"),
                Arguments.of("redis://:" + pw + "@host?timeout=Infinity", "timeout must be a duration"),
                Arguments.of("redis://:" + pw + "@host?timeout=", "timeout must be a duration"),
                Arguments.of("redis://:" + pw + "@host?maxWait=5h", "maxWait must be a duration"),
                Arguments.of("redis://:" + pw + "@host?timeout=-1", "timeout must be positive"),
                Arguments.of("redis://:" + pw + "@host?timeout=0", "timeout must be positive"),
                Arguments.of("redis://:" + pw + "@host?timeout=9999999999999999999m", "timeout is too long"),
                Arguments.of("redis://:" + pw + "@host?protocol=resp4", "protocol must be resp2 or resp3"),
                Arguments.of("redis://:" + pw + "@host?max_connections=0", "max_connections must be between 1"),
                Arguments.of("redis://:" + pw + "@host?minIdle=50", "minIdle <= maxIdle <= maxTotal"),
                Arguments.of("redis://:" + pw + "@host?clientName=a%20b", "option 'clientName'"),
                Arguments.of("redis://:" + pw + "@host?clientName=", "option 'clientName'"),
                Arguments.of("redis://:" + pw + "@host?verifyHostname=maybe", "verifyHostname must be true or false"),
                Arguments.of("redis://:" + pw + "@host?multiplexed=true&connectionMode=pooled",
                        "option 'connectionMode' sets the same as 'multiplexed', which is given too"),
                Arguments.of("redis://:" + pw + "@host?connectionMode=fast",
                        "option 'connectionMode' must be pooled, multiplexed or adaptive, was 'fast'"),
                Arguments.of("unix://:" + pw + "@/tmp/redis.sock", "Unix domain sockets are not supported"),
                Arguments.of("redis+unix://:" + pw + "@/tmp/redis.sock", "Unix domain sockets are not supported"),
                Arguments.of("redis://:" + pw + "@[::1:6379", "IPv6 address is missing its closing ']'"),
                Arguments.of("redis://:" + pw + "@[::1]x", "unexpected characters after the IPv6 address"),
                Arguments.of("redis://:" + pw + "@::1", "must be enclosed in brackets"),
                Arguments.of("redis://:" + pw + "%zz@host", "invalid percent-escape"),
                Arguments.of("redis://user%4:" + pw + "@host", "incomplete percent-escape"),
                Arguments.of("redis://:" + pw + "%4@host", "incomplete percent-escape"),
                Arguments.of("redis://:" + pw + "@host?clientName=a%2", "incomplete percent-escape"),
                Arguments.of("redis://:" + pw + "/x@host", "password contains a reserved character ('/')"),
                Arguments.of("redis://:" + pw + "?x@host", "password contains a reserved character ('?')"),
                Arguments.of("redis://:" + pw + "#x@host", "password contains a reserved character ('#')"),
                Arguments.of("redis://:" + pw + "@ho st", "the host contains an illegal character"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badUrls")
    void badUrlsSayWhatIsWrongAndNeverShowThePassword(String url, String reason) {
        Throwable thrown = catchThrowable(() -> RedisConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageStartingWith("Invalid Redis URL")
                .hasMessageContaining(reason);
        assertThat(thrown.getMessage()).doesNotContain(PASSWORD).doesNotContain("s3cr3t");
        assertThat(thrown.getCause()).isNull();
    }

    @Test
    void emptyUrl() {
        assertThatThrownBy(() -> RedisConfig.fromUrl("")).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> RedisConfig.fromUrl(null)).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void errorMessageShowsTheMaskedUrl() {
        Throwable thrown = catchThrowable(() -> RedisConfig.fromUrl("redis://admin:" + PASSWORD + "@host:70000/0"));
        assertThat(thrown).hasMessage("Invalid Redis URL 'redis://admin:****@host:70000/0': "
                + "port must be between 1 and 65535");
    }

    @Test
    void maskHidesPasswords() {
        assertThat(RedisConfig.maskUrl("redis://user:" + PASSWORD + "@host:6379/0"))
                .isEqualTo("redis://user:****@host:6379/0");
        assertThat(RedisConfig.maskUrl("redis://:" + PASSWORD + "@host")).isEqualTo("redis://:****@host");
        assertThat(RedisConfig.maskUrl("redis://" + PASSWORD + "@host")).isEqualTo("redis://:****@host");
        assertThat(RedisConfig.maskUrl("redis://host:6379/0")).isEqualTo("redis://host:6379/0");
        assertThat(RedisConfig.maskUrl("redis://host?timeout=2&password=" + PASSWORD))
                .isEqualTo("redis://host?timeout=2&password=****");
        assertThat(RedisConfig.maskUrl("redis://:" + PASSWORD + "/x?y#z@host")).doesNotContain("s3cr3t");
        assertThat(RedisConfig.maskUrl(null)).isNull();
    }

    @Test
    void toStringMasksThePassword() {
        RedisConfig config = RedisConfig.fromUrl("redis://user:" + PASSWORD + "@host:6380/2?clientName=app");
        assertThat(config.toString()).contains("redis://user:****@host:6380/2").contains("clientName=app")
                .doesNotContain(PASSWORD);
        RedisConfig noUser = RedisConfig.fromUrl("rediss://:" + PASSWORD + "@[::1]:6390");
        assertThat(noUser.toString()).startsWith("RedisConfig[rediss://:****@[::1]:6390/0")
                .doesNotContain(PASSWORD);
        assertThat(RedisConfig.fromUrl("redis://host").toString())
                .isEqualTo("RedisConfig[redis://host:6379/0, RESP3, timeout=PT2S]");
    }
}
