package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterNode;
import io.respkit.commands.Command;
import io.respkit.commands.RequestPolicy;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.exceptions.RedisClusterDownException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.internal.multiplex.Multiplexer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends cluster commands asynchronously. The common case, a command whose keys hash to one slot (or a keyless one
 * that any primary may run) and that may share a connection ({@link Multiplexer#shareable}), is submitted at once to
 * the shared auto-pipelined connection of the slot's primary, one per node. When that node answers {@code MOVED} or
 * {@code ASK}, {@code TRYAGAIN} or {@code CLUSTERDOWN} (it did not run the command), or could not be reached
 * (nothing was sent), the command is finished by the synchronous {@link ClusterRouter} on a worker thread, which
 * follows redirects and waits out failovers. A connection failure after the command was submitted is retried that
 * way only for a read; a write that may have run fails, and so does a command whose reply did not come within the
 * configured timeout (that fails only its own future: the shared connection's watchdog replaces the connection, failing
 * what is on it, once its oldest command is overdue).
 *
 * <p>Everything else runs through the router on a worker thread ({@link ClusterCall}): fan-out and multi-shard
 * splits, reads that may go to a replica ({@link ReadFrom} other than {@code PRIMARY} and {@code PRIMARY_PREFERRED}),
 * blocking and stateful commands. A command whose keys span slots and that cannot be split fails at once with
 * {@link RedisCrossSlotException}; nothing is sent.
 *
 * <p>Threads: blocking commands (those with a block time) run on daemon threads named
 * {@code respkit-cluster-blocking-*}, created on demand; the rest on at most {@value #ROUTED_THREADS} daemon threads
 * named {@code respkit-cluster-async-*}, commands queuing beyond that. Both retire after a second idle.
 *
 * <p>Thread-safe.
 */
public final class ClusterAsync {

    /** Enough for fan-outs and redirects of many callers at once, few enough that a burst of retries stays cheap. */
    static final int ROUTED_THREADS = 32;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClusterAsync.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Nodes whose shared connection a worker is opening now. */
    private final java.util.Map<HostAndPort, Boolean> opening = new java.util.concurrent.ConcurrentHashMap<>();

    /** Fan-out, splits, redirected and retried commands: each takes at most about its timeout. */
    private static final ExecutorService ROUTED;
    /** Blocking commands, which may wait any time: never queued behind one another. */
    private static final ExecutorService BLOCKING = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> daemon(r, "respkit-cluster-blocking-"));

    static {
        ThreadPoolExecutor routed = new ThreadPoolExecutor(ROUTED_THREADS, ROUTED_THREADS, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "respkit-cluster-async-"));
        routed.allowCoreThreadTimeOut(true);
        ROUTED = routed;
    }

    private final ClusterRouter router;
    private final TopologyManager topology;
    private final long timeoutMillis;
    private final boolean replicaReads;

    /**
     * Sends through a router's nodes.
     *
     * @param router the router
     */
    public ClusterAsync(ClusterRouter router) {
        this.router = router;
        this.topology = router.topologyManager();
        this.timeoutMillis = router.config().nodeConfig().timeout().toMillis();
        ReadFrom readFrom = router.config().readFrom();
        this.replicaReads = readFrom != ReadFrom.PRIMARY && readFrom != ReadFrom.PRIMARY_PREFERRED;
    }

    private static Thread daemon(Runnable r, String prefix) {
        Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /**
     * Sends a command and completes {@code response} with its reply or failure; returns at once, except that the
     * first use of a command name respkit does not know waits for one {@code COMMAND INFO} (and one whose keys
     * the server must find, for {@code COMMAND GETKEYS}).
     *
     * @param command the command
     * @param response completed with the decoded reply, or exceptionally with a {@link RedisException}
     * @param observation the command's call, started here or by the router on the node of its first attempt (the
     *        caller ends it when {@code response} completes), or {@code null} when unobserved
     * @param <T> the reply type
     */
    public <T> void submit(Command<T> command, CompletableFuture<T> response, ClusterObservation observation) {
        int slot;
        try {
            int[] positions = router.keyPositions(command);
            slot = KeySlots.slot(command, positions);
            if (slot == KeySlots.CROSS && !ClusterRouter.splits(command)) {
                response.completeExceptionally(new RedisCrossSlotException(command.name(),
                        KeySlots.distinct(command, positions)));
                return;
            }
        } catch (RuntimeException e) {
            response.completeExceptionally(e);
            return;
        }
        if (slot == KeySlots.CROSS || !Multiplexer.shareable(command)
                || (slot == KeySlots.NONE && command.spec().requestPolicy() != RequestPolicy.DEFAULT)
                || (replicaReads && command.isReadOnly())) {
            viaRouter(command, response, observation);
            return;
        }
        HostAndPort target;
        try {
            target = slot == KeySlots.NONE ? topology.anyPrimary() : topology.primaryFor(slot);
        } catch (RedisClusterDownException e) {
            viaRouter(command, response, observation); // the router waits for a topology that names an owner
            return;
        }
        if (target == null || topology.markedFailed(target) || topology.suspected(target)) {
            // its replica is being promoted, or it just failed to answer: the router waits for the topology
            // that names its successor, on a worker thread, instead of this caller connecting to a hung node
            viaRouter(command, response, observation);
            return;
        }
        Multiplexer multiplexer;
        CompletableFuture<T> reply;
        try {
            multiplexer = topology.channel(target).multiplexer();
        } catch (IllegalStateException e) {
            response.completeExceptionally(new RedisException("The cluster client is closed", e));
            return;
        }
        if (!multiplexer.isConnected()) {
            // opening a connection can take a handshake timeout (a hung node): never on the caller's thread, which
            // was promised an immediate return; this command goes through the router, the connection opens behind
            openInBackground(target, multiplexer);
            viaRouter(command, response, observation);
            return;
        }
        if (observation != null) {
            observation.routedTo(target);
        }
        try {
            reply = multiplexer.submit(command);
        } catch (RedisException e) {
            // no connection (nothing was sent): the router finds the node's successor
            viaRouter(command, response, observation);
            return;
        }
        HostAndPort node = target;
        reply.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            if (error == null) {
                response.complete(value);
            } else {
                failed(command, response, node, error, observation);
            }
        });
    }

    /** Decides what a failure on the shared connection means; on its reader thread, so it must not block. */
    private <T> void failed(Command<T> command, CompletableFuture<T> response, HostAndPort node, Throwable error,
            ClusterObservation observation) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            RedisTimeoutException timeout = new RedisTimeoutException("Command " + command.name() + " timed out after "
                    + timeoutMillis + " ms on " + node, cause);
            // Only this command's bound. Whether the node hangs is the connection's watchdog's call: it fails the
            // connection, and all on it, once its oldest command is overdue; failing it from this timer, which races
            // the reader, would also fail the replies arriving right behind this one.
            topology.suspect(node); // the next callers wait for the topology rather than for this node
            response.completeExceptionally(timeout);
            return;
        }
        if (cause instanceof RedisServerException e) {
            Redirect redirect = Redirect.of(e, node);
            if (redirect != null) {
                if (redirect.moved()) {
                    topology.moved(redirect.slot(), redirect.target());
                }
                viaRouter(command, response, observation); // not run there: the router follows the redirect
                return;
            }
            String code = e.code();
            if ("TRYAGAIN".equals(code) || "CLUSTERDOWN".equals(code)) {
                viaRouter(command, response, observation); // not run: the router backs off and retries
                return;
            }
            response.completeExceptionally(e);
            return;
        }
        if (cause instanceof RedisConnectionException e && !(e instanceof RedisTimeoutException)) {
            topology.requestRefresh();
            if (command.isReadOnly()) {
                viaRouter(command, response, observation); // a read may run twice
                return;
            }
        }
        response.completeExceptionally(cause); // a write that may have run is never sent again
    }

    /** Opens a node's shared connection on a worker thread, once at a time per node. */
    private void openInBackground(HostAndPort node, Multiplexer multiplexer) {
        if (opening.putIfAbsent(node, Boolean.TRUE) != null) {
            return;
        }
        try {
            ROUTED.execute(() -> {
                try {
                    multiplexer.open();
                } catch (RedisException e) {
                    log.debug("Shared connection to {} not opened: {}", node, e.getMessage());
                } finally {
                    opening.remove(node);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            opening.remove(node);
        }
    }

    private <T> void viaRouter(Command<T> command, CompletableFuture<T> response, ClusterObservation observation) {
        ClusterCall<T> call = new ClusterCall<>(router, command, response, observation);
        try {
            (command.blockMillis() >= 0 ? BLOCKING : ROUTED).execute(call);
        } catch (RuntimeException e) {
            response.completeExceptionally(new RedisException("Could not start " + command.name() + ": " + e, e));
        }
    }


    @Override
    public String toString() {
        return "ClusterAsync[" + router.config() + "]";
    }
}
