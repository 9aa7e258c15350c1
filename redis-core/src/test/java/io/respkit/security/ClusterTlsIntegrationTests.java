package io.respkit.security;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.SslOptions;
import io.respkit.test.ClusterTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster node serving both plain and TLS clients: a TLS cluster client must learn and use the node's
 * {@code tls-port} from {@code CLUSTER SHARDS} (reported with {@code tls-cluster yes}), not its plain port.
 */
@ClusterTest
class ClusterTlsIntegrationTests {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Test
    void aTlsClusterClientRoutesToTheTlsPorts(@TempDir Path certs) throws IOException {
        TestCertificates pki = TestCertificates.create(certs);
        int plainPort = freePort();
        try (TlsRedisServer node = TlsRedisServer.start(pki.server("node", "DNS:localhost", "IP:127.0.0.1"),
                pki.ca().cert(), "no", "--port", Integer.toString(plainPort), "--cluster-enabled", "yes",
                "--cluster-port", Integer.toString(freePort()), "--tls-cluster", "yes");
                RedisClient<String> plain = RedisClient.create(RedisConfig.builder().host("127.0.0.1")
                        .port(plainPort).build())) {
            plain.execute("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    String.valueOf(plain.execute("CLUSTER", "INFO")).contains("cluster_state:ok"));

            SslOptions trusted = SslOptions.builder().trustStore(pki.trustStore(), TestCertificates.STORE_PASSWORD)
                    .build();
            ClusterConfig config = ClusterConfig.builder().seed(new HostAndPort("127.0.0.1", node.port()))
                    .nodeConfig(RedisConfig.builder().ssl(trusted).build()).build();
            try (RedisClusterClient<String> redis = RedisClusterClient.create(config)) {
                assertThat(redis.topology().nodes()).singleElement()
                        .satisfies(n -> assertThat(n.address().port()).isEqualTo(node.port()));
                for (int i = 0; i < 50; i++) {
                    redis.set("tls:" + i, "v" + i);
                }
                assertThat(redis.get("tls:7")).isEqualTo("v7");
                assertThat(redis.dbsize()).isEqualTo(50);
            }
        }
    }
}
