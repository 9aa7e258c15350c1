package io.respkit.cluster;

import io.respkit.RedisClusterClient;
import io.respkit.connection.RedisConfig;
import io.respkit.internal.cluster.SlotHash;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A failover under multiplexed-mode synchronous traffic and the asynchronous API, on a private 3 + 1 cluster. */
@ClusterTest
class ClusterMultiplexedFailoverIntegrationTests {

    @Test
    void writesToAKilledPrimaryWaitForItsReplicaInMultiplexedModeAndAsync() {
        try (RedisCluster cluster = RedisCluster.start(3, 1);
             RedisClusterClient<String> redis = RedisClusterClient.create(ClusterConfig.builder()
                     .seeds(cluster.seeds())
                     .nodeConfig(RedisConfig.builder().multiplexed(true).timeout(Duration.ofSeconds(15)).build())
                     .build())) {
            String key = "{failover}:k";
            int slot = SlotHash.slot(key, StandardCharsets.UTF_8);
            redis.set(key, "before"); // opens the node's multiplexed connection
            assertThat(redis.async().get(key).get()).isEqualTo("before");
            ClusterNode killed = cluster.killPrimary(cluster.primaryOf(slot));
            // the shared connection has seen the close long before the node stops accepting connections
            await().atMost(Duration.ofSeconds(10)).until(() -> !killed.isReachable());
            // nothing can be sent to the dead node: the write waits for the replica's promotion, then runs there
            redis.set(key, "after");
            assertThat(redis.get(key)).isEqualTo("after");
            assertThat(redis.async().set(key, "async").get()).isTrue();
            assertThat(redis.async().get(key).get()).isEqualTo("async");
            assertThat(redis.topology().primary(slot).address()).isNotEqualTo(killed.hostAndPort());
        }
    }
}
