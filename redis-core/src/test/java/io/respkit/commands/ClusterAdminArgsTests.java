package io.respkit.commands;

import io.respkit.codec.StringCodec;
import io.respkit.internal.commands.ClusterAdminDefs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The words the CLUSTER management commands send, and the arguments they refuse before sending. */
class ClusterAdminArgsTests {

    private static final StringCodec C = StringCodec.UTF8;

    private static String words(Command<?> cmd) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < cmd.argumentCount(); i++) {
            words.add(cmd.argumentText(i));
        }
        return String.join(" ", words);
    }

    @Test
    void setSlotSendsItsActionAndNode() {
        assertThat(words(ClusterAdminDefs.clusterSetSlot(C, 7, ClusterSetSlot.importing("a"))))
                .isEqualTo("CLUSTER SETSLOT 7 IMPORTING a");
        assertThat(words(ClusterAdminDefs.clusterSetSlot(C, 7, ClusterSetSlot.migrating("b"))))
                .isEqualTo("CLUSTER SETSLOT 7 MIGRATING b");
        assertThat(words(ClusterAdminDefs.clusterSetSlot(C, 16383, ClusterSetSlot.node("c"))))
                .isEqualTo("CLUSTER SETSLOT 16383 NODE c");
        assertThat(words(ClusterAdminDefs.clusterSetSlot(C, 0, ClusterSetSlot.stable())))
                .isEqualTo("CLUSTER SETSLOT 0 STABLE");
        assertThatThrownBy(() -> ClusterSetSlot.node(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterSetSlot(C, 1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void modesAndPortsAreSentAsGiven() {
        assertThat(words(ClusterAdminDefs.clusterFailover(C))).isEqualTo("CLUSTER FAILOVER");
        assertThat(words(ClusterAdminDefs.clusterFailover(C, ClusterFailoverMode.TAKEOVER)))
                .isEqualTo("CLUSTER FAILOVER TAKEOVER");
        assertThat(words(ClusterAdminDefs.clusterReset(C, ClusterResetMode.HARD))).isEqualTo("CLUSTER RESET HARD");
        assertThat(words(ClusterAdminDefs.clusterMeet(C, "127.0.0.1", 7000, 17001)))
                .isEqualTo("CLUSTER MEET 127.0.0.1 7000 17001");
        assertThat(words(ClusterAdminDefs.clusterAddSlots(C, 1, 2, 3))).isEqualTo("CLUSTER ADDSLOTS 1 2 3");
        assertThat(words(ClusterAdminDefs.clusterDelSlotsRange(C, 5, 5))).isEqualTo("CLUSTER DELSLOTSRANGE 5 5");
        assertThat(words(ClusterAdminDefs.clusterAddSlotsRanges(C, List.of(new SlotRange(0, 9), SlotRange.of(20)))))
                .isEqualTo("CLUSTER ADDSLOTSRANGE 0 9 20 20");
    }

    @Test
    void argumentsTheServerWouldRefuseFailBeforeSending() {
        assertThatThrownBy(() -> ClusterAdminDefs.clusterAddSlots(C)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterDelSlots(C, 16384))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterAddSlotsRange(C, 10, 9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterDelSlotsRange(C, -1, 9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterSetSlot(C, 16384, ClusterSetSlot.stable()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterMeet(C, "127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterMeet(C, "127.0.0.1", 7000, 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlotRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlotRange.of(16384)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterDelSlotsRanges(C, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterAdminDefs.clusterSetConfigEpoch(C, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
