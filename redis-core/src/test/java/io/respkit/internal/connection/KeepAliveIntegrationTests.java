package io.respkit.internal.connection;

import io.respkit.connection.RedisConfig;
import io.respkit.connection.SslOptions;

import io.respkit.security.TestCertificates;
import io.respkit.security.TlsRedisServer;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every socket, plain or TLS, has TCP keepalive on with short probe timings where the JDK can set them (Linux,
 * macOS): a connection idle across a silent outage is reaped by the kernel in about a minute, not after the
 * two-hour kernel default. Complements the health check, which covers subscribers and the multiplexed connection.
 */
@ExtendWith(RedisServerExtension.class)
class KeepAliveIntegrationTests {

    private static boolean supported(Socket socket, SocketOption<?> option) {
        return socket.supportedOptions().contains(option);
    }

    private static void assertKeepAlive(Socket socket) throws IOException {
        assertThat(socket.getKeepAlive()).isTrue();
        assumeTrue(supported(socket, ExtendedSocketOptions.TCP_KEEPIDLE),
                "this platform's JDK cannot set TCP_KEEPIDLE");
        assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(Sockets.KEEPALIVE_IDLE_SECONDS);
        assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL))
                .isEqualTo(Sockets.KEEPALIVE_INTERVAL_SECONDS);
        assertThat(socket.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(Sockets.KEEPALIVE_COUNT);
    }

    @Test
    void plainSocketsHaveShortKeepaliveTimings(RedisServer server) throws IOException {
        // Within about a minute, far below the kernel's two hours, and still rare enough to cost nothing.
        assertThat(Sockets.KEEPALIVE_IDLE_SECONDS + Sockets.KEEPALIVE_INTERVAL_SECONDS * Sockets.KEEPALIVE_COUNT)
                .isLessThanOrEqualTo(90);
        try (Socket socket = Sockets.connect(server.config()).socket()) {
            assertKeepAlive(socket);
        }
    }

    @Test
    void tlsSocketsHaveShortKeepaliveTimings(@TempDir Path certs) throws IOException {
        TestCertificates pki = TestCertificates.create(certs);
        try (TlsRedisServer server = TlsRedisServer.start(pki.server("ka", "DNS:localhost", "IP:127.0.0.1"),
                pki.ca().cert(), "no")) {
            RedisConfig config = RedisConfig.builder().url("rediss://127.0.0.1:" + server.port())
                    .ssl(SslOptions.builder().trustStore(pki.trustStore(), TestCertificates.STORE_PASSWORD).build())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            try (Socket socket = Sockets.connect(config).socket()) {
                assertKeepAlive(socket);
            }
        }
    }
}
