package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterConfig;
import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterTopology;
import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.RequestPolicy;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.internal.connection.CallDeadline;
import io.respkit.exceptions.RedisClusterDownException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.internal.Errors;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.Decoders;
import io.respkit.internal.server.CommandKeys;
import io.respkit.pool.PoolStats;
import io.respkit.internal.server.EffectiveSpecs;
import io.respkit.internal.server.ServerCommandTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs commands on a Redis Cluster: each to the node serving its keys' hash slot (reads to a replica when
 * {@link ReadFrom} allows), keyless ones to any primary or, when the command's
 * {@linkplain CommandSpec#requestPolicy() request policy} says so, to every primary or node with the replies merged;
 * multi-key commands whose keys span slots are split per slot when their policy allows ({@code MGET}, {@code DEL},
 * ...), else refused before sending.
 *
 * <p>What may run again is decided by what the server can have seen. {@code MOVED} and {@code ASK} (the node did not
 * run it) are followed up to {@link ClusterConfig#maxRedirects()} times; {@code TRYAGAIN} and {@code CLUSTERDOWN}
 * are retried with back-off until the command's time is up; a node that could not be reached (nothing sent) makes the
 * command wait for a topology refresh and go to the slot's owner then. A command that was sent and whose connection
 * failed or timed out is retried only when it is a read; a write that may have run is never sent again. No attempt
 * starts after the command's own time (the configured timeout, plus the block time of a blocking command) is up.
 *
 * <p>Thread-safe.
 */
public final class ClusterRouter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterRouter.class);
    private static final String TABLE_NAME = "cluster";
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final TopologyManager topology;
    private final ClusterConfig config;
    private final CommandKeys keys;
    private final EffectiveSpecs serverSpecs;
    private final ClusterBatches batches;

    /**
     * Connects to the cluster: reads its topology from the seeds.
     *
     * @param config the configuration
     * @throws RedisConnectionException when no seed answered with a topology
     */
    public ClusterRouter(ClusterConfig config) {
        this.config = config;
        this.topology = new TopologyManager(config);
        ServerCommandTable table = new ServerCommandTable();
        // COMMAND INFO and GETKEYS answer alike on every node of one cluster: asked once, of any primary
        // shard channels (SPUBLISH) are not_key in the key specs, yet pick the slot like keys
        this.keys = new CommandKeys(table, TABLE_NAME, this::runAnywhere, true);
        this.serverSpecs = new EffectiveSpecs(table, TABLE_NAME, this::runAnywhere);
        this.batches = new ClusterBatches(this, topology);
    }

    /** @return the pipelines and transactions over this router's nodes */
    public ClusterBatches batches() {
        return batches;
    }

    /**
     * Returns the state of each open node pool.
     *
     * @return a snapshot, by node address, in no particular order
     */
    public Map<HostAndPort, PoolStats> poolStats() {
        Map<HostAndPort, PoolStats> out = new HashMap<>();
        topology.channels().forEach((address, channel) -> out.put(address, channel.pool().stats()));
        return out;
    }

    /** @return the topology last read */
    public ClusterTopology topology() {
        return topology.topology();
    }

    /**
     * Reads the topology now.
     *
     * @return the topology read (the previous one when no node answered)
     */
    public ClusterTopology refreshTopology() {
        return topology.refreshNow();
    }

    /** @return the topology's keeper, for tests of the refresh */
    TopologyManager topologyManager() {
        return topology;
    }

    /**
     * Asks for a topology refresh, rate-limited and coalesced with others, and returns at once: for the pub/sub
     * subscribers, which notice a lost node on their own connections.
     */
    public void requestTopologyRefresh() {
        topology.requestRefresh();
    }

    /** @return the configuration */
    public ClusterConfig config() {
        return config;
    }

    /**
     * Runs a command on the node (or nodes) it belongs to, following redirects.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisCrossSlotException when its keys span slots and it cannot be split; nothing was sent
     * @throws io.respkit.exceptions.RedisClusterDownException when its slot stayed unserved until its time was up
     * @throws RedisServerException when the server answered with an error (after the redirects allowed)
     * @throws RedisConnectionException when the node failed, for a write that may have run or when time was up
     */
    public <T> T execute(Command<T> command) {
        return execute(command, null);
    }

    /**
     * Runs a command as {@link #execute(Command)} does, as one observed call: started once the node of its first
     * attempt is chosen; redirects, retries and the other nodes of a fan-out or split belong to it. The caller ends
     * it.
     *
     * @param command the command
     * @param observation the call, or {@code null} when unobserved
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisCrossSlotException when its keys span slots and it cannot be split; nothing was sent
     * @throws io.respkit.exceptions.RedisClusterDownException when its slot stayed unserved until its time was up
     * @throws RedisServerException when the server answered with an error (after the redirects allowed)
     * @throws RedisConnectionException when the node failed, for a write that may have run or when time was up
     */
    public <T> T execute(Command<T> command, ClusterObservation observation) {
        if (!command.spec().isKnown()) {
            serverSpecs.apply(command);
        }
        int[] positions = keys.positions(command);
        int slot = KeySlots.slot(command, positions);
        if (slot == KeySlots.CROSS) {
            if (splits(command)) {
                return MultiShard.execute(this, command, positions, observation);
            }
            throw new RedisCrossSlotException(command.name(), KeySlots.distinct(command, positions));
        }
        if (slot == KeySlots.NONE) {
            RequestPolicy policy = command.spec().requestPolicy();
            if (policy == RequestPolicy.ALL_SHARDS || policy == RequestPolicy.ALL_NODES) {
                return fanOut(command, policy == RequestPolicy.ALL_NODES, observation);
            }
        }
        return route(command, slot, null, observation);
    }

    /**
     * Returns whether a command whose keys span slots is split per slot rather than refused.
     *
     * @param command the command
     * @return {@code true} for a multi-shard command such as {@code MGET} or {@code DEL}
     */
    static boolean splits(Command<?> command) {
        // MSETNX sets all of its keys or none: split per slot it could set some, so it stays refused
        return command.spec().requestPolicy() == RequestPolicy.MULTI_SHARD && command.spec() != CommandSpecs.MSETNX;
    }

    /**
     * Returns the argument positions of a command's keys, as {@link #execute} routes by them: a command whose spec
     * respkit does not know gets the server's first (one {@code COMMAND INFO}, the first time its name is used).
     * For the asynchronous API, which routes before it sends.
     *
     * @param command the command
     * @return the key positions, empty for a keyless command
     */
    int[] keyPositions(Command<?> command) {
        if (!command.spec().isKnown()) {
            serverSpecs.apply(command);
        }
        return keys.positions(command);
    }

    /**
     * Runs a command on one node, following redirects from there, e.g. each page of a {@code SCAN} over a primary.
     *
     * @param node the node
     * @param command the command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisServerException when the server answered with an error
     * @throws RedisConnectionException when the node failed or could not be reached
     */
    public <T> T executeOn(HostAndPort node, Command<T> command) {
        return executeOn(node, command, null);
    }

    /**
     * Runs a command on one node as {@link #executeOn(HostAndPort, Command)} does, as one observed call, which the
     * caller ends.
     *
     * @param node the node
     * @param command the command
     * @param observation the call, or {@code null} when unobserved
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisServerException when the server answered with an error
     * @throws RedisConnectionException when the node failed or could not be reached
     */
    public <T> T executeOn(HostAndPort node, Command<T> command, ClusterObservation observation) {
        return route(command, KeySlots.NONE, node, observation);
    }

    /**
     * Runs a command on its slot's node (any primary for {@link KeySlots#NONE}, or {@code pinned}), following
     * redirects, waiting out failovers within the command's time; {@code observation} (or {@code null}) starts on the
     * node of the first attempt.
     */
    <T> T route(Command<T> command, int slot, HostAndPort pinned, ClusterObservation observation) {
        long deadline = System.nanoTime() + budgetNanos();
        if (command.blockMillis() >= 0) {
            // its own wait for a reply comes on top of the budget
            return route(command, slot, pinned, deadline, observation);
        }
        // The attempt in flight ends with the call: reads on its connection (a handshake included) stop then.
        long outer = CallDeadline.get();
        long previous = CallDeadline.set(outer != 0 && outer - deadline < 0 ? outer : deadline);
        try {
            return route(command, slot, pinned, deadline, observation);
        } finally {
            CallDeadline.restore(previous);
        }
    }

    private <T> T route(Command<T> command, int slot, HostAndPort pinned, long deadline,
            ClusterObservation observation) {
        boolean read = command.isReadOnly();
        boolean mayRepeat = read && command.blockMillis() < 0;
        int redirects = 0;
        int backoffs = 0;
        HostAndPort ask = null;
        boolean avoidReplicas = false;
        boolean primaryUnreachable = false;
        while (true) {
            HostAndPort target = null;
            boolean replica = false;
            try {
                if (ask != null) {
                    target = ask;
                } else if (pinned != null) {
                    target = pinned;
                } else if (slot == KeySlots.NONE) {
                    target = topology.anyPrimary();
                } else {
                    HostAndPort r = read && !avoidReplicas ? replicaFor(slot, primaryUnreachable) : null;
                    replica = r != null;
                    target = replica ? r : topology.primaryFor(slot); // CLUSTERDOWN when no node serves it
                    if (topology.suspected(target)) {
                        // it just failed another caller: wait for the read that may name its successor
                        if (replica) {
                            avoidReplicas = true;
                            continue;
                        }
                        if (topology.awaitRefresh(deadline)) {
                            continue; // re-route: the slot may have moved, or the node is no longer suspected
                        }
                        throw new RedisConnectionException("The node " + target + " serving hash slot " + slot
                                + " stopped answering and no topology read moved the slot within the timeout of "
                                + command.name() + "; nothing was sent");
                    }
                    if (!replica && topology.markedFailed(target)) {
                        // its replica is being promoted: wait for the topology that names it, not for a timeout
                        if (topology.awaitRefresh(deadline)) {
                            continue;
                        }
                        throw new RedisClusterDownException("The primary " + target + " of hash slot " + slot
                                + " is marked failed and no replica took over within the timeout of "
                                + command.name());
                    }
                }
                if (observation != null) {
                    observation.routedTo(target);
                }
                return topology.channel(target).execute(command, ask != null, replica);
            } catch (RedisServerException e) {
                Redirect redirect = Redirect.of(e, target);
                if (redirect != null) {
                    if (++redirects > config.maxRedirects()) {
                        throw Errors.withMessage(e, "Gave up on " + command.name() + " after " + config.maxRedirects()
                                + " cluster redirects (last from " + target + ": " + e.code() + ")");
                    }
                    if (redirect.moved()) {
                        topology.moved(redirect.slot(), redirect.target());
                        ask = null;
                        if (replica) {
                            avoidReplicas = true; // the replica's primary gave the slot away
                        }
                    } else {
                        ask = redirect.target();
                    }
                    pinned = null;
                    continue;
                }
                ask = null;
                String code = e.code();
                if ("TRYAGAIN".equals(code) || "CLUSTERDOWN".equals(code)) {
                    if ("CLUSTERDOWN".equals(code)) {
                        topology.requestRefresh();
                    }
                    if (!backOff(deadline, backoffs++)) {
                        throw e;
                    }
                    continue;
                }
                if ("LOADING".equals(code) && replica) {
                    avoidReplicas = true; // a replica still syncing: ask the primary
                    continue;
                }
                throw e;
            } catch (NotSentException e) {
                // nothing left the client: the node is down or unreachable; wait for the topology to change
                topology.suspect(target);
                ask = null;
                if (read && !replica && !primaryUnreachable && config.readFrom() == ReadFrom.PRIMARY_PREFERRED) {
                    primaryUnreachable = true; // a replica may answer at once
                    topology.requestRefresh();
                    continue;
                }
                if (pinned != null || !topology.awaitRefresh(deadline)) {
                    throw e.getCause();
                }
            } catch (RedisConnectionException e) {
                ask = null;
                if (e instanceof RedisTimeoutException) {
                    topology.suspect(target);
                } else {
                    topology.requestRefresh();
                }
                if (!mayRepeat || e instanceof RedisTimeoutException || pinned != null
                        || !topology.awaitRefresh(deadline)) {
                    throw e; // a write may have run: never sent twice
                }
                log.debug("Repeating read-only {} after: {}", command.name(), e.getMessage());
            }
        }
    }

    /** Runs a keyless command on every primary (or every node) and merges the replies. */
    private <T> T fanOut(Command<T> command, boolean replicasToo, ClusterObservation observation) {
        ClusterTopology t = topology.topology();
        List<ClusterNode> nodes = new ArrayList<>(t.servingPrimaries());
        if (replicasToo) {
            for (ClusterNode n : t.replicas()) {
                if (n.health() == ClusterNode.Health.ONLINE) {
                    nodes.add(n);
                }
            }
        }
        List<Object> replies = new ArrayList<>(nodes.size());
        RedisException failure = null;
        for (ClusterNode node : nodes) {
            try {
                replies.add(route(Commands.copy(command, Decoders.raw()), KeySlots.NONE, node.address(), observation));
            } catch (RedisException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null && (replies.isEmpty()
                || command.spec().responsePolicy() != io.respkit.commands.ResponsePolicy.ONE_SUCCEEDED)) {
            throw failure;
        }
        return command.decode(Replies.merge(command.spec().responsePolicy(), replies));
    }


    /** A replica to read from, as the read-from policy allows; null for the primary. */
    private HostAndPort replicaFor(int slot, boolean primaryUnreachable) {
        ReadFrom readFrom = config.readFrom();
        if (readFrom == ReadFrom.PRIMARY || (readFrom == ReadFrom.PRIMARY_PREFERRED && !primaryUnreachable)) {
            return null;
        }
        List<ClusterNode> replicas = topology.topology().replicas(slot);
        if (replicas.isEmpty() && readFrom == ReadFrom.REPLICA) {
            throw new RedisConnectionException("No available replica serves hash slot " + slot
                    + " (read-from REPLICA never reads from the primary)");
        }
        int n = replicas.size() + (readFrom == ReadFrom.ANY ? 1 : 0);
        if (n == 0) {
            return null; // no replica: the primary serves the read
        }
        int pick = ThreadLocalRandom.current().nextInt(n);
        return pick < replicas.size() ? replicas.get(pick).address() : null;
    }

    /** Sleeps before another attempt: 10 ms, doubling, at most 100 ms; false when the deadline would pass. */
    private static boolean backOff(long deadline, int attempt) {
        long pause = Math.min(MAX_BACKOFF_NANOS, TimeUnit.MILLISECONDS.toNanos(10) << Math.min(attempt, 4));
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        LockSupport.parkNanos(Math.min(pause, left));
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new io.respkit.exceptions.RedisInterruptedException("Interrupted while waiting to retry a command on "
                    + "the cluster");
        }
        return System.nanoTime() < deadline;
    }

    /**
     * How long a command may spend waiting to be sent (redirects, back-off, failovers): the configured timeout. A
     * blocking command's own wait for its reply is the connection's business and comes on top; a pop that blocks
     * forever must not also wait forever for a node that is gone.
     */
    private long budgetNanos() {
        return config.nodeConfig().timeout().toNanos();
    }

    /** COMMAND INFO / GETKEYS: the same on every node, so any primary answers; for the key finder. */
    private Object runAnywhere(Command<Object> command) {
        return route(command, KeySlots.NONE, null, null);
    }

    @Override
    public void close() {
        batches.close();
        topology.close();
    }
}
