package io.respkit.security;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.SslOptions;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pool's check of idle connections works under TLS too: it reads the plain socket the TLS socket is layered on,
 * so a TLS connection the server closed while it sat idle (its close_notify alert, its FIN) is found and replaced
 * before a command is written to it. Against a real TLS-only redis-server; each test owns its clients.
 */
class TlsIdleProbeIntegrationTests {

    @TempDir
    static Path certs;

    private static TlsRedisServer server;
    private static SslOptions trusted;

    @BeforeAll
    static void start() {
        TestCertificates pki = TestCertificates.create(certs);
        server = TlsRedisServer.start(pki.server("localhost", "DNS:localhost", "IP:127.0.0.1"), pki.ca().cert(),
                "no");
        trusted = SslOptions.builder().trustStore(pki.trustStore(), TestCertificates.STORE_PASSWORD).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RedisConfig.Builder config(RespVersion protocol) {
        return RedisConfig.builder().url("rediss://localhost:" + server.port()).ssl(trusted).protocol(protocol)
                .timeout(Duration.ofSeconds(2)).pool(PoolConfig.builder().maxTotal(1).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aTlsConnectionTheServerClosedWhileIdleIsReplacedWithoutAnError(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config(protocol).build());
             RedisClient<String> admin = RedisClient.create(config(protocol).build())) {
            redis.del("tls:idle:" + protocol);
            long id = redis.clientId();
            long idleSince = System.nanoTime();
            assertThat(admin.execute("CLIENT", "KILL", "ID", id)).isEqualTo(1L);
            Duration left = PoolConfig.DEFAULT_PROBE_AFTER_IDLE.minusNanos(System.nanoTime() - idleSince);
            if (!left.isNegative()) {
                await().pollDelay(left).atMost(left.plusSeconds(10)).until(() -> true);
            }
            long destroyed = redis.pool().stats().destroyed();
            assertThat(redis.incr("tls:idle:" + protocol)).isEqualTo(1L); // no error, and it ran once
            assertThat(redis.clientId()).isNotEqualTo(id);
            assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyed + 1);
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aHealthyIdleTlsConnectionSurvivesTheCheck(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(config(protocol).build())) {
            long id = redis.clientId();
            for (int i = 0; i < 3; i++) {
                long idleSince = System.nanoTime();
                Duration wait = PoolConfig.DEFAULT_PROBE_AFTER_IDLE.multipliedBy(2)
                        .minusNanos(System.nanoTime() - idleSince);
                await().pollDelay(wait).atMost(wait.plusSeconds(10)).until(() -> true);
                assertThat(redis.clientId()).as("the same connection, checked and kept").isEqualTo(id);
            }
            assertThat(redis.pool().stats().created()).isEqualTo(1);
            assertThat(redis.pool().stats().destroyed()).isZero();
        }
    }
}
