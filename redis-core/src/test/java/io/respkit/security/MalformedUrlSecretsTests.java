package io.respkit.security;

import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.sentinel.SentinelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Malformed URLs and addresses whose secrets sit where the parser does not expect them: user info without the
 * {@code '@'} that ends it (the host forgotten, so the password reads as a port or a host), a sentinel password with
 * a raw {@code '&'} (so its tail reads as another query option), and a URL given where a {@code host:port} belongs.
 * The exception message, and {@link RedisConfig#maskUrl}, must show none of it. Unit tests, no server; stateless.
 */
class MalformedUrlSecretsTests {

    private static final String PW = "Pw-Mf8q";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "redis://:" + PW,
        "redis://app:" + PW,
        "redis://app:" + PW + "/0",
        "redis://app:" + PW + "?timeout=1",
        "redis://:pa/ss" + PW,
        "rediss://app:" + PW + "#frag",
        "redis://:123456789",
        "redis://app:" + PW + ",x"})
    void userInfoWithoutItsAtSignIsMasked(String url) {
        Throwable thrown = catchThrowable(() -> RedisConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageStartingWith("Invalid Redis URL");
        assertThat(thrown.getMessage()).doesNotContain(PW).doesNotContain("pa/ss").doesNotContain("123456789");
        assertThat(RedisConfig.maskUrl(url)).doesNotContain(PW).doesNotContain("123456789");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "redis-cluster://:" + PW + "/0",
        "redis-cluster://app:" + PW,
        "redis-cluster://h1:7000,app:" + PW,
        "redis-cluster://app:" + PW + ",h2:7000"})
    void clusterUserInfoWithoutItsAtSignIsMasked(String url) {
        Throwable thrown = catchThrowable(() -> ClusterConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class);
        assertThat(thrown.getMessage()).doesNotContain(PW);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "redis-sentinel://:" + PW + "/mymaster",
        "redis-sentinel://app:" + PW + "/mymaster"})
    void sentinelUserInfoWithoutItsAtSignIsMasked(String url) {
        Throwable thrown = catchThrowable(() -> SentinelConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class);
        assertThat(thrown.getMessage()).doesNotContain(PW);
    }

    @Test
    void wellFormedAddressesAreNotMasked() {
        assertThat(RedisConfig.maskUrl("redis://host:6379/0?timeout=1")).isEqualTo("redis://host:6379/0?timeout=1");
        assertThat(RedisConfig.maskUrl("redis://[::1]:6379")).isEqualTo("redis://[::1]:6379");
        assertThat(RedisConfig.maskUrl("redis-cluster://h1:7000,[::1]:7001,h3"))
                .isEqualTo("redis-cluster://h1:7000,[::1]:7001,h3");
        assertThat(RedisConfig.maskUrl("host:6379")).isEqualTo("host:6379");
        assertThat(catchThrowable(() -> RedisConfig.fromUrl("redis://host:notaport")))
                .hasMessageContaining("port must be a number");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "redis-sentinel://s1/m?sentinelPassword=ab&" + PW,
        "redis-sentinel://s1/m?sentinelPassword=ab&" + PW + "=x",
        "redis-sentinel://s1/m?sentinelPassword=ab&" + PW + "&timeout=1",
        "redis-sentinel://s1/m?sentinelPassword=ab&c" + PW + "=x&timeout=1"})
    void aSentinelPasswordWithARawAmpersandIsNotShownAsAnOption(String url) {
        Throwable thrown = catchThrowable(() -> SentinelConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageContaining("%26");
        assertThat(thrown.getMessage()).doesNotContain(PW);
        assertThat(RedisConfig.maskUrl(url)).doesNotContain(PW);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "redis://app:" + PW + "@h1:7000",
        "app:" + PW + "@h1:7000",
        "redis://app:" + PW + "@h1",
        "app:" + PW,
        "h1:" + PW})
    void aUrlOrUserInfoWhereAnAddressBelongsIsRefusedWithoutShowingThePassword(String text) {
        Throwable thrown = catchThrowable(() -> HostAndPort.parse(text));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getMessage()).doesNotContain(PW);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "redis://app:" + PW + "@127.0.0.1",
        "redis://:" + PW + "@127.0.0.1:6379/0",
        ":" + PW + "@127.0.0.1"})
    void aUrlOrUserInfoGivenAsTheHostIsRefusedWithoutShowingThePassword(String host) {
        Throwable thrown = catchThrowable(() -> RedisConfig.builder().host(host));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThat(thrown.getMessage()).doesNotContain(PW);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redis://app:" + PW + "@127.0.0.1", ":" + PW + "@127.0.0.1"})
    void aUrlOrUserInfoGivenAsASeedOrSentinelHostIsRefusedWithoutShowingThePassword(String host) {
        for (Throwable thrown : new Throwable[] {
            catchThrowable(() -> new HostAndPort(host, 7000)),
            catchThrowable(() -> ClusterConfig.builder().seed(host, 7000)),
            catchThrowable(() -> SentinelConfig.builder().sentinel(host, 26379))}) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
            assertThat(thrown.getMessage()).doesNotContain(PW);
        }
    }
}
