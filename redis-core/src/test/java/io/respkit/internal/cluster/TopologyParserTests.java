package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterNode.Health;
import io.respkit.cluster.ClusterNode.Role;
import io.respkit.cluster.ClusterTopology;
import io.respkit.commands.SlotRange;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.protocol.RespMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link TopologyParser} on golden reply trees as the RESP reader produces them (bulk
 * strings as {@code byte[]}, integers as {@code Long}, arrays as lists, RESP3 maps as {@link RespMap}), in the RESP2
 * and the RESP3 shape, and on malformed replies.
 */
class TopologyParserTests {

    private static final HostAndPort ANSWERED_BY = new HostAndPort("10.0.0.7", 7000);
    private static final String ID_A = "e10b7051d6bf2d5febd39a2be297bbaea6084111";
    private static final String ID_A1 = "1eec932e93e3e8a4ae01c2c8f9b6b48a7a0e8d15";
    private static final String ID_B = "d2ac2e8bd1c2bd7b9ad0b2dbd4c1e2b0ad54a1aa";
    private static final String ID_B1 = "0c5b9e0b07b3cb0f0a9d6d71b8a9bd7b4d2ad3e1";
    private static final String ID_C = "a3e3d7a45f2b9c5ff3ecb1f6ba2e3e7b1e0e7c6f";
    private static final String ID_C1 = "fd0e39bf0f4aac0b1d4e29c0e5ce1dbfb1e28b5f";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A field/value aggregate: a flat array in RESP2, a map in RESP3; names and text values as bulk strings. */
    private static Object map(boolean resp3, Object... kv) {
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < kv.length; i++) {
            entries.add(kv[i] instanceof String s ? b(s) : kv[i]);
        }
        return resp3 ? new RespMap(entries) : entries;
    }

    private static Object node(boolean resp3, String id, long port, String ip, String endpoint, String role,
                               String health) {
        return map(resp3, "id", id, "port", port, "ip", ip, "endpoint", endpoint, "role", role,
                "replication-offset", 72156L, "health", health);
    }

    private static Object shard(boolean resp3, List<Long> slots, Object... nodes) {
        return map(resp3, "slots", slots, "nodes", List.of(nodes));
    }

    /** Three shards as the CLUSTER SHARDS documentation shows them, one replica each, the third primary failed. */
    private static Object threeShards(boolean resp3) {
        return List.of(
                shard(resp3, List.of(0L, 5460L),
                        node(resp3, ID_A, 30001, "127.0.0.1", "127.0.0.1", "master", "online"),
                        node(resp3, ID_A1, 30004, "127.0.0.1", "127.0.0.1", "replica", "online")),
                shard(resp3, List.of(5461L, 10922L),
                        node(resp3, ID_B1, 30005, "127.0.0.1", "127.0.0.1", "replica", "loading"),
                        node(resp3, ID_B, 30002, "127.0.0.1", "127.0.0.1", "master", "online")),
                shard(resp3, List.of(10923L, 11000L, 11001L, 16383L),
                        node(resp3, ID_C, 30003, "127.0.0.1", "127.0.0.1", "master", "failed"),
                        node(resp3, ID_C1, 30006, "127.0.0.1", "127.0.0.1", "replica", "online")));
    }

    private static HostAndPort local(int port) {
        return new HostAndPort("127.0.0.1", port);
    }

    // ---------------------------------------------------------------- CLUSTER SHARDS

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shardsGiveEveryNodeWithItsRoleSlotsAndHealth(boolean resp3) {
        ClusterTopology t = TopologyParser.fromShards(threeShards(resp3), ANSWERED_BY);
        assertThat(t.nodes()).hasSize(6);
        assertThat(t.coversAllSlots()).isTrue();
        assertThat(t.primary(0)).isEqualTo(new ClusterNode(ID_A, local(30001), Role.PRIMARY, null,
                List.of(new SlotRange(0, 5460)), Health.ONLINE));
        assertThat(t.replicas(0)).containsExactly(new ClusterNode(ID_A1, local(30004), Role.REPLICA, ID_A, List.of(),
                Health.ONLINE));
        assertThat(t.primary(10922).id()).isEqualTo(ID_B);
        assertThat(t.replicas(10922)).as("a loading replica is not offered").isEmpty();
        assertThat(t.node(local(30005)).health()).isEqualTo(Health.LOADING);
        assertThat(t.node(local(30005)).primaryId()).isEqualTo(ID_B);
        ClusterNode failed = t.primary(16383);
        assertThat(failed.id()).as("a shard's failed primary is kept").isEqualTo(ID_C);
        assertThat(failed.health()).isEqualTo(Health.FAILED);
        assertThat(failed.slots()).containsExactly(new SlotRange(10923, 16383));
        assertThat(t.replicas(16383)).extracting(ClusterNode::id).containsExactly(ID_C1);
    }

    @Test
    void resp2AndResp3ShapesGiveTheSameTopology() {
        assertThat(TopologyParser.fromShards(threeShards(false), ANSWERED_BY))
                .isEqualTo(TopologyParser.fromShards(threeShards(true), ANSWERED_BY));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theAddressIsTheEndpointElseTheIpElseTheHostThatAnswered(boolean resp3) {
        Object reply = List.of(shard(resp3, List.of(0L, 16383L),
                node(resp3, "p", 7000, "10.0.0.1", "redis-0.example", "master", "online"),
                node(resp3, "r1", 7001, "10.0.0.2", "?", "replica", "online"),
                node(resp3, "r2", 7002, "10.0.0.3", "", "replica", "online"),
                node(resp3, "r3", 7003, "", "", "replica", "online"),
                node(resp3, "r4", 7004, "::1", "?", "replica", "online")));
        ClusterTopology t = TopologyParser.fromShards(reply, ANSWERED_BY);
        assertThat(t.nodes()).extracting(ClusterNode::address).containsExactly(
                new HostAndPort("redis-0.example", 7000), new HostAndPort("10.0.0.2", 7001),
                new HostAndPort("10.0.0.3", 7002), new HostAndPort("10.0.0.7", 7003), new HostAndPort("::1", 7004));
    }

    @Test
    void aLoneNodeThatKnowsNoAddressOfItsOwnIsTheHostThatAnswered() {
        // what Redis 7.0 answers on a single node that has met no other: ip and endpoint empty
        Object reply = List.of(map(true, "slots", List.of(0L, 16383L), "nodes", List.of(map(true, "id", ID_A,
                "port", 23456L, "ip", "", "endpoint", "", "role", "master", "replication-offset", 0L,
                "health", "online"))));
        ClusterTopology t = TopologyParser.fromShards(reply, new HostAndPort("127.0.0.1", 23456));
        assertThat(t.primaries()).singleElement().satisfies(p -> {
            assertThat(p.address()).isEqualTo(new HostAndPort("127.0.0.1", 23456));
            assertThat(p.id()).isEqualTo(ID_A);
        });
    }

    @Test
    void tlsPortIsUsedOnTlsConnectionsOrWhenThereIsNoPlainPort() {
        Object reply = List.of(map(false, "slots", List.of(0L, 16383L), "nodes", List.of(
                map(false, "id", "p", "port", 7000L, "tls-port", 8000L, "ip", "h", "endpoint", "h", "role", "master",
                        "health", "online"),
                map(false, "id", "r", "tls-port", 8001L, "ip", "h", "endpoint", "h", "role", "replica",
                        "health", "online"),
                map(false, "id", "s", "port", 0L, "tls-port", 8002L, "ip", "h", "endpoint", "h", "role", "replica",
                        "health", "online"))));
        assertThat(TopologyParser.fromShards(reply, ANSWERED_BY).nodes()).extracting(n -> n.address().port())
                .containsExactly(7000, 8001, 8002);
        assertThat(TopologyParser.fromShards(reply, ANSWERED_BY, true).nodes()).extracting(n -> n.address().port())
                .containsExactly(8000, 8001, 8002);
    }

    @Test
    void aShardWithTwoPrimariesGivesItsSlotsToTheOnlineOne() {
        Object reply = List.of(shard(false, List.of(0L, 16383L),
                node(false, "old", 7000, "h", "h", "master", "failed"),
                node(false, "new", 7001, "h", "h", "master", "online"),
                node(false, "r", 7002, "h", "h", "replica", "online")));
        ClusterTopology t = TopologyParser.fromShards(reply, ANSWERED_BY);
        assertThat(t.primary(0).id()).isEqualTo("new");
        assertThat(t.primaries()).extracting(ClusterNode::id).containsExactly("old", "new");
        assertThat(t.node(new HostAndPort("h", 7000)).slots()).isEmpty();
        assertThat(t.replicas(0)).extracting(ClusterNode::primaryId).containsExactly("new");
    }

    @Test
    void unknownHealthIsFailedAndNodesWithoutAPortAreLeftOut() {
        Object reply = List.of(shard(false, List.of(0L, 16383L),
                node(false, "p", 7000, "h", "h", "master", "online"),
                node(false, "r", 7001, "h", "h", "replica", "syncing"),
                map(false, "id", "noport", "ip", "h", "endpoint", "h", "role", "replica", "health", "online")));
        ClusterTopology t = TopologyParser.fromShards(reply, ANSWERED_BY);
        assertThat(t.nodes()).extracting(ClusterNode::id).containsExactly("p", "r");
        assertThat(t.node(new HostAndPort("h", 7001)).health()).isEqualTo(Health.FAILED);
        assertThat(TopologyParser.fromShards(List.of(), ANSWERED_BY).nodes()).isEmpty();
    }

    @Test
    void malformedShardsAreProtocolErrorsNamingWhatWasExpected() {
        assertThatThrownBy(() -> TopologyParser.fromShards(b("nope"), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("CLUSTER SHARDS: an array of shards");
        assertThatThrownBy(() -> TopologyParser.fromShards(null, ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("got null");
        assertThatThrownBy(() -> TopologyParser.fromShards(List.of(List.of(b("slots"))), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("odd number");
        assertThatThrownBy(() -> TopologyParser.fromShards(List.of(shard(false, List.of(0L))), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("start, end pairs");
        assertThatThrownBy(() -> TopologyParser.fromShards(List.of(shard(false, List.of(0L, 16384L))), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("0 to 16383");
        assertThatThrownBy(() -> TopologyParser.fromShards(List.of(map(false, "slots", List.of())), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("array of a shard's nodes");
        assertThatThrownBy(() -> TopologyParser.fromShards(List.of(shard(false, List.of(),
                node(false, "p", 7000, "h", "h", "arbiter", "online"))), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("arbiter");
        assertThatThrownBy(() -> TopologyParser.fromShards(List.of(shard(false, List.of(),
                map(false, "id", "p", "port", "x7000", "role", "master"))), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("node port");
        assertThatThrownBy(() -> TopologyParser.fromShards(List.of(shard(false, List.of(),
                map(false, "port", 7000L, "role", "master"))), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("with an id");
        Object twoOwners = List.of(shard(false, List.of(0L, 10L), node(false, "p", 7000, "h", "h", "master", "online")),
                shard(false, List.of(10L, 20L), node(false, "q", 7001, "h", "h", "master", "online")));
        assertThatThrownBy(() -> TopologyParser.fromShards(twoOwners, ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("slot 10");
        assertThatThrownBy(() -> TopologyParser.fromShards(List.of(), null)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------- CLUSTER SLOTS

    private static List<Object> slotsNode(String host, long port, String id, Object... metadata) {
        List<Object> n = new ArrayList<>(Arrays.asList(host == null ? null : b(host), port, b(id)));
        n.addAll(Arrays.asList(metadata));
        return n;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void slotsGivePrimariesWithTheirRangesAndReplicas(boolean resp3) {
        Object reply = List.of(
                List.of(0L, 5460L, slotsNode("127.0.0.1", 30001, ID_A, map(resp3)),
                        slotsNode("127.0.0.1", 30004, ID_A1, map(resp3))),
                List.of(5461L, 10922L, slotsNode("127.0.0.1", 30002, ID_B, map(resp3, "hostname", "b.example")),
                        slotsNode("127.0.0.1", 30005, ID_B1, map(resp3))),
                List.of(10923L, 16383L, slotsNode("127.0.0.1", 30003, ID_C, map(resp3))));
        ClusterTopology t = TopologyParser.fromSlots(reply, ANSWERED_BY);
        assertThat(t.nodes()).hasSize(5);
        assertThat(t.coversAllSlots()).isTrue();
        assertThat(t.primary(5461)).isEqualTo(new ClusterNode(ID_B, local(30002), Role.PRIMARY, null,
                List.of(new SlotRange(5461, 10922)), Health.ONLINE));
        assertThat(t.replicas(0)).containsExactly(new ClusterNode(ID_A1, local(30004), Role.REPLICA, ID_A, List.of(),
                Health.ONLINE));
        assertThat(t.replicas(16383)).isEmpty();
    }

    @Test
    void aPrimaryServingSeveralRangesIsOneNode() {
        Object reply = List.of(
                List.of(0L, 99L, slotsNode("h", 7000, "p"), slotsNode("h", 7001, "r")),
                List.of(100L, 199L, slotsNode("h", 7002, "q")),
                List.of(200L, 16383L, slotsNode("h", 7000, "p"), slotsNode("h", 7001, "r")));
        ClusterTopology t = TopologyParser.fromSlots(reply, ANSWERED_BY);
        assertThat(t.nodes()).extracting(ClusterNode::id).containsExactly("p", "r", "q");
        assertThat(t.primary(0).slots()).containsExactly(new SlotRange(0, 99), new SlotRange(200, 16383));
        assertThat(t.coversAllSlots()).isTrue();
    }

    @Test
    void unknownHostsInSlotsAreTheMetadataIpOrTheHostThatAnswered() {
        Object reply = List.of(
                List.of(0L, 1L, slotsNode("", 7000, "a")),
                List.of(2L, 3L, slotsNode("?", 7001, "b")),
                List.of(4L, 5L, slotsNode(null, 7002, "c")),
                List.of(6L, 7L, slotsNode("?", 7003, "d", map(true, "ip", "10.1.1.1"))),
                List.of(8L, 9L, Arrays.asList(b("old.example"), 7004L)));
        ClusterTopology t = TopologyParser.fromSlots(reply, ANSWERED_BY);
        assertThat(t.nodes()).extracting(ClusterNode::address).containsExactly(new HostAndPort("10.0.0.7", 7000),
                new HostAndPort("10.0.0.7", 7001), new HostAndPort("10.0.0.7", 7002), new HostAndPort("10.1.1.1", 7003),
                new HostAndPort("old.example", 7004));
        assertThat(t.node(new HostAndPort("old.example", 7004)).id()).as("no id before Redis 4: the address")
                .isEqualTo("old.example:7004");
    }

    @Test
    void malformedSlotsAreProtocolErrorsNamingWhatWasExpected() {
        assertThatThrownBy(() -> TopologyParser.fromSlots(42L, ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("CLUSTER SLOTS: an array of slot");
        assertThatThrownBy(() -> TopologyParser.fromSlots(List.of(List.of(0L, 1L)), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("[start, end, primary, replicas...]");
        assertThatThrownBy(() -> TopologyParser.fromSlots(List.of(List.of(0L, 1L, List.of(b("h")))), ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("[host, port, id, metadata]");
        assertThatThrownBy(() -> TopologyParser.fromSlots(List.of(List.of(b("x"), 1L, slotsNode("h", 1, "p"))),
                ANSWERED_BY)).isInstanceOf(RedisProtocolException.class).hasMessageContaining("slot number");
        assertThatThrownBy(() -> TopologyParser.fromSlots(List.of(List.of(0L, 1L, slotsNode("h", 70000, "p"))),
                ANSWERED_BY)).isInstanceOf(RedisProtocolException.class).hasMessageContaining("0 to 65535");
        Object confused = List.of(List.of(0L, 1L, slotsNode("h", 1, "p"), slotsNode("h", 2, "q")),
                List.of(2L, 3L, slotsNode("h", 2, "q")));
        assertThatThrownBy(() -> TopologyParser.fromSlots(confused, ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("both as a primary and as a replica");
    }

    // ---------------------------------------------------------------- CLUSTER NODES

    @Test
    void nodesTextGivesRolesSlotsAndFailures() {
        String text = String.join("\n",
                ID_A1 + " 127.0.0.1:30004@31004,a1.example slave " + ID_A + " 0 1426238317239 4 connected",
                ID_A + " :30001@31001 myself,master - 0 0 1 connected 0-5460 [93->-" + ID_B + "]",
                ID_B + " 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10921 10922",
                ID_C + " 127.0.0.1:30003@31003 master,fail - 1426238316232 1426238316232 3 disconnected 10923-16383",
                ID_C1 + " 127.0.0.1:30006@31006 slave,fail? " + ID_C + " 0 1426238316232 3 connected",
                ID_B1 + " :0@0 slave,noaddr " + ID_B + " 0 0 2 disconnected",
                "f00d00000000000000000000000000000000000d 10.9.9.9:30009@40009 handshake - 0 0 0 connected",
                "");
        ClusterTopology t = TopologyParser.fromNodes(text, ANSWERED_BY);
        assertThat(t.nodes()).extracting(ClusterNode::id).containsExactly(ID_A1, ID_A, ID_B, ID_C, ID_C1);
        assertThat(t.coversAllSlots()).isTrue();
        assertThat(t.primary(93).address()).isEqualTo(new HostAndPort("10.0.0.7", 30001));
        assertThat(t.primary(10922).slots()).containsExactly(new SlotRange(5461, 10922));
        assertThat(t.primary(16383).health()).isEqualTo(Health.FAILED);
        assertThat(t.replicas(16383)).extracting(ClusterNode::id).containsExactly(ID_C1);
        assertThat(t.replicas(0)).containsExactly(new ClusterNode(ID_A1, local(30004), Role.REPLICA, ID_A, List.of(),
                Health.ONLINE));
    }

    @Test
    void malformedNodesTextIsAProtocolError() {
        assertThatThrownBy(() -> TopologyParser.fromNodes("abc 127.0.0.1:1@2 master", ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("at least 8 fields");
        assertThatThrownBy(() -> TopologyParser.fromNodes("abc 127.0.0.1:1@2 myself - 0 0 0 connected", ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("master or slave");
        assertThatThrownBy(() -> TopologyParser.fromNodes("abc nohost master - 0 0 0 connected", ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("ip:port@cport");
        assertThatThrownBy(() -> TopologyParser.fromNodes("abc h:1@2 master - 0 0 0 connected 5-x", ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("slot number");
        assertThatThrownBy(() -> TopologyParser.fromNodes("abc h:1@2 slave p 0 0 0 connected 5", ANSWERED_BY))
                .isInstanceOf(RedisProtocolException.class).hasMessageContaining("consistent node");
    }
}
