package io.respkit.security;

import ch.qos.logback.classic.Level;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.connection.SslOptions;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * TLS against real TLS-only redis-servers ({@code --port 0 --tls-port ...}) with certificates generated at test
 * time: CA trust from a PKCS12 trust store, hostname and IP verification on by default, SNI, mutual TLS, and typed,
 * readable failures (wrong SAN, untrusted CA, plain text to a TLS port, TLS to a plain port, missing client
 * certificate) that leak no sockets.
 */
class TlsIntegrationTests {

    @TempDir
    static Path certs;

    private static TestCertificates pki;
    /** Certificate for DNS:localhost only. */
    private static TlsRedisServer localhostServer;
    /** Certificate for IP:127.0.0.1 only. */
    private static TlsRedisServer ipServer;
    /** tls-auth-clients yes, certificate for localhost and 127.0.0.1. */
    private static TlsRedisServer mtlsServer;
    private static RedisProcess plainServer;
    private static SslOptions trusted;

    @BeforeAll
    static void startServers() {
        pki = TestCertificates.create(certs);
        Path ca = pki.ca().cert();
        localhostServer = TlsRedisServer.start(pki.server("localhost-only", "DNS:localhost"), ca, "no");
        ipServer = TlsRedisServer.start(pki.server("ip-only", "IP:127.0.0.1"), ca, "no");
        mtlsServer = TlsRedisServer.start(pki.server("both", "DNS:localhost", "IP:127.0.0.1"), ca, "yes");
        plainServer = RedisProcess.start();
        trusted = SslOptions.builder().trustStore(pki.trustStore(), TestCertificates.STORE_PASSWORD).build();
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable c : new AutoCloseable[] {localhostServer, ipServer, mtlsServer, plainServer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static RedisConfig.Builder config(String host, TlsRedisServer server, SslOptions ssl) {
        return RedisConfig.builder().url("rediss://" + host + ":" + server.port()).ssl(ssl)
                .connectTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(2));
    }

    // ------------------------------------------------------------------------------------------ success

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void trustedCertificateForTheHostNamePasses(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config("localhost", localhostServer, trusted)
                .protocol(protocol).build())) {
            assertThat(redis.set("tls:k", "v-" + protocol)).isTrue();
            assertThat(redis.get("tls:k")).isEqualTo("v-" + protocol);
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @Test
    void ipAddressIsVerifiedAgainstTheIpSubjectAlternativeName() {
        try (RedisConnection c = RedisConnection.open(config("127.0.0.1", ipServer, trusted).build())) {
            assertThat(c.ping()).isTrue();
        }
    }

    @Test
    void verificationIsOnByDefault() {
        assertThat(SslOptions.DEFAULT.verifyHostname()).isTrue();
        assertThat(SslOptions.builder().build().verifyHostname()).isTrue();
        assertThat(SslOptions.of(null).verifyHostname()).isTrue();
        assertThat(RedisConfig.fromUrl("rediss://localhost:6380").ssl().verifyHostname()).isTrue();
        assertThat(trusted.verifyHostname()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ failures

    @Test
    void certificateWithoutTheIpAddressIsRejected() {
        String message = failsWithoutLeaking(config("127.0.0.1", localhostServer, trusted).build());
        assertThat(message).contains("TLS handshake", "127.0.0.1:" + localhostServer.port(),
                "does not match the IP address '127.0.0.1'", "hostname verification");
    }

    @Test
    void certificateWithoutTheHostNameIsRejected() {
        String message = failsWithoutLeaking(config("localhost", ipServer, trusted).build());
        assertThat(message).contains("TLS handshake", "localhost:" + ipServer.port(),
                "certificate does not match the host name 'localhost'");
    }

    @Test
    void certificateFromAnUntrustedCaIsRejected() {
        SslOptions rogue = SslOptions.builder().trustStore(pki.rogueTrustStore(), TestCertificates.STORE_PASSWORD)
                .build();
        String message = failsWithoutLeaking(config("localhost", localhostServer, rogue).build());
        assertThat(message).contains("TLS handshake", "certificate is not trusted");
    }

    @Test
    void jvmDefaultTrustRejectsTheTestCa() {
        String message = failsWithoutLeaking(config("localhost", localhostServer, SslOptions.DEFAULT).build());
        assertThat(message).contains("TLS handshake", "not trusted");
    }

    @Test
    void plainTextToATlsPortFailsSayingSo() {
        RedisConfig plain = RedisConfig.builder().host("127.0.0.1").port(localhostServer.port()).build();
        String message = failsWithoutLeaking(plain);
        assertThat(message).contains("127.0.0.1:" + localhostServer.port(), "handshake", "TLS", "rediss://");
    }

    @Test
    void tlsToAPlainPortFailsSayingSo() {
        // The plain port either waits for a newline the ClientHello lacks (a timeout), or answers it with a
        // plain-text error, or closes; all three must say what is probably wrong.
        RedisConfig tls = RedisConfig.builder().host("127.0.0.1").port(plainServer.port()).ssl(trusted)
                .connectTimeout(Duration.ofMillis(300)).build();
        String message = failsWithoutLeaking(tls);
        assertThat(message).contains("TLS handshake", "plain (non-TLS) port");
    }

    @Test
    void mutualTlsWithAClientCertificatePasses() {
        SslOptions mutual = SslOptions.builder().trustStore(pki.trustStore(), TestCertificates.STORE_PASSWORD)
                .keyStore(pki.keyStore(pki.client("app-client")), TestCertificates.STORE_PASSWORD).build();
        try (RedisClient<String> redis = RedisClient.create(config("localhost", mtlsServer, mutual).build())) {
            assertThat(redis.set("mtls:k", "v")).isTrue();
            assertThat(redis.get("mtls:k")).isEqualTo("v");
        }
        try (RedisConnection c = RedisConnection.open(config("127.0.0.1", mtlsServer, mutual).build())) {
            assertThat(c.ping()).isTrue();
        }
    }

    @Test
    void mutualTlsWithoutAClientCertificateIsRejected() {
        String message = failsWithoutLeaking(config("localhost", mtlsServer, trusted).build());
        assertThat(message).contains("TLS", "localhost:" + mtlsServer.port(), "client certificate");
    }

    // ------------------------------------------------------------------------------------------ opting out

    @Test
    void hostnameVerificationCanOnlyBeTurnedOffExplicitlyAndWarns() {
        RedisConfig unverified = config("127.0.0.1", localhostServer, trusted.withVerifyHostname(false)).build();
        try (LogCapture logs = LogCapture.attach()) {
            try (RedisClient<String> redis = RedisClient.create(unverified)) {
                assertThat(redis.set("noverify:k", "v")).isTrue();
                try (RedisConnection second = RedisConnection.open(unverified)) {
                    assertThat(second.ping()).isTrue();
                }
            }
            List<String> warnings = logs.messages(Level.WARN).stream()
                    .filter(m -> m.contains("hostname verification is DISABLED")).toList();
            // once per address, not once per connection
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("127.0.0.1:" + localhostServer.port(), "man-in-the-middle");
        }
        // The chain is still checked with verification off: an untrusted CA fails all the same.
        SslOptions rogueUnverified = SslOptions.builder().verifyHostname(false)
                .trustStore(pki.rogueTrustStore(), TestCertificates.STORE_PASSWORD).build();
        assertThat(failsWithoutLeaking(config("localhost", localhostServer, rogueUnverified).build()))
                .contains("not trusted");
    }

    // ------------------------------------------------------------------------------------------ SNI

    @Test
    void serverNameIsSentForHostNamesButNotForIpAddresses() throws Exception {
        Path proxyKeys = pki.keyStore(pki.server("proxy", "DNS:localhost", "IP:127.0.0.1"));
        try (SniRecordingProxy proxy = new SniRecordingProxy(proxyKeys, TestCertificates.STORE_PASSWORD,
                plainServer.host(), plainServer.port())) {
            RedisConfig byName = RedisConfig.builder().host("localhost").port(proxy.port()).ssl(trusted).build();
            try (RedisConnection c = RedisConnection.open(byName)) {
                assertThat(c.ping()).isTrue();
            }
            RedisConfig byIp = RedisConfig.builder().host("127.0.0.1").port(proxy.port()).ssl(trusted).build();
            try (RedisConnection c = RedisConnection.open(byIp)) {
                assertThat(c.ping()).isTrue();
            }
            assertThat(proxy.serverNames()).containsExactly(List.of("localhost"), List.of());
        }
    }

    // ------------------------------------------------------------------------------------------ stores

    @Test
    void unreadableStoresFailClearlyWithoutShowingThePassword() {
        char[] wrong = "not-the-Store-pw-991".toCharArray();
        assertThatThrownBy(() -> SslOptions.builder().trustStore(pki.trustStore(), wrong).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trust store").hasMessageContaining("trust.p12")
                .hasMessageNotContaining("not-the-Store-pw-991");
        assertThatThrownBy(() -> SslOptions.builder().keyStore(certs.resolve("missing.p12"), wrong).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key store").hasMessageContaining("no such file");
    }

    @Test
    void poolOverTlsReturnsEveryConnection() {
        RedisConfig pooled = config("localhost", localhostServer, trusted)
                .pool(PoolConfig.builder().maxTotal(4).build()).build();
        try (RedisClient<String> redis = RedisClient.create(pooled)) {
            List<Thread> threads = java.util.stream.IntStream.range(0, 4).mapToObj(i -> new Thread(() -> {
                for (int n = 0; n < 20; n++) {
                    redis.incr("tls:counter");
                }
            })).toList();
            threads.forEach(Thread::start);
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream().noneMatch(Thread::isAlive));
            assertThat(redis.get("tls:counter")).isEqualTo("80");
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    /**
     * Opens {@code config} several times, expecting a {@link RedisConnectionException} with a real message (not just
     * a cause's stack trace) each time, and checks that the JVM holds no more sockets afterwards than before.
     */
    static String failsWithoutLeaking(RedisConfig config) {
        long before = OpenSockets.count();
        String message = null;
        for (int i = 0; i < 3; i++) {
            RedisConnectionException e = catchThrowableOfType(() -> RedisConnection.open(config).close(),
                    RedisConnectionException.class);
            assertThat(e).as("opening %s must fail", config).isNotNull();
            assertThat(e.getMessage()).isNotBlank().contains(config.address());
            message = e.getMessage();
        }
        await("sockets closed").atMost(Duration.ofSeconds(5)).until(() -> OpenSockets.count() <= before);
        return message;
    }
}
