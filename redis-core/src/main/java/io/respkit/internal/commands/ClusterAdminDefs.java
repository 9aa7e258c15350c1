package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.ClusterFailoverMode;
import io.respkit.commands.ClusterResetMode;
import io.respkit.commands.ClusterSetSlot;
import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.SlotRange;

import java.util.List;
import java.util.Objects;

/**
 * Definitions of the {@code CLUSTER} management commands: slot assignment, node membership, replication, failover,
 * epochs and the node's configuration file. They answer only on a node started with {@code cluster-enabled yes}.
 * Slots and ports are checked here, so that an argument the server would refuse fails before it is sent.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClusterAdminDefs {

    /** The highest hash slot. */
    private static final int MAX_SLOT = 16383;

    private ClusterAdminDefs() {
    }

    private static int slot(int slot) {
        if (slot < 0 || slot > MAX_SLOT) {
            throw new IllegalArgumentException("slot must be 0 to 16383: " + slot);
        }
        return slot;
    }

    private static int[] slots(int[] slots) {
        Objects.requireNonNull(slots, "slots");
        if (slots.length == 0) {
            throw new IllegalArgumentException("at least one slot is required");
        }
        for (int s : slots) {
            slot(s);
        }
        return slots;
    }

    private static void range(int start, int end) {
        slot(start);
        slot(end);
        if (start > end) {
            throw new IllegalArgumentException("slot range start " + start + " is after its end " + end);
        }
    }

    private static int port(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1 to 65535: " + port);
        }
        return port;
    }

    private static Command<Boolean> withSlots(RedisCodec<?> c, CommandSpec spec, int[] slots) {
        Command<Boolean> cmd = Command.create(c, spec, Decoders.okOrNull(), 2 + slots(slots).length);
        for (int s : slots) {
            cmd.arg(s);
        }
        return cmd;
    }

    /** CLUSTER ADDSLOTS slot [slot ...]. */
    public static Command<Boolean> clusterAddSlots(RedisCodec<?> c, int... slots) {
        return withSlots(c, ClusterSpecs.CLUSTER_ADDSLOTS, slots);
    }

    /** CLUSTER ADDSLOTSRANGE start end. */
    public static Command<Boolean> clusterAddSlotsRange(RedisCodec<?> c, int start, int end) {
        range(start, end);
        return Command.create(c, ClusterSpecs.CLUSTER_ADDSLOTSRANGE, Decoders.okOrNull()).arg(start).arg(end);
    }

    private static Command<Boolean> withRanges(RedisCodec<?> c, CommandSpec spec, List<SlotRange> ranges) {
        if (Objects.requireNonNull(ranges, "ranges").isEmpty()) {
            throw new IllegalArgumentException("at least one slot range is required");
        }
        Command<Boolean> cmd = Command.create(c, spec, Decoders.okOrNull(), 2 + 2 * ranges.size());
        for (SlotRange r : ranges) {
            cmd.arg(r.start()).arg(r.end());
        }
        return cmd;
    }

    /** CLUSTER ADDSLOTSRANGE start end [start end ...]. */
    public static Command<Boolean> clusterAddSlotsRanges(RedisCodec<?> c, List<SlotRange> ranges) {
        return withRanges(c, ClusterSpecs.CLUSTER_ADDSLOTSRANGE, ranges);
    }

    /** CLUSTER DELSLOTSRANGE start end [start end ...]. */
    public static Command<Boolean> clusterDelSlotsRanges(RedisCodec<?> c, List<SlotRange> ranges) {
        return withRanges(c, ClusterSpecs.CLUSTER_DELSLOTSRANGE, ranges);
    }

    /** CLUSTER DELSLOTS slot [slot ...]. */
    public static Command<Boolean> clusterDelSlots(RedisCodec<?> c, int... slots) {
        return withSlots(c, ClusterSpecs.CLUSTER_DELSLOTS, slots);
    }

    /** CLUSTER DELSLOTSRANGE start end. */
    public static Command<Boolean> clusterDelSlotsRange(RedisCodec<?> c, int start, int end) {
        range(start, end);
        return Command.create(c, ClusterSpecs.CLUSTER_DELSLOTSRANGE, Decoders.okOrNull()).arg(start).arg(end);
    }

    /** CLUSTER FLUSHSLOTS. */
    public static Command<Boolean> clusterFlushSlots(RedisCodec<?> c) {
        return Command.create(c, ClusterSpecs.CLUSTER_FLUSHSLOTS, Decoders.okOrNull());
    }

    /** CLUSTER BUMPEPOCH: {@code BUMPED epoch} or {@code STILL epoch}. */
    public static Command<String> clusterBumpEpoch(RedisCodec<?> c) {
        return Command.create(c, ClusterSpecs.CLUSTER_BUMPEPOCH, Decoders.string());
    }

    /** CLUSTER COUNT-FAILURE-REPORTS node-id. */
    public static Command<Long> clusterCountFailureReports(RedisCodec<?> c, String nodeId) {
        return Command.create(c, ClusterSpecs.CLUSTER_COUNT_FAILURE_REPORTS, Decoders.integer())
                .arg(Objects.requireNonNull(nodeId, "nodeId"));
    }

    /** CLUSTER FAILOVER. */
    public static Command<Boolean> clusterFailover(RedisCodec<?> c) {
        return Command.create(c, ClusterSpecs.CLUSTER_FAILOVER, Decoders.okOrNull());
    }

    /** CLUSTER FAILOVER FORCE|TAKEOVER. */
    public static Command<Boolean> clusterFailover(RedisCodec<?> c, ClusterFailoverMode mode) {
        return Command.create(c, ClusterSpecs.CLUSTER_FAILOVER, Decoders.okOrNull())
                .arg(Objects.requireNonNull(mode, "mode").name());
    }

    /** CLUSTER FORGET node-id. */
    public static Command<Boolean> clusterForget(RedisCodec<?> c, String nodeId) {
        return Command.create(c, ClusterSpecs.CLUSTER_FORGET, Decoders.okOrNull())
                .arg(Objects.requireNonNull(nodeId, "nodeId"));
    }

    /** CLUSTER MEET ip port. */
    public static Command<Boolean> clusterMeet(RedisCodec<?> c, String ip, int port) {
        return Command.create(c, ClusterSpecs.CLUSTER_MEET, Decoders.okOrNull())
                .arg(Objects.requireNonNull(ip, "ip")).arg(port(port, "port"));
    }

    /** CLUSTER MEET ip port cluster-bus-port. */
    public static Command<Boolean> clusterMeet(RedisCodec<?> c, String ip, int port, int clusterBusPort) {
        return clusterMeet(c, ip, port).arg(port(clusterBusPort, "clusterBusPort"));
    }

    /** CLUSTER REPLICATE node-id. */
    public static Command<Boolean> clusterReplicate(RedisCodec<?> c, String nodeId) {
        return Command.create(c, ClusterSpecs.CLUSTER_REPLICATE, Decoders.okOrNull())
                .arg(Objects.requireNonNull(nodeId, "nodeId"));
    }

    /** CLUSTER RESET HARD|SOFT. */
    public static Command<Boolean> clusterReset(RedisCodec<?> c, ClusterResetMode mode) {
        return Command.create(c, ClusterSpecs.CLUSTER_RESET, Decoders.okOrNull())
                .arg(Objects.requireNonNull(mode, "mode").name());
    }

    /** CLUSTER SAVECONFIG. */
    public static Command<Boolean> clusterSaveConfig(RedisCodec<?> c) {
        return Command.create(c, ClusterSpecs.CLUSTER_SAVECONFIG, Decoders.okOrNull());
    }

    /** CLUSTER SET-CONFIG-EPOCH epoch. */
    public static Command<Boolean> clusterSetConfigEpoch(RedisCodec<?> c, long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative: " + epoch);
        }
        return Command.create(c, ClusterSpecs.CLUSTER_SET_CONFIG_EPOCH, Decoders.okOrNull()).arg(epoch);
    }

    /** CLUSTER SETSLOT slot IMPORTING|MIGRATING|NODE node-id / STABLE. */
    public static Command<Boolean> clusterSetSlot(RedisCodec<?> c, int slot, ClusterSetSlot action) {
        Command<Boolean> cmd = Command.create(c, ClusterSpecs.CLUSTER_SETSLOT, Decoders.okOrNull()).arg(slot(slot));
        Objects.requireNonNull(action, "action");
        if (action instanceof ClusterSetSlot.Importing i) {
            return cmd.arg("IMPORTING").arg(i.nodeId());
        } else if (action instanceof ClusterSetSlot.Migrating m) {
            return cmd.arg("MIGRATING").arg(m.nodeId());
        } else if (action instanceof ClusterSetSlot.Node n) {
            return cmd.arg("NODE").arg(n.nodeId());
        }
        return cmd.arg("STABLE");
    }
}
