package io.respkit.internal.cluster;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RequestPolicy;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConnection;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.internal.Errors;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.Decoders;
import io.respkit.pool.PooledConnection;
import io.respkit.protocol.ErrorReply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pipelines and transactions over a cluster's nodes: {@link #run} sends a batch of commands grouped by the node that
 * owns each command's slot, one pipelined round trip per node (in chunks of {@code flushEvery}), the nodes
 * concurrently, and follows {@code MOVED} and {@code ASK} for the commands that got them; the other methods give the
 * cluster transactions of {@code io.respkit} the slot, node and connection they need.
 *
 * <p>Commands of one node are sent in queue order, so commands on one slot keep their relative order unless one of
 * them is redirected (it is re-sent after the others). Keyless commands go to one primary, together. A command whose
 * keys span slots gets a {@link RedisCrossSlotException} as its result (not split: a split part would run out of
 * order with the commands queued around it); one that the server's tips send to every shard or node ({@code DBSIZE},
 * {@code FLUSHALL}, {@code PING}, ...) gets a {@link RedisUnsupportedCommandException}; neither is sent.
 * A command sent whose connection then failed is re-sent only when it is a read; a write gets the connection's
 * failure as its result. Commands not sent because no connection could be had are re-sent after a topology refresh.
 *
 * <p>Thread-safe. Node groups beyond the caller's own run on a bounded pool of daemon threads, stopped by
 * {@link #close()}.
 */
public final class ClusterBatches implements AutoCloseable {

    /** The slot of a keyless command or command list. */
    public static final int NO_SLOT = KeySlots.NONE;
    /** Threads for node groups beyond the caller's; idle ones end after a while. */
    private static final int THREADS = 8;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final ClusterRouter router;
    private final TopologyManager topology;
    private final ThreadPoolExecutor executor;

    ClusterBatches(ClusterRouter router, TopologyManager topology) {
        this.router = router;
        this.topology = topology;
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "respkit-cluster-pipeline-" + THREAD_IDS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Not sent, or a read whose connection failed after sending: may go (again) to the slot's owner. */
    private record Resend(RedisException cause) {
    }

    /**
     * Runs a batch of commands on their nodes, see the class comment.
     *
     * @param commands the commands, in queue order
     * @param flushEvery the most commands per round trip to one node
     * @param observation the round's call, started on the node of the first command sent (the caller ends it), or
     *        {@code null} when unobserved
     * @return per command, in order: its raw reply, or the {@link RedisException} it failed with
     * @throws IllegalStateException when the client is closed
     */
    public Object[] run(List<? extends Command<?>> commands, int flushEvery, ClusterObservation observation) {
        int n = commands.size();
        Object[] out = new Object[n];
        int[] slots = new int[n];
        int[] hops = new int[n];
        HostAndPort[] ask = new HostAndPort[n];
        HostAndPort[] sentTo = new HostAndPort[n];
        List<Integer> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                slots[i] = slotOrRefusal(commands.get(i));
                pending.add(i);
            } catch (RedisException e) {
                out[i] = e;
            }
        }
        long deadline = System.nanoTime() + topology.config().nodeConfig().timeout().toNanos();
        HostAndPort keyless = null;
        while (!pending.isEmpty()) {
            if (keyless == null) {
                keyless = topology.anyPrimary();
            }
            HostAndPort anyNode = keyless;
            Map<BatchPlan.Target, List<Integer>> groups = BatchPlan.group(pending, i -> {
                try {
                    HostAndPort node = ask[i] != null ? ask[i]
                            : slots[i] == NO_SLOT ? anyNode : topology.primaryFor(slots[i]);
                    sentTo[i] = node;
                    return new BatchPlan.Target(node, ask[i] != null);
                } catch (RedisException e) {
                    out[i] = e; // no node serves the slot
                    return null;
                }
            });
            if (observation != null && !groups.isEmpty()) {
                observation.routedTo(groups.keySet().iterator().next().node());
            }
            runGroups(groups, commands, out, flushEvery);
            List<Integer> again = new ArrayList<>();
            boolean refresh = false;
            for (int i : pending) {
                ask[i] = null;
                if (out[i] instanceof Resend r) {
                    if (++hops[i] > topology.config().maxRedirects()) {
                        out[i] = r.cause();
                    } else {
                        refresh = true;
                        again.add(i);
                    }
                } else if (out[i] instanceof RedisServerException e) {
                    Redirect redirect = Redirect.of(e, sentTo[i]);
                    if (redirect == null) {
                        continue;
                    }
                    if (++hops[i] > topology.config().maxRedirects()) {
                        out[i] = Errors.withMessage(e, "Gave up on " + commands.get(i).name() + " after "
                                + topology.config().maxRedirects() + " cluster redirects (last from " + sentTo[i]
                                + ": " + e.code() + ")");
                        continue;
                    }
                    if (redirect.moved()) {
                        topology.moved(redirect.slot(), redirect.target());
                    } else {
                        ask[i] = redirect.target();
                    }
                    again.add(i);
                }
            }
            if (refresh) {
                topology.requestRefresh();
                keyless = null;
                if (!topology.awaitRefresh(deadline)) {
                    again.removeIf(i -> {
                        if (out[i] instanceof Resend r) {
                            out[i] = r.cause(); // time is up: the failure is the result
                            return true;
                        }
                        return false;
                    });
                }
            }
            pending = again;
        }
        return out;
    }

    /** The command's one slot or {@link #NO_SLOT}; throws what its result is when it cannot be pipelined. */
    private int slotOrRefusal(Command<?> command) {
        int[] positions = router.keyPositions(command);
        int slot = KeySlots.slot(command, positions);
        if (slot == KeySlots.CROSS) {
            throw new RedisCrossSlotException(command.name(), KeySlots.distinct(command, positions));
        }
        RequestPolicy policy = command.spec().requestPolicy();
        if (slot == NO_SLOT && (policy == RequestPolicy.ALL_SHARDS || policy == RequestPolicy.ALL_NODES)) {
            throw new RedisUnsupportedCommandException(command.name() + " runs on every node of a cluster: call it on "
                    + "the cluster client, not in a cluster pipeline");
        }
        return slot;
    }

    private void runGroups(Map<BatchPlan.Target, List<Integer>> groups, List<? extends Command<?>> commands,
            Object[] out, int flushEvery) {
        List<Future<?>> others = new ArrayList<>(groups.size());
        Map.Entry<BatchPlan.Target, List<Integer>> mine = null;
        for (Map.Entry<BatchPlan.Target, List<Integer>> group : groups.entrySet()) {
            if (mine == null) {
                mine = group;
            } else {
                others.add(executor.submit(() -> runGroup(group.getKey(), group.getValue(), commands, out,
                        flushEvery)));
            }
        }
        if (mine != null) {
            runGroup(mine.getKey(), mine.getValue(), commands, out, flushEvery);
        }
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get(); // each group ends within its connection's read timeout
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new RedisException("cluster pipeline group failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One node's share: pipelined on one borrowed connection, {@code flushEvery} commands per round trip. */
    private void runGroup(BatchPlan.Target target, List<Integer> indexes, List<? extends Command<?>> commands,
            Object[] out, int flushEvery) {
        PooledConnection lease;
        try {
            lease = topology.channel(target.node()).borrow();
        } catch (NotSentException e) {
            for (int i : indexes) {
                out[i] = new Resend(e.getCause());
            }
            return;
        }
        RedisConnection connection = lease.connection();
        Command<Object> asking = target.asking()
                ? Command.create(ByteArrayCodec.INSTANCE, CommandSpecs.ASKING, Decoders.raw()) : null;
        int read = 0;
        int sent = 0;
        try {
            while (read < indexes.size()) {
                int end = Math.min(read + flushEvery, indexes.size());
                for (int k = read; k < end; k++) {
                    if (asking != null) {
                        connection.send(asking); // ASK holds for the one command that follows
                    }
                    connection.send(commands.get(indexes.get(k)));
                    sent = k + 1;
                }
                connection.flush(commands.get(indexes.get(read)));
                for (; read < end; read++) {
                    int i = indexes.get(read);
                    Command<?> command = commands.get(i);
                    if (asking != null) {
                        connection.readReply(asking); // when it failed, the command's own reply says why
                    }
                    Object reply = connection.readReply(command);
                    if (reply instanceof ErrorReply error) {
                        out[i] = Errors.fromReply(error, command.name(), connection.address());
                    } else {
                        connection.trackSuccess(command);
                        out[i] = reply;
                    }
                }
            }
        } catch (RedisInterruptedException e) {
            for (int k = read; k < indexes.size(); k++) {
                out[indexes.get(k)] = e;
            }
        } catch (RedisException e) {
            for (int k = read; k < indexes.size(); k++) {
                Command<?> command = commands.get(indexes.get(k));
                boolean mayRepeat = k >= sent || (command.isReadOnly() && command.blockMillis() < 0
                        && !(e instanceof RedisTimeoutException));
                out[indexes.get(k)] = mayRepeat ? new Resend(e) : e; // a write that may have run: never twice
            }
        } finally {
            if (read < indexes.size() && connection.isUsable()) {
                connection.close(); // replies still owed must never reach another caller
            }
            lease.close();
        }
    }

    /**
     * Returns the one slot of a command's keys.
     *
     * @param command the command
     * @return the slot, or {@link #NO_SLOT} for a keyless command
     * @throws RedisCrossSlotException when its keys span slots
     */
    public int slotOf(Command<?> command) {
        int[] positions = router.keyPositions(command);
        int slot = KeySlots.slot(command, positions);
        if (slot == KeySlots.CROSS) {
            throw new RedisCrossSlotException(command.name(), KeySlots.distinct(command, positions));
        }
        return slot;
    }

    /**
     * Returns the one slot of some keys.
     *
     * @param what the command they are for, for messages
     * @param keys the keys, at least one
     * @param codec the codec whose charset encodes them
     * @return the slot
     * @throws IllegalArgumentException when there is no key
     * @throws RedisCrossSlotException when they span slots
     */
    public int slotOfKeys(String what, Collection<String> keys, RedisCodec<?> codec) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one key");
        }
        Command<Object> probe = Command.create(codec, what, Decoders.raw());
        for (String key : keys) {
            probe.key(key);
        }
        int slot = KeySlots.slot(probe, probe.keyCount() == 0 ? new int[0] : positions(probe));
        if (slot == KeySlots.CROSS) {
            throw new RedisCrossSlotException(what, KeySlots.distinct(probe, positions(probe)));
        }
        return slot;
    }

    private static int[] positions(Command<?> command) {
        int[] p = new int[command.keyCount()];
        for (int k = 0; k < p.length; k++) {
            p[k] = command.keyPosition(k);
        }
        return p;
    }

    /**
     * Returns the node serving a slot's writes, any primary for {@link #NO_SLOT}.
     *
     * @param slot the slot
     * @return the node
     * @throws io.respkit.exceptions.RedisClusterDownException when no node serves the slot
     */
    public HostAndPort primaryFor(int slot) {
        return slot == NO_SLOT ? topology.anyPrimary() : topology.primaryFor(slot);
    }

    /**
     * Borrows a connection to a node from its pool.
     *
     * @param node the node
     * @return the connection; close it to give it back
     * @throws io.respkit.exceptions.RedisConnectionException when none could be had; nothing was sent
     */
    public PooledConnection borrow(HostAndPort node) {
        try {
            return topology.channel(node).borrow();
        } catch (NotSentException e) {
            topology.requestRefresh();
            throw e.getCause();
        }
    }

    /**
     * Reads a redirection from a failure and, for {@code MOVED}, records the slot's new owner.
     *
     * @param failure a command's failure
     * @param from the node that answered
     * @return the redirection, or {@code null} when the failure is none
     */
    public Redirect follow(RedisException failure, HostAndPort from) {
        Redirect r = failure instanceof RedisServerException e ? Redirect.of(e, from) : null;
        if (r != null && r.moved()) {
            topology.moved(r.slot(), r.target());
        }
        return r;
    }

    /** @return the cluster's configuration */
    public io.respkit.cluster.ClusterConfig config() {
        return topology.config();
    }

    /** @return the most redirects to follow for one command */
    public int maxRedirects() {
        return topology.config().maxRedirects();
    }


    /** Stops the threads. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
