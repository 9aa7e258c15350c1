package io.respkit.test;

import io.respkit.connection.HostAndPort;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Redis Cluster of {@code redis-server} processes on free loopback ports (no Docker), created from Java with
 * {@code CLUSTER ADDSLOTSRANGE} (slots split evenly), {@code MEET} and {@code REPLICATE}, for integration tests.
 * Nodes run with {@code cluster-node-timeout 1000}, so a killed primary is replaced within a few seconds.
 *
 * <p>Thread-safe. Every call to a node goes over its own raw socket, never through the client under test.
 *
 * <p>How a test gets one:
 * <ul>
 *   <li>Tests that do not break the cluster share one, started lazily, of 3 primaries with 1 replica each: annotate
 *       the class {@link ClusterTest @ClusterTest} and take a {@code RedisCluster} parameter (resolved by
 *       {@link RedisClusterExtension}), or call {@link #shared()}. Its {@link #close()} does nothing; the processes end
 *       with the JVM. Leave it as you found it: no kills, failovers, slot moves or added nodes; {@link #flushAll()}
 *       empties it.</li>
 *   <li>Fault tests start their own: {@code try (RedisCluster c = RedisCluster.start(3, 1)) { ... }} and still carry
 *       {@link ClusterTest @ClusterTest} so they run in the cluster test execution.</li>
 * </ul>
 *
 * <p>The fixture waits for convergence by polling the nodes (bounded, {@link #DEFAULT_TIMEOUT} unless given), so
 * tests never need to sleep. Failures to converge throw {@link IllegalStateException} naming what was still off.
 */
public final class RedisCluster implements AutoCloseable {

    /** How long the fixture waits for the cluster to converge unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private static final String[] NODE_ARGS = {"--cluster-enabled", "yes", "--cluster-node-timeout", "1000",
        // A replica may always take over, however stale: fault tests kill primaries on purpose.
        "--cluster-replica-validity-factor", "0",
        // The default 5 s delay before a diskless full sync would make every replica attach 5 s late.
        "--repl-diskless-sync-delay", "0"};
    private static final Object SHARED_LOCK = new Object();
    private static RedisCluster shared;

    private final List<RedisProcess> processes = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> ids = new ConcurrentHashMap<>();
    private final Map<String, ClusterNode.Role> lastRoles = new ConcurrentHashMap<>();
    private final Map<String, String> lastPrimaryIds = new ConcurrentHashMap<>();
    private final boolean isShared;

    private RedisCluster(boolean isShared) {
        this.isShared = isShared;
    }

    /**
     * A promotion after a primary was killed.
     *
     * @param promoted the replica that now serves the killed primary's slots
     * @param took from the kill until every reachable node agreed on the new owner and reported {@code cluster_state:ok}
     */
    public record Promotion(ClusterNode promoted, Duration took) {
    }

    /**
     * Starts a cluster and waits until every node reports {@code cluster_state:ok}, all agree on the slot map and
     * every replica is attached to its primary.
     *
     * @param primaries how many primaries share the 16384 slots, 1 or more
     * @param replicasPerPrimary how many replicas each primary gets, 0 or more
     * @return the running cluster; close it
     * @throws IllegalArgumentException when a count is out of range
     * @throws IllegalStateException when {@code redis-server} is missing, a node does not start or the cluster does
     *         not converge within {@link #DEFAULT_TIMEOUT} (every node started is stopped again)
     */
    public static RedisCluster start(int primaries, int replicasPerPrimary) {
        return start(primaries, replicasPerPrimary, false);
    }

    /**
     * Returns the shared cluster of 3 primaries with 1 replica each, started on first use and stopped when the JVM
     * exits. Before handing it out again it checks that it is still consistent, so a test that broke it is found.
     *
     * @return the shared cluster; its {@link #close()} does nothing
     * @throws IllegalStateException when it cannot be started, or an earlier test left it inconsistent
     */
    public static RedisCluster shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = start(3, 1, true);
            } else {
                shared.awaitConsistent(Duration.ofSeconds(10));
            }
            return shared;
        }
    }

    private static RedisCluster start(int primaries, int replicasPerPrimary, boolean isShared) {
        if (primaries < 1 || primaries > ClusterView.SLOTS) {
            throw new IllegalArgumentException("primaries must be 1 to 16384: " + primaries);
        }
        if (replicasPerPrimary < 0) {
            throw new IllegalArgumentException("replicasPerPrimary must be 0 or more: " + replicasPerPrimary);
        }
        if (!RedisProcess.available()) {
            throw new IllegalStateException("redis-server is not on the PATH (scripts/setup.sh installs it)");
        }
        RedisCluster cluster = new RedisCluster(isShared);
        try {
            cluster.create(primaries, replicasPerPrimary);
            return cluster;
        } catch (RuntimeException e) {
            cluster.stopAll();
            throw e;
        }
    }

    private void create(int primaries, int replicasPerPrimary) {
        int total = primaries * (1 + replicasPerPrimary);
        for (int i = 0; i < total; i++) {
            RedisProcess p = launchNode();
            // Distinct config epochs up front, as redis-cli does, instead of waiting for collision resolution.
            ClusterProbe.call(p, "CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        }
        for (int i = 0; i < primaries; i++) {
            int start = (int) ((long) i * ClusterView.SLOTS / primaries);
            int end = (int) ((long) (i + 1) * ClusterView.SLOTS / primaries) - 1;
            ClusterProbe.call(processes.get(i), "CLUSTER", "ADDSLOTSRANGE", Integer.toString(start), Integer.toString(end));
        }
        RedisProcess first = processes.get(0);
        for (RedisProcess p : processes.subList(1, total)) {
            ClusterProbe.call(p, "CLUSTER", "MEET", first.host(), Integer.toString(first.port()));
        }
        ClusterProbe.poll(DEFAULT_TIMEOUT, "every node knows every other", () -> ClusterProbe.membershipProblem(reachable(), ids));
        for (int i = primaries; i < total; i++) {
            RedisProcess primary = processes.get((i - primaries) % primaries);
            ClusterProbe.call(processes.get(i), "CLUSTER", "REPLICATE", ids.get(primary.port()));
        }
        awaitConsistent();
    }

    private RedisProcess launchNode() {
        RedisProcess p = RedisProcess.start(NODE_ARGS);
        processes.add(p);
        ids.put(p.port(), (String) ClusterProbe.call(p, "CLUSTER", "MYID"));
        return p;
    }

    /** @return every node this cluster started, in start order, whatever its state (killed, frozen) */
    public List<ClusterNode> nodes() {
        ClusterView view = anyView();
        List<ClusterNode> nodes = new ArrayList<>(processes.size());
        for (RedisProcess p : processes) {
            nodes.add(snapshot(p, view));
        }
        return List.copyOf(nodes);
    }

    /** @return the running (possibly frozen) nodes that are primaries, in start order */
    public List<ClusterNode> primaries() {
        return nodes().stream().filter(n -> n.process().isRunning() && n.role() == ClusterNode.Role.PRIMARY).toList();
    }

    /** @return the running (possibly frozen) nodes that are replicas, in start order */
    public List<ClusterNode> replicas() {
        return nodes().stream().filter(n -> n.process().isRunning() && n.role() == ClusterNode.Role.REPLICA).toList();
    }

    /**
     * Returns the replicas of a primary, as the nodes see it now.
     *
     * @param primary a primary of this cluster
     * @return its running replicas
     */
    public List<ClusterNode> replicasOf(ClusterNode primary) {
        return replicas().stream().filter(r -> primary.nodeId().equals(r.primaryId())).toList();
    }

    /** @return every node's address, in start order: seeds for a cluster client */
    public List<HostAndPort> seeds() {
        return processes.stream().map(p -> new HostAndPort(p.host(), p.port())).toList();
    }

    /**
     * Returns the node that serves a slot, as a reachable node sees it now.
     *
     * @param slot 0 to 16383
     * @return the primary
     * @throws IllegalArgumentException when the slot is out of range
     * @throws IllegalStateException when no node serves it
     */
    public ClusterNode primaryOf(int slot) {
        checkSlot(slot);
        String id = anyView().ownerOf(slot);
        if (id == null) {
            throw new IllegalStateException("slot " + slot + " is not assigned");
        }
        return node(id);
    }

    /**
     * Returns a key's slot, computed by a node ({@code CLUSTER KEYSLOT}).
     *
     * @param key the key (a hash tag counts)
     * @return 0 to 16383
     */
    public int slotOf(String key) {
        return ((Long) ClusterProbe.call(anyReachable(), "CLUSTER", "KEYSLOT", key)).intValue();
    }

    /** Deletes every key on every reachable primary ({@code FLUSHALL}); replicas follow. */
    public void flushAll() {
        for (ClusterNode n : primaries()) {
            if (n.isReachable()) {
                n.call("FLUSHALL");
            }
        }
    }

    /**
     * Kills a primary with SIGKILL; {@link #awaitPromotion} then waits for its replica to take over.
     *
     * @param primary a primary of this cluster
     * @return the node as it was just before the kill
     * @throws IllegalArgumentException when it is not a primary now
     */
    public ClusterNode killPrimary(ClusterNode primary) {
        ClusterNode now = node(primary.nodeId());
        if (now.role() != ClusterNode.Role.PRIMARY || !now.process().isRunning()) {
            throw new IllegalArgumentException("not a running primary: " + primary.hostAndPort());
        }
        now.kill();
        return now;
    }

    /**
     * Waits until a killed primary's slots are served by another node that every reachable node agrees on and all
     * report {@code cluster_state:ok}.
     *
     * @param killed the node {@link #killPrimary} returned (it must have served at least one slot)
     * @param timeout how long to wait
     * @return the promoted node and the time from the kill
     * @throws IllegalArgumentException when the node was not killed
     * @throws IllegalStateException when no promotion happens in time
     */
    public Promotion awaitPromotion(ClusterNode killed, Duration timeout) {
        long killedAt = killed.process().killedAtNanos();
        if (killedAt == 0 || killed.process().isRunning()) {
            throw new IllegalArgumentException("not killed: " + killed.hostAndPort());
        }
        int slot = firstSlotOf(killed.nodeId());
        String[] promoted = new String[1];
        ClusterProbe.poll(timeout, "a replica of " + killed.hostAndPort() + " takes over slot " + slot, () -> {
            String owner = null;
            for (RedisProcess p : reachable()) {
                if (!ClusterProbe.info(p, "CLUSTER", "INFO").contains("cluster_state:ok")) {
                    return p.port() + " reports cluster_state other than ok";
                }
                String o = ClusterProbe.view(p).ownerOf(slot);
                if (o == null || o.equals(killed.nodeId()) || (owner != null && !owner.equals(o))) {
                    return p.port() + " sees slot " + slot + " served by " + o;
                }
                owner = o;
            }
            promoted[0] = owner;
            return null;
        });
        Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
        return new Promotion(node(promoted[0]), took);
    }

    /**
     * Makes a replica take over from its (reachable) primary with {@code CLUSTER FAILOVER} and waits until every
     * reachable node sees the swap and the cluster is consistent.
     *
     * @param replica a replica of this cluster
     * @return the node, now a primary
     * @throws IllegalArgumentException when it is not a replica now
     * @throws IllegalStateException when the swap does not happen within {@link #DEFAULT_TIMEOUT}
     */
    public ClusterNode failover(ClusterNode replica) {
        ClusterNode now = node(replica.nodeId());
        if (now.role() != ClusterNode.Role.REPLICA) {
            throw new IllegalArgumentException("not a replica: " + replica.hostAndPort());
        }
        String oldPrimary = now.primaryId();
        now.call("CLUSTER", "FAILOVER");
        ClusterProbe.poll(DEFAULT_TIMEOUT, replica.hostAndPort() + " takes over from its primary", () -> {
            for (RedisProcess p : reachable()) {
                ClusterView v = ClusterProbe.view(p);
                ClusterView.Entry r = v.get(now.nodeId());
                ClusterView.Entry old = v.get(oldPrimary);
                if (r == null || !r.primary() || old == null || !old.replica()
                        || !now.nodeId().equals(old.primaryId())) {
                    return p.port() + " does not see the swap yet";
                }
            }
            return null;
        });
        awaitConsistent();
        return node(now.nodeId());
    }

    /**
     * First step of a slot migration: {@code SETSLOT IMPORTING} on the target, then {@code MIGRATING} on the source.
     * From now on the source answers {@code ASK} for keys of the slot it no longer has.
     *
     * @param slot 0 to 16383
     * @param from the primary serving it
     * @param to the primary that will serve it
     * @throws ErrorReplyException when a node refuses
     */
    public void beginMigration(int slot, ClusterNode from, ClusterNode to) {
        checkSlot(slot);
        SlotMigration.begin(slot, from, to);
    }

    /**
     * Second step: moves every key of the slot from the source to the target ({@code GETKEYSINSLOT} and
     * {@code MIGRATE ... KEYS}, in batches).
     *
     * @param slot 0 to 16383
     * @param from the source
     * @param to the target
     * @return how many keys were moved
     * @throws ErrorReplyException when a node refuses
     */
    public int migrateKeys(int slot, ClusterNode from, ClusterNode to) {
        checkSlot(slot);
        return SlotMigration.migrateKeys(slot, from, to);
    }

    /**
     * Last step: {@code SETSLOT NODE} on the target, the source and every other reachable primary, then waits until
     * every reachable node sees the target serving the slot.
     *
     * @param slot 0 to 16383
     * @param from the source
     * @param to the target
     * @throws ErrorReplyException when a node refuses (e.g. the source still holds keys of the slot)
     * @throws IllegalStateException when the nodes do not agree within {@link #DEFAULT_TIMEOUT}
     */
    public void finishMigration(int slot, ClusterNode from, ClusterNode to) {
        checkSlot(slot);
        SlotMigration.finish(slot, from, to, primaries(), this::reachable);
    }

    /**
     * Moves a slot and its keys to another primary: {@link #beginMigration}, {@link #migrateKeys},
     * {@link #finishMigration}. Does nothing when it already serves the slot.
     *
     * @param slot 0 to 16383
     * @param to the new owner, a primary
     * @throws IllegalArgumentException when the slot is out of range or {@code to} is not a primary
     */
    public void moveSlot(int slot, ClusterNode to) {
        ClusterNode from = primaryOf(slot);
        if (from.nodeId().equals(to.nodeId())) {
            return;
        }
        if (node(to.nodeId()).role() != ClusterNode.Role.PRIMARY) {
            throw new IllegalArgumentException("not a primary: " + to.hostAndPort());
        }
        beginMigration(slot, from, to);
        migrateKeys(slot, from, to);
        finishMigration(slot, from, to);
    }

    /**
     * Starts a fresh, empty node, introduces it with {@code CLUSTER MEET} and waits until the cluster is consistent
     * with it as a primary without slots (give it some with {@link #moveSlot}).
     *
     * @return the new primary
     * @throws IllegalStateException when it does not start or join within {@link #DEFAULT_TIMEOUT}
     */
    public synchronized ClusterNode addPrimary() {
        RedisProcess seed = anyReachable();
        RedisProcess p = launchNode();
        ClusterProbe.call(p, "CLUSTER", "MEET", seed.host(), Integer.toString(seed.port()));
        awaitConsistent();
        return node(ids.get(p.port()));
    }

    /**
     * Waits up to {@link #DEFAULT_TIMEOUT} until the cluster is consistent; see {@link #awaitConsistent(Duration)}.
     *
     * @throws IllegalStateException when it is not
     */
    public void awaitConsistent() {
        awaitConsistent(DEFAULT_TIMEOUT);
    }

    /**
     * Waits until every reachable node (running, not frozen) reports {@code cluster_state:ok}, knows every other
     * reachable node as healthy and connected, all agree on each reachable node's role and primary and on the owner
     * of every slot, and every reachable replica's link to its primary is up.
     *
     * @param timeout how long to wait
     * @throws IllegalStateException when that is not reached in time, naming what was still off
     */
    public void awaitConsistent(Duration timeout) {
        ClusterProbe.poll(timeout, "cluster consistent", () -> ClusterProbe.consistencyProblem(reachable(), ids));
    }

    /** Stops every node (SIGKILL) and deletes their directories; does nothing for the {@link #shared()} cluster. */
    @Override
    public void close() {
        if (!isShared) {
            stopAll();
        }
    }

    private void stopAll() {
        processes.forEach(RedisProcess::close);
    }

    private ClusterNode node(String id) {
        ClusterView view = anyView();
        for (RedisProcess p : processes) {
            if (id.equals(ids.get(p.port()))) {
                return snapshot(p, view);
            }
        }
        throw new IllegalArgumentException("no node " + id + " in this cluster");
    }

    private ClusterNode snapshot(RedisProcess p, ClusterView anyView) {
        String id = ids.get(p.port());
        ClusterView.Entry e = null;
        if (p.isRunning() && !p.isFrozen()) {
            try {
                e = ClusterProbe.view(p).myself();
            } catch (UncheckedIOException | ErrorReplyException ignored) {
                // fall back on a peer's view below
            }
        }
        if (e == null && anyView != null) {
            e = anyView.get(id);
        }
        if (e != null) {
            lastRoles.put(id, e.replica() ? ClusterNode.Role.REPLICA : ClusterNode.Role.PRIMARY);
            if (e.primaryId() != null) {
                lastPrimaryIds.put(id, e.primaryId());
            } else {
                lastPrimaryIds.remove(id);
            }
        }
        ClusterNode.Role role = lastRoles.getOrDefault(id, ClusterNode.Role.PRIMARY);
        String primaryId = role == ClusterNode.Role.REPLICA ? lastPrimaryIds.get(id) : null;
        return new ClusterNode(p.host(), p.port(), id, role, primaryId, p);
    }

    private int firstSlotOf(String id) {
        for (RedisProcess p : reachable()) {
            ClusterView.Entry e = ClusterProbe.view(p).get(id);
            if (e != null && !e.slots().isEmpty()) {
                return e.slots().get(0)[0];
            }
        }
        throw new IllegalArgumentException("node " + id + " serves no slot: nothing to promote");
    }

    private List<RedisProcess> reachable() {
        return processes.stream().filter(p -> p.isRunning() && !p.isFrozen()).toList();
    }

    private RedisProcess anyReachable() {
        return reachable().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no reachable node in the cluster"));
    }

    private ClusterView anyView() {
        for (RedisProcess p : reachable()) {
            try {
                return ClusterProbe.view(p);
            } catch (UncheckedIOException | ErrorReplyException ignored) {
                // try the next node
            }
        }
        return null;
    }

    private static void checkSlot(int slot) {
        if (slot < 0 || slot >= ClusterView.SLOTS) {
            throw new IllegalArgumentException("slot must be 0 to 16383: " + slot);
        }
    }
}
