package io.respkit.stream;

import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.commands.StreamEntryId;
import io.respkit.connection.Backoff;
import io.respkit.connection.RedisConfig;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The stream consumer on a Redis Cluster: the stream slot's primary, dead letters in that slot, following a move. */
@ClusterTest
class StreamConsumerClusterIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RedisClusterClient<String> client(RedisCluster cluster) {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds())
                .nodeConfig(RedisConfig.builder().timeout(Duration.ofSeconds(1)).build()).build());
    }

    private static StreamConsumerBuilder<String> consumer(RedisClusterClient<String> redis, String stream) {
        return StreamConsumer.builder(redis).stream(stream).group("g").startId(StreamEntryId.MIN)
                .block(Duration.ofMillis(200)).retryBackoff(Backoff.fixed(Duration.ofMillis(50)))
                .reconnectBackoff(Backoff.fixed(Duration.ofMillis(100))).closeGrace(Duration.ofSeconds(5));
    }

    @Test
    void consumesOnTheSlotsPrimaryAndDeadLettersInTheStreamsSlot(RedisCluster cluster) {
        try (RedisClusterClient<String> redis = client(cluster)) {
            String stream = "cl:orders";
            Queue<String> seen = new ConcurrentLinkedQueue<>();
            try (StreamConsumer<String> consumer = consumer(redis, stream).maxAttempts(2).handler(m -> {
                if (m.field("n").equals("poison")) {
                    throw new IllegalStateException("bad entry");
                }
                seen.add(m.field("n"));
            }).build()) {
                consumer.start();
                for (String n : List.of("1", "2", "poison", "3")) {
                    redis.xadd(stream, Map.of("n", n));
                }
                await().atMost(WAIT).until(() -> seen.size() == 3 && redis.exists("{cl:orders}:dead") == 1
                        && redis.xpending(stream, "g").count() == 0);
            }
            assertThat(seen).containsExactly("1", "2", "3");
            assertThat(cluster.slotOf("{cl:orders}:dead")).isEqualTo(cluster.slotOf(stream));
            assertThat(redis.xrange("{cl:orders}:dead").get(0).fields()).containsEntry("n", "poison");
            redis.del(stream, "{cl:orders}:dead");

            // a dead-letter stream in another slot could not be written on the stream's node
            assertThatThrownBy(() -> consumer(redis, stream).deadLetterStream("elsewhere:dead").handler(m -> { })
                    .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("hash slot");
        }
    }

    @Test
    void followsTheStreamsSlotToItsNewPrimaryAfterAFailover() {
        try (RedisCluster cluster = RedisCluster.start(3, 1); RedisClusterClient<String> redis = client(cluster)) {
            String stream = "cl:events";
            Queue<String> seen = new ConcurrentLinkedQueue<>();
            try (StreamConsumer<String> consumer = consumer(redis, stream).handler(m -> seen.add(m.field("n")))
                    .build()) {
                consumer.start();
                redis.xadd(stream, Map.of("n", "before"));
                await().atMost(WAIT).until(() -> seen.contains("before"));

                ClusterNode old = cluster.primaryOf(cluster.slotOf(stream));
                ClusterNode promoted = cluster.failover(cluster.replicasOf(old).get(0));
                redis.refreshTopology();
                await().atMost(WAIT).untilAsserted(() -> {
                    redis.xadd(stream, Map.of("n", "after"));
                    assertThat(seen).contains("after");
                });
                // the worker reads from the new primary: its XREADGROUP connection left the old one
                await().atMost(WAIT).until(() -> !((String) old.call("CLIENT", "LIST")).contains("cmd=xreadgroup"));
                assertThat((String) promoted.call("CLIENT", "LIST")).contains("cmd=xreadgroup");
            }
        }
    }
}
