package io.respkit.cluster;

import io.respkit.cluster.ClusterNode.Health;
import io.respkit.cluster.ClusterNode.Role;
import io.respkit.commands.SlotRange;
import io.respkit.connection.HostAndPort;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link ClusterNode} and {@link ClusterTopology}: validation, slot lookup, replicas of a
 * slot, address lookup, coverage, value equality and {@link ClusterTopology#sameSlotOwners}.
 */
class ClusterTopologyTests {

    static ClusterNode primary(String id, int port, Health health, SlotRange... slots) {
        return new ClusterNode(id, new HostAndPort("127.0.0.1", port), Role.PRIMARY, null, List.of(slots), health);
    }

    static ClusterNode replica(String id, int port, String primaryId, Health health) {
        return new ClusterNode(id, new HostAndPort("127.0.0.1", port), Role.REPLICA, primaryId, List.of(), health);
    }

    private static final ClusterNode A = primary("a", 7000, Health.ONLINE, new SlotRange(0, 5460));
    private static final ClusterNode B = primary("b", 7001, Health.ONLINE, new SlotRange(5461, 10922));
    private static final ClusterNode C = primary("c", 7002, Health.FAILED, new SlotRange(10923, 16383));
    private static final ClusterNode A1 = replica("a1", 7003, "a", Health.ONLINE);
    private static final ClusterNode A2 = replica("a2", 7004, "a", Health.LOADING);
    private static final ClusterNode B1 = replica("b1", 7005, "b", Health.FAILED);
    private static final ClusterNode C1 = replica("c1", 7006, "c", Health.ONLINE);

    @Test
    void slotsFindTheirPrimaryAndItsOnlineReplicas() {
        ClusterTopology t = new ClusterTopology(List.of(A1, A, B, A2, C, B1, C1));
        assertThat(t.primary(0)).isEqualTo(A);
        assertThat(t.primary(5460)).isEqualTo(A);
        assertThat(t.primary(5461)).isEqualTo(B);
        assertThat(t.primary(16383)).as("a failed primary still owns its slots").isEqualTo(C);
        assertThat(t.replicas(100)).containsExactly(A1);
        assertThat(t.replicas(6000)).as("failed replicas are not offered").isEmpty();
        assertThat(t.replicas(16000)).containsExactly(C1);
        assertThat(t.primaries()).containsExactly(A, B, C);
        assertThat(t.replicas()).containsExactly(A1, A2, B1, C1);
        assertThat(t.nodes()).containsExactly(A1, A, B, A2, C, B1, C1);
        assertThat(t.node(new HostAndPort("127.0.0.1", 7006))).isEqualTo(C1);
        assertThat(t.node(new HostAndPort("127.0.0.2", 7006))).isNull();
        assertThat(t.slotsCovered()).isEqualTo(16384);
        assertThat(t.coversAllSlots()).isTrue();
        assertThat(t.toString()).contains("slotsCovered=16384", "127.0.0.1:7002 FAILED");
    }

    @Test
    void uncoveredSlotsHaveNoPrimary() {
        ClusterTopology t = ClusterTopology.of(List.of(A, A1, C1));
        assertThat(t.primary(5461)).isNull();
        assertThat(t.replicas(5461)).isEmpty();
        assertThat(t.slotsCovered()).isEqualTo(5461);
        assertThat(t.coversAllSlots()).isFalse();
        ClusterTopology empty = ClusterTopology.of(List.of());
        assertThat(empty.primary(0)).isNull();
        assertThat(empty.slotsCovered()).isZero();
    }

    @Test
    void slotsOutsideTheRangeAreRejected() {
        ClusterTopology t = ClusterTopology.of(List.of(A));
        assertThatThrownBy(() -> t.primary(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.primary(16384)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.replicas(16384)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inconsistentNodesAreRejected() {
        assertThatThrownBy(() -> ClusterTopology.of(List.of(A, primary("a", 7100, Health.ONLINE))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id a");
        assertThatThrownBy(() -> ClusterTopology.of(List.of(A, primary("x", 7100, Health.ONLINE, SlotRange.of(5460)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slot 5460");
        assertThatThrownBy(() -> new ClusterTopology(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nodesAreCheckedAndTheirSlotsNormalised() {
        HostAndPort at = new HostAndPort("h", 1);
        assertThatThrownBy(() -> new ClusterNode("p", at, Role.PRIMARY, "q", List.of(), Health.ONLINE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterNode("r", at, Role.REPLICA, "p", List.of(SlotRange.of(1)), Health.ONLINE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterNode("", at, Role.PRIMARY, null, List.of(), Health.ONLINE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterNode("p", null, Role.PRIMARY, null, List.of(), Health.ONLINE))
                .isInstanceOf(NullPointerException.class);
        ClusterNode n = new ClusterNode("p", at, Role.PRIMARY, null,
                List.of(new SlotRange(10, 20), new SlotRange(0, 4), new SlotRange(5, 9), new SlotRange(15, 30),
                        new SlotRange(40, 40)), Health.ONLINE);
        assertThat(n.slots()).containsExactly(new SlotRange(0, 30), new SlotRange(40, 40));
        assertThat(n.slotCount()).isEqualTo(32);
        assertThat(n.isPrimary()).isTrue();
        assertThat(replica("r", 2, null, Health.ONLINE).isPrimary()).isFalse();
    }

    @Test
    void equalityIgnoresOrderAndSlotOwnersIgnoreReplicas() {
        ClusterTopology t = ClusterTopology.of(List.of(A, B, C, A1));
        ClusterTopology same = ClusterTopology.of(List.of(C, A1, B, A));
        assertThat(t).isEqualTo(same).hasSameHashCodeAs(same);
        ClusterTopology noReplicas = ClusterTopology.of(List.of(A, B, C));
        assertThat(t).isNotEqualTo(noReplicas);
        assertThat(t.sameSlotOwners(noReplicas)).isTrue();
        assertThat(t.sameSlotOwners(t)).isTrue();

        ClusterNode promoted = primary("c1", 7006, Health.ONLINE, new SlotRange(10923, 16383));
        ClusterTopology afterFailover = ClusterTopology.of(List.of(A, B, promoted));
        assertThat(t.sameSlotOwners(afterFailover)).isFalse();
        ClusterNode moved = primary("c", 7999, Health.FAILED, new SlotRange(10923, 16383));
        assertThat(t.sameSlotOwners(ClusterTopology.of(List.of(A, B, moved)))).as("same id, new address").isFalse();
        assertThat(t.sameSlotOwners(ClusterTopology.of(List.of(A, B)))).isFalse();
        ClusterNode split = primary("c", 7002, Health.FAILED, new SlotRange(10923, 16000));
        ClusterNode other = primary("d", 7010, Health.ONLINE, new SlotRange(16001, 16383));
        assertThat(t.sameSlotOwners(ClusterTopology.of(List.of(A, B, split, other)))).isFalse();
    }
}
