package io.respkit.spring.security;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.security.TestCertificates;
import io.respkit.security.TlsRedisServer;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The starter against a real TLS-only redis-server requiring client certificates and a password: trust and key
 * material from a Spring Boot SSL bundle ({@code redis.ssl.bundle}), hostname verification on.
 */
class TlsStarterIntegrationTests {

    private static final String PASSWORD = "starter-Tls-Pw-6610";

    @TempDir
    static Path certs;

    private static TestCertificates pki;
    private static TlsRedisServer server;
    private static Path trustStore;
    private static Path keyStore;

    @BeforeAll
    static void start() {
        pki = TestCertificates.create(certs);
        server = TlsRedisServer.start(pki.server("starter", "DNS:localhost"), pki.ca().cert(), "yes",
                "--requirepass", PASSWORD);
        trustStore = pki.trustStore();
        keyStore = pki.keyStore(pki.client("starter-client"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ApplicationContextRunner runner(String host) {
        String storePassword = new String(TestCertificates.STORE_PASSWORD);
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, RedisAutoConfiguration.class))
                .withPropertyValues("redis.host=" + host, "redis.port=" + server.port(), "redis.password=" + PASSWORD,
                        "redis.ssl.bundle=redis",
                        "spring.ssl.bundle.jks.redis.truststore.location=file:" + trustStore,
                        "spring.ssl.bundle.jks.redis.truststore.password=" + storePassword,
                        "spring.ssl.bundle.jks.redis.truststore.type=PKCS12",
                        "spring.ssl.bundle.jks.redis.keystore.location=file:" + keyStore,
                        "spring.ssl.bundle.jks.redis.keystore.password=" + storePassword,
                        "spring.ssl.bundle.jks.redis.keystore.type=PKCS12");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sslBundleConnectsWithMutualTlsAndVerifiesTheHostName() {
        runner("localhost").run(context -> {
            assertThat(context).hasNotFailed();
            RedisClient<String> redis = context.getBean(RedisClient.class);
            assertThat(redis.set("starter:tls", "v")).isTrue();
            assertThat(redis.get("starter:tls")).isEqualTo("v");
            assertThat(redis.pool().stats().active()).isZero();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void hostNameNotInTheCertificateIsRejected() {
        runner("127.0.0.1").run(context -> {
            RedisClient<String> redis = context.getBean(RedisClient.class);
            assertThatThrownBy(() -> redis.get("k")).isInstanceOf(RedisConnectionException.class)
                    .hasMessageContaining("TLS handshake").hasMessageContaining("does not match the IP address")
                    .hasMessageNotContaining(PASSWORD);
        });
    }
}
