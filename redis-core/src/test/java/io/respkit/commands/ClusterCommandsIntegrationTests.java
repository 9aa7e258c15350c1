package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The CLUSTER introspection commands on a single node started with {@code cluster-enabled yes} that owns every slot,
 * under RESP2 and RESP3, and {@code ROLE} on a replica.
 */
class ClusterCommandsIntegrationTests {

    private static RedisProcess node;

    @BeforeAll
    static void start() {
        node = RedisProcess.start("--cluster-enabled", "yes");
        try (RedisClient<String> redis = RedisClient.create(node.config())) {
            redis.clusterAddSlotsRange(0, 16383);
            await().atMost(Duration.ofSeconds(10)).until(() -> "ok".equals(redis.clusterInfo().get("cluster_state")));
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static RedisClient<String> client(RespVersion protocol) {
        return RedisClient.create(node.configBuilder().protocol(protocol).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aNodeDescribesItsClusterSlotsAndKeys(RespVersion protocol) {
        try (RedisClient<String> redis = client(protocol)) {
            String id = redis.clusterMyId();
            assertThat(id).hasSize(40);
            Map<String, String> info = redis.clusterInfo();
            assertThat(info).containsEntry("cluster_slots_assigned", "16384").containsEntry("cluster_known_nodes", "1")
                    .containsKey("cluster_state");
            assertThat(redis.clusterNodes()).startsWith(id).contains("myself,master").contains("0-16383");

            List<ClusterSlotRange> slots = redis.clusterSlots();
            assertThat(slots).singleElement().satisfies(range -> {
                assertThat(range.start()).isZero();
                assertThat(range.end()).isEqualTo(16383);
                assertThat(range.nodes()).singleElement().satisfies(n -> {
                    assertThat(n.port()).isEqualTo(node.port());
                    assertThat(n.id()).isEqualTo(id);
                });
            });
            List<Map<String, Object>> shards = redis.clusterShards();
            assertThat(shards).singleElement().satisfies(shard -> assertThat(shard).containsKeys("slots", "nodes"));
            assertThat(redis.clusterLinks()).isEmpty();
            assertThat(redis.clusterReplicas(id)).isEmpty();

            assertThat(redis.clusterKeySlot("user:{42}:name")).isEqualTo(redis.clusterKeySlot("42"));
            long slot = redis.clusterKeySlot("somekey");
            redis.set("somekey", "v");
            assertThat(redis.clusterCountKeysInSlot((int) slot)).isEqualTo(1);
            assertThat(redis.clusterGetKeysInSlot((int) slot, 10)).containsExactly("somekey");
            redis.del("somekey");
            assertThat(redis.pipelined(p -> p.clusterKeySlot("42"))).containsExactly(redis.clusterKeySlot("42"));
            assertThat(redis.async().clusterMyId().join()).isEqualTo(id);
        }
    }

    @Test
    void aNodeWithoutClusterSupportSaysSo() {
        try (RedisProcess plain = RedisProcess.start(); RedisClient<String> redis = RedisClient.create(plain.config())) {
            assertThatThrownBy(redis::clusterInfo).isInstanceOf(RedisServerException.class)
                    .hasMessageContaining("cluster support disabled");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aReplicaReportsItsPrimary(RespVersion protocol) {
        try (RedisProcess replica = RedisProcess.start("--replicaof", "127.0.0.1", "1");
             RedisClient<String> redis = RedisClient.create(replica.configBuilder().protocol(protocol).build())) {
            assertThat(redis.role()).isInstanceOfSatisfying(Role.Replica.class, role -> {
                assertThat(role.primaryHost()).isEqualTo("127.0.0.1");
                assertThat(role.primaryPort()).isEqualTo(1);
                assertThat(role.state()).isIn("connect", "connecting");
            });
        }
    }
}
