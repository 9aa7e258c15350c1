package io.respkit.cluster;

import io.respkit.RedisClusterClient;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeds that cannot give a topology: a server without cluster support, and nothing listening. */
@ExtendWith(RedisServerExtension.class)
class ClusterSeedsIntegrationTests {

    @Test
    void aServerWithoutClusterSupportIsNamedAsSuch(RedisServer server) {
        RedisConfig plain = server.configBuilder().build();
        ClusterConfig config = ClusterConfig.builder().seed(plain.host(), plain.port()).build();
        assertThatThrownBy(() -> RedisClusterClient.create(config))
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"))
                .hasMessageContaining("cluster support disabled");
    }

    @Test
    void seedsWhereNothingListensFailWithTheConnectionErrorAsCause() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        ClusterConfig config = ClusterConfig.builder().seed(new HostAndPort("127.0.0.1", port))
                .nodeConfig(RedisConfig.builder().connectTimeout(Duration.ofMillis(300)).build()).build();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        assertThatThrownBy(() -> RedisClusterClient.create(config))
                .isInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasCauseInstanceOf(RedisConnectionException.class);
        // nothing left running by the failed start
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                        .map(Thread::getName).filter(n -> n.startsWith("respkit"))).isEmpty());
    }
}
