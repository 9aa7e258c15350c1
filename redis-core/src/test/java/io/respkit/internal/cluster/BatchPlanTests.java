package io.respkit.internal.cluster;

import io.respkit.connection.HostAndPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping of a cluster batch by node: every command once, queue order kept inside each node's group. */
class BatchPlanTests {

    private static final HostAndPort A = new HostAndPort("10.0.0.1", 7000);
    private static final HostAndPort B = new HostAndPort("10.0.0.2", 7000);

    @Test
    void groupsByNodeKeepingQueueOrderAndEveryIndexOnce() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            indexes.add(i);
        }
        Map<BatchPlan.Target, List<Integer>> groups = BatchPlan.group(indexes,
                i -> new BatchPlan.Target(i % 3 == 0 ? A : B, false));
        assertThat(groups.keySet()).containsExactly(new BatchPlan.Target(A, false), new BatchPlan.Target(B, false));
        List<Integer> a = groups.get(new BatchPlan.Target(A, false));
        List<Integer> b = groups.get(new BatchPlan.Target(B, false));
        assertThat(a).isSorted().allMatch(i -> i % 3 == 0).hasSize(334);
        assertThat(b).isSorted().noneMatch(i -> i % 3 == 0).hasSize(666);
    }

    @Test
    void anAskedCommandGoesApartFromTheNodesOwnAndAnUnroutableOneIsLeftOut() {
        Map<BatchPlan.Target, List<Integer>> groups = BatchPlan.group(List.of(0, 1, 2, 3, 4),
                i -> i == 4 ? null : new BatchPlan.Target(A, i == 2));
        assertThat(groups.get(new BatchPlan.Target(A, false))).containsExactly(0, 1, 3);
        assertThat(groups.get(new BatchPlan.Target(A, true))).containsExactly(2);
        assertThat(groups.values().stream().mapToInt(List::size).sum()).isEqualTo(4);
    }

    @Test
    void keySlotsTellOneSlotNoneOrCross() {
        var same = io.respkit.commands.Command.create(io.respkit.codec.StringCodec.UTF8, "MGET",
                io.respkit.internal.commands.Decoders.raw()).key("{t}a").key("{t}b");
        var cross = io.respkit.commands.Command.create(io.respkit.codec.StringCodec.UTF8, "MGET",
                io.respkit.internal.commands.Decoders.raw()).key("a").key("b");
        assertThat(KeySlots.slot(same, new int[] {1, 2})).isEqualTo(SlotHash.slot("t", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(KeySlots.slot(cross, new int[] {1, 2})).isEqualTo(KeySlots.CROSS);
        assertThat(KeySlots.slot(cross, new int[0])).isEqualTo(ClusterBatches.NO_SLOT);
    }
}
