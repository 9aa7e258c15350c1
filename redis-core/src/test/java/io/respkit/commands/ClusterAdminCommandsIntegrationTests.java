package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The CLUSTER management commands on fresh {@code cluster-enabled yes} nodes (each its own process, directory and
 * {@code nodes.conf}), under RESP2 and RESP3: slot assignment on one node; MEET, SETSLOT, REPLICATE, FAILOVER and
 * FORGET between two.
 */
class ClusterAdminCommandsIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static RedisProcess clusterNode() {
        return RedisProcess.start("--cluster-enabled", "yes", "--cluster-node-timeout", "5000");
    }

    private static RedisClient<String> client(RedisProcess node, RespVersion protocol) {
        return RedisClient.create(node.configBuilder().protocol(protocol).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aFreshNodeTakesAndGivesUpSlots(RespVersion protocol) {
        try (RedisProcess node = clusterNode(); RedisClient<String> redis = client(node, protocol)) {
            assertThat(redis.clusterInfo()).containsEntry("cluster_slots_assigned", "0");
            assertThat(redis.clusterSetConfigEpoch(5)).isTrue();
            assertThat(redis.clusterInfo()).containsEntry("cluster_my_epoch", "5");
            assertThat(redis.clusterBumpEpoch()).matches("(BUMPED|STILL) \\d+");

            assertThat(redis.clusterAddSlots(0, 1, 2)).isTrue();
            assertThat(redis.clusterAddSlotsRange(100, 199)).isTrue();
            assertThat(redis.clusterInfo()).containsEntry("cluster_slots_assigned", "103");
            assertThat(redis.clusterSlots()).extracting(r -> r.start() + "-" + r.end())
                    .containsExactlyInAnyOrder("0-2", "100-199");
            assertThatThrownBy(() -> redis.clusterAddSlots(1)).isInstanceOf(RedisServerException.class);

            assertThat(redis.clusterDelSlots(1)).isTrue();
            assertThat(redis.clusterDelSlotsRange(150, 199)).isTrue();
            assertThat(redis.clusterSlots()).extracting(r -> r.start() + "-" + r.end())
                    .containsExactlyInAnyOrder("0-0", "2-2", "100-149");

            assertThat(redis.clusterAddSlotsRanges(List.of(new SlotRange(300, 301), SlotRange.of(400)))).isTrue();
            assertThat(redis.clusterInfo()).containsEntry("cluster_slots_assigned", "55");
            assertThat(redis.clusterDelSlotsRanges(List.of(new SlotRange(300, 301), SlotRange.of(400)))).isTrue();
            assertThat(redis.clusterInfo()).containsEntry("cluster_slots_assigned", "52");

            String id = redis.clusterMyId();
            assertThat(redis.clusterSetSlot(100, ClusterSetSlot.node(id))).isTrue();
            assertThat(redis.clusterSetSlot(100, ClusterSetSlot.stable())).isTrue();
            assertThat(redis.clusterSaveConfig()).isTrue();

            assertThat(redis.pipelined(p -> {
                p.clusterFlushSlots();
                p.clusterAddSlotsRange(0, 16383);
            })).containsExactly(true, true);
            assertThat(redis.clusterInfo()).containsEntry("cluster_slots_assigned", "16384");
            assertThat(redis.transaction(List.of(), (watched, tx) -> {
                tx.clusterDelSlots(5000);
                tx.clusterAddSlots(5000);
            }).results()).containsExactly(true, true);
            assertThat(redis.async().clusterFlushSlots().join()).isTrue();
            assertThat(redis.clusterInfo()).containsEntry("cluster_slots_assigned", "0");

            assertThat(redis.clusterReset(ClusterResetMode.SOFT)).isTrue();
            assertThat(redis.clusterMyId()).isEqualTo(id);
            assertThat(redis.clusterReset(ClusterResetMode.HARD)).isTrue();
            assertThat(redis.clusterMyId()).isNotEqualTo(id);
            assertThat(redis.clusterInfo()).containsEntry("cluster_my_epoch", "0");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void twoNodesMeetReplicateFailOverAndForget(RespVersion protocol) {
        try (RedisProcess nodeA = clusterNode(); RedisProcess nodeB = clusterNode();
             RedisClient<String> a = client(nodeA, protocol); RedisClient<String> b = client(nodeB, protocol)) {
            String aId = a.clusterMyId();
            String bId = b.clusterMyId();
            a.clusterAddSlotsRange(0, 16383);

            assertThat(a.clusterMeet("127.0.0.1", nodeB.port())).isTrue();
            await().atMost(PATIENCE).until(() -> knows(a, bId) && knows(b, aId));
            assertThat(a.clusterInfo()).containsEntry("cluster_known_nodes", "2");

            assertThat(a.clusterSetSlot(7, ClusterSetSlot.migrating(bId))).isTrue();
            assertThat(b.clusterSetSlot(7, ClusterSetSlot.importing(aId))).isTrue();
            assertThat(a.clusterNodes()).contains("[7->-" + bId + "]");
            assertThat(b.clusterNodes()).contains("[7-<-" + aId + "]");
            assertThat(a.clusterSetSlot(7, ClusterSetSlot.stable())).isTrue();
            assertThat(b.clusterSetSlot(7, ClusterSetSlot.stable())).isTrue();
            assertThat(a.clusterNodes()).doesNotContain("[7->-");
            assertThat(a.clusterSetSlot(7, ClusterSetSlot.node(aId))).isTrue();

            assertThat(a.clusterCountFailureReports(bId)).isZero();
            assertThat(a.pipelined(p -> p.clusterCountFailureReports(bId))).containsExactly(0L);
            assertThat(a.async().clusterCountFailureReports(bId).join()).isZero();
            assertThatThrownBy(() -> a.clusterCountFailureReports("0".repeat(40)))
                    .isInstanceOf(RedisServerException.class);

            // B must see A as a primary owning slots before it can replicate it
            await().atMost(PATIENCE).until(() -> b.clusterNodes().lines()
                    .anyMatch(l -> l.startsWith(aId) && l.contains("master") && l.contains("0-16383")));
            assertThat(b.clusterReplicate(aId)).isTrue();
            await().atMost(PATIENCE).until(() -> b.role() instanceof Role.Replica r && "connected".equals(r.state()));
            await().atMost(PATIENCE).until(() -> a.clusterReplicas(aId).size() == 1);

            assertThatThrownBy(a::clusterFailover).isInstanceOf(RedisServerException.class)
                    .hasMessageContaining("replica");
            assertThatThrownBy(() -> a.clusterFailover(ClusterFailoverMode.FORCE))
                    .isInstanceOf(RedisServerException.class);
            // TAKEOVER, as a coordinated or FORCE failover needs the votes of a majority of the other primaries, and
            // this cluster has no other primary: it would never complete
            assertThat(b.clusterFailover(ClusterFailoverMode.TAKEOVER)).isTrue();
            await().atMost(PATIENCE).until(() -> b.role() instanceof Role.Primary && a.role() instanceof Role.Replica);

            // A now replicates B; B may forget A (a replica may not forget its own primary)
            assertThat(b.clusterForget(aId)).isTrue();
            assertThat(b.clusterInfo()).containsEntry("cluster_known_nodes", "1");
            assertThatThrownBy(() -> a.clusterForget(aId)).isInstanceOf(RedisServerException.class);
        }
    }

    private static boolean knows(RedisClient<String> redis, String otherId) {
        List<String> lines = redis.clusterNodes().lines().toList();
        return lines.stream().anyMatch(l -> l.startsWith(otherId) && !l.contains("handshake") && !l.contains("noaddr"));
    }
}
