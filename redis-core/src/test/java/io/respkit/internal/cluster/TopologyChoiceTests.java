package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterNode.Health;
import io.respkit.cluster.ClusterNode.Role;
import io.respkit.cluster.ClusterTopology;
import io.respkit.commands.SlotRange;
import io.respkit.connection.HostAndPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link TopologyChoice}: agreeing views, a stale node after a failover, a node that sees
 * only itself, split votes, and bad arguments.
 */
class TopologyChoiceTests {

    private static ClusterNode primary(String id, int port, int start, int end) {
        return new ClusterNode(id, new HostAndPort("10.0.0.1", port), Role.PRIMARY, null,
                List.of(new SlotRange(start, end)), Health.ONLINE);
    }

    private static ClusterNode replica(String id, int port, String primaryId) {
        return new ClusterNode(id, new HostAndPort("10.0.0.1", port), Role.REPLICA, primaryId, List.of(),
                Health.ONLINE);
    }

    private static final ClusterNode A = primary("a", 7000, 0, 5460);
    private static final ClusterNode B = primary("b", 7001, 5461, 10922);
    private static final ClusterNode C = primary("c", 7002, 10923, 16383);

    @Test
    void agreeingViewsGiveTheFirst() {
        ClusterTopology first = ClusterTopology.of(List.of(A, B, C, replica("c1", 7006, "c")));
        ClusterTopology second = ClusterTopology.of(List.of(C, B, A));
        assertThat(TopologyChoice.choose(List.of(first, second))).isSameAs(first);
        assertThat(TopologyChoice.choose(List.of(second))).isSameAs(second);
    }

    @Test
    void aStaleNodeThatStillOwnsSlotsAfterAFailoverIsOutvoted() {
        // c failed over to c1; c came back and has not yet learned it lost its slots
        ClusterNode c1 = primary("c1", 7006, 10923, 16383);
        ClusterNode demoted = replica("c", 7002, "c1");
        ClusterTopology stale = ClusterTopology.of(List.of(A, B, C, replica("c1", 7006, "c")));
        ClusterTopology fresh = ClusterTopology.of(List.of(A, B, c1, demoted));
        ClusterTopology freshToo = ClusterTopology.of(List.of(c1, demoted, B, A));
        ClusterTopology chosen = TopologyChoice.choose(List.of(stale, fresh, freshToo));
        assertThat(chosen).isSameAs(fresh);
        assertThat(chosen.primary(16383).id()).isEqualTo("c1");
    }

    @Test
    void aNodeThatSeesOnlyItselfIsOutvoted() {
        // a node reset or partitioned away that claims every slot for itself
        ClusterTopology alone = ClusterTopology.of(List.of(primary("lonely", 7010, 0, 16383)));
        ClusterTopology cluster = ClusterTopology.of(List.of(A, B, C));
        assertThat(TopologyChoice.choose(List.of(alone, cluster, cluster))).isSameAs(cluster);
        // and one that knows no slots at all loses even a tie to a view that covers them
        ClusterTopology empty = ClusterTopology.of(List.of(new ClusterNode("new", new HostAndPort("10.0.0.9", 7000),
                Role.PRIMARY, null, List.of(), Health.ONLINE)));
        assertThat(TopologyChoice.choose(List.of(empty, cluster))).isSameAs(cluster);
    }

    @Test
    void aSplitVoteGoesToMoreSlotsCoveredThenToTheFirst() {
        ClusterTopology partial = ClusterTopology.of(List.of(A, B));
        ClusterTopology whole = ClusterTopology.of(List.of(A, B, C));
        assertThat(TopologyChoice.choose(List.of(partial, partial, whole, whole))).isSameAs(whole);

        ClusterTopology cOwns = ClusterTopology.of(List.of(A, B, C));
        ClusterTopology dOwns = ClusterTopology.of(List.of(A, B, primary("d", 7003, 10923, 16383)));
        assertThat(TopologyChoice.choose(List.of(dOwns, cOwns, cOwns, dOwns))).isSameAs(dOwns);
        assertThat(TopologyChoice.choose(List.of(cOwns, dOwns))).isSameAs(cOwns);
        // a majority beats coverage
        assertThat(TopologyChoice.choose(List.of(whole, partial, partial))).isSameAs(partial);
    }

    @Test
    void nothingToChooseFromIsRejected() {
        assertThatThrownBy(() -> TopologyChoice.choose(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopologyChoice.choose(List.of())).isInstanceOf(IllegalArgumentException.class);
        List<ClusterTopology> withNull = new ArrayList<>(Arrays.asList(ClusterTopology.of(List.of(A)), null));
        assertThatThrownBy(() -> TopologyChoice.choose(withNull)).isInstanceOf(IllegalArgumentException.class);
    }
}
