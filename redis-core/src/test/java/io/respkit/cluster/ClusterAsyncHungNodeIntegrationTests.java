package io.respkit.cluster;

import io.respkit.RedisClusterClient;
import io.respkit.Response;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The async API's promise to return at once holds when a node hangs (frozen: no FIN, no RST). */
@ClusterTest
class ClusterAsyncHungNodeIntegrationTests {

    @Test
    void afterOneTimeoutCallersForAHungNodeAreNotHeldByIt() {
        try (RedisCluster cluster = RedisCluster.start(3, 0);
                RedisClusterClient<String> redis = RedisClusterClient.create(ClusterConfig.builder()
                        .seeds(cluster.seeds()).refreshPeriod(Duration.ZERO)
                        .nodeConfig(RedisConfig.builder().timeout(Duration.ofSeconds(1))
                                .connectTimeout(Duration.ofSeconds(1)).build()).build())) {
            String key = "{hung}:k";
            redis.async().set(key, "v").join(); // the node's shared connection is open
            ClusterNode node = cluster.primaryOf(cluster.slotOf(key));
            node.freeze();
            try {
                assertThatThrownBy(() -> redis.async().get(key).join())
                        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(RedisTimeoutException.class);
                // the shared connection was replaced; opening another to the hung node would hold each caller for
                // the handshake timeout: the suspected node's commands go to the router's worker threads instead
                long start = System.nanoTime();
                List<Response<String>> pending = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    pending.add(redis.async().get(key));
                }
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(tookMs).as("20 enqueues").isLessThan(500);
                for (Response<String> r : pending) {
                    assertThatThrownBy(r::join).isInstanceOf(CompletionException.class);
                }
            } finally {
                node.thaw();
            }
        }
    }
}
