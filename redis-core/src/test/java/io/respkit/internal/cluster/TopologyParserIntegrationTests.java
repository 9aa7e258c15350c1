package io.respkit.internal.cluster;

import io.respkit.RedisClient;
import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterNode.Health;
import io.respkit.cluster.ClusterTopology;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.commands.SlotRange;
import io.respkit.connection.HostAndPort;
import io.respkit.protocol.RespMap;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TopologyParser} on the raw replies of a single node started with {@code cluster-enabled yes} that owns every
 * slot, under RESP2 and RESP3: {@code CLUSTER SHARDS}, {@code CLUSTER SLOTS} and {@code CLUSTER NODES} all give one
 * online primary, with the node's id and address, covering every slot.
 */
class TopologyParserIntegrationTests {

    private static RedisProcess node;
    private static HostAndPort address;

    @BeforeAll
    static void start() {
        node = RedisProcess.start("--cluster-enabled", "yes");
        address = new HostAndPort(node.host(), node.port());
        try (RedisClient<String> redis = RedisClient.create(node.config())) {
            redis.clusterAddSlotsRange(0, 16383);
            await().atMost(Duration.ofSeconds(10)).until(() -> "ok".equals(redis.clusterInfo().get("cluster_state")));
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Object raw(RedisClient<String> redis, String command) {
        return redis.execute(Command.create(redis.codec(), command, ReplyDecoders.raw()));
    }

    private static void assertTheLoneNode(ClusterTopology topology, String id) {
        assertThat(topology.coversAllSlots()).isTrue();
        assertThat(topology.replicas()).isEmpty();
        assertThat(topology.primaries()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(id);
            assertThat(p.address()).isEqualTo(address);
            assertThat(p.health()).isEqualTo(Health.ONLINE);
            assertThat(p.slots()).containsExactly(new SlotRange(0, 16383));
        });
        assertThat(topology.primary(0)).isSameAs(topology.primary(16383)).isSameAs(topology.node(address));
        assertThat(topology.replicas(42)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void clusterShardsOfALoneNode(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(node.configBuilder().protocol(protocol).build())) {
            Object reply = raw(redis, "CLUSTER SHARDS");
            Object shard = ((List<?>) reply).get(0);
            assertThat(shard).as("the reply shape under %s", protocol)
                    .isInstanceOf(protocol == RespVersion.RESP3 ? RespMap.class : List.class);
            assertTheLoneNode(TopologyParser.fromShards(reply, address), redis.clusterMyId());
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void clusterSlotsOfALoneNode(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(node.configBuilder().protocol(protocol).build())) {
            ClusterTopology slots = TopologyParser.fromSlots(raw(redis, "CLUSTER SLOTS"), address);
            assertTheLoneNode(slots, redis.clusterMyId());
            ClusterTopology shards = TopologyParser.fromShards(raw(redis, "CLUSTER SHARDS"), address);
            assertThat(slots.sameSlotOwners(shards)).isTrue();
            assertThat(TopologyChoice.choose(List.of(slots, shards))).isSameAs(slots);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void clusterNodesOfALoneNode(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(node.configBuilder().protocol(protocol).build())) {
            ClusterTopology nodes = TopologyParser.fromNodes(redis.clusterNodes(), address);
            assertTheLoneNode(nodes, redis.clusterMyId());
            ClusterNode self = nodes.primaries().get(0);
            assertThat(TopologyParser.fromShards(raw(redis, "CLUSTER SHARDS"), address).primaries())
                    .containsExactly(self);
        }
    }
}
