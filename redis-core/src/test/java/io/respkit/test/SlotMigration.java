package io.respkit.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The steps of moving a slot between two primaries of a {@link RedisCluster}, as {@code redis-cli --cluster reshard}
 * takes them: {@code SETSLOT IMPORTING}/{@code MIGRATING}, {@code MIGRATE} of its keys in batches, then
 * {@code SETSLOT NODE} everywhere. Every call goes over the nodes' own raw sockets. Stateless and thread-safe.
 */
final class SlotMigration {

    private SlotMigration() {
    }

    /** See {@link RedisCluster#beginMigration}. */
    static void begin(int slot, ClusterNode from, ClusterNode to) {
        to.call("CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", from.nodeId());
        from.call("CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", to.nodeId());
    }

    /** See {@link RedisCluster#migrateKeys}. */
    static int migrateKeys(int slot, ClusterNode from, ClusterNode to) {
        int moved = 0;
        while (true) {
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) from.call("CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "100");
            if (keys.isEmpty()) {
                return moved;
            }
            List<String> args = new ArrayList<>(List.of("MIGRATE", to.host(), Integer.toString(to.port()), "", "0",
                    "5000", "REPLACE", "KEYS"));
            keys.forEach(k -> args.add((String) k));
            from.call(args.toArray(String[]::new));
            moved += keys.size();
        }
    }

    /**
     * See {@link RedisCluster#finishMigration}.
     *
     * @param primaries the cluster's primaries now
     * @param reachable the nodes that can answer, asked again at each poll
     */
    static void finish(int slot, ClusterNode from, ClusterNode to, List<ClusterNode> primaries,
            Supplier<List<RedisProcess>> reachable) {
        String[] setNode = {"CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", to.nodeId()};
        // SETSLOT NODE makes the target claim the slot with an epoch above every one it knows. Should it not yet
        // know the source's latest epoch (the source took a slot moments ago), a ping the source sent before its
        // own SETSLOT NODE still claims the slot with the higher epoch, the target and the others give the slot back
        // to the source, which disowned it: each node then answers MOVED to the other, for good. An epoch the target
        // shares with another primary is no better: the one of the two that resolves the collision may be the source.
        ClusterProbe.poll(RedisCluster.DEFAULT_TIMEOUT, to.hostAndPort() + " knows the cluster's greatest epoch",
                () -> {
                    long known = epoch(to.process(), "cluster_current_epoch");
                    long mine = epoch(to.process(), "cluster_my_epoch");
                    for (RedisProcess p : reachable.get()) {
                        long own = epoch(p, "cluster_my_epoch");
                        if (own > known) {
                            return p.port() + " has epoch " + own + ", " + to.port() + " knows up to " + known;
                        }
                    }
                    for (ClusterNode p : primaries) {
                        if (p.isReachable() && !p.nodeId().equals(to.nodeId())
                                && epoch(p.process(), "cluster_my_epoch") == mine) {
                            return p.port() + " and " + to.port() + " share epoch " + mine;
                        }
                    }
                    return null;
                });
        to.call(setNode);
        from.call(setNode);
        for (ClusterNode p : primaries) {
            if (p.isReachable() && !p.nodeId().equals(to.nodeId()) && !p.nodeId().equals(from.nodeId())) {
                p.call(setNode);
            }
        }
        ClusterProbe.poll(RedisCluster.DEFAULT_TIMEOUT, "every node sees slot " + slot + " on " + to.hostAndPort(),
                () -> {
                    for (RedisProcess p : reachable.get()) {
                        String owner = ClusterProbe.view(p).ownerOf(slot);
                        if (!to.nodeId().equals(owner)) {
                            return p.port() + " sees slot " + slot + " on " + owner;
                        }
                    }
                    return null;
                });
    }

    /** A number field of a node's {@code CLUSTER INFO}. */
    private static long epoch(RedisProcess p, String field) {
        for (String line : ClusterProbe.info(p, "CLUSTER", "INFO").split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        throw new IllegalStateException("no " + field + " in CLUSTER INFO of " + p.port());
    }
}
