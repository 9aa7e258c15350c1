package io.respkit;

import io.respkit.cluster.ClusterConfig;
import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisAsyncCommands;
import io.respkit.connection.CommandObserver;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.internal.Observations;
import io.respkit.internal.cluster.ClusterAsync;
import io.respkit.internal.cluster.ClusterObservation;
import io.respkit.internal.cluster.ClusterRouter;

/**
 * Every typed command on a Redis Cluster, asynchronously ({@link RedisAsyncCommands}): each method returns a
 * {@link Response} at once, and every failure completes it exceptionally. A command whose keys hash to one slot (or a
 * keyless one that any primary may run) goes to the shared auto-pipelined connection of the slot's primary, one per
 * node, so thousands of concurrent calls cost a handful of socket writes per node. A reply that does not arrive within
 * the configured timeout fails with {@link RedisTimeoutException}.
 *
 * <p>Redirections and faults are handled as by {@link RedisClusterClient}: a {@code MOVED} or {@code ASK},
 * {@code TRYAGAIN} or {@code CLUSTERDOWN} reply, or a node that cannot be reached, has the command finished on one of
 * respkit's async worker threads, following the redirect or waiting out the failover within another timeout; a write
 * whose connection failed or timed out after it was sent fails and is never sent again (a read is retried). Commands
 * sent to several nodes (fan-out such as {@code DBSIZE} or {@code KEYS}, multi-key commands split per slot such as
 * {@code MGET}), reads that may go to a replica, blocking and stateful commands run on worker threads too. A command
 * whose keys span slots and that cannot be split fails at once with {@link RedisCrossSlotException}; nothing is sent.
 *
 * <p>Giving up on a blocking pop ({@code BLPOP}, {@code BRPOP}, {@code BLMOVE}, {@code BLMPOP}, {@code BZPOPMIN},
 * {@code BZPOPMAX}, {@code BRPOPLPUSH}, {@code BZMPOP}) never loses an item: when the caller cancels its response or
 * completes it first in any other way, the pop stops waiting within about 100 ms and is unblocked on the node that
 * owns its key ({@code CLIENT UNBLOCK}) before it takes anything; what it took all the same is put back where it came
 * from, in the background.
 *
 * <p>Thread-safe. Obtain it with {@link RedisClusterClient#async()}.
 *
 * @param <V> the value type
 */
public final class ClusterAsyncCommands<V> implements RedisAsyncCommands<V> {

    private final ClusterAsync async;
    private final RedisCodec<V> codec;
    /** Observes each command, or {@code null}. */
    private final CommandObserver observer;
    private final ClusterConfig config;

    ClusterAsyncCommands(ClusterRouter router, RedisCodec<V> codec, CommandObserver observer) {
        this.async = new ClusterAsync(router);
        this.codec = codec;
        this.observer = observer;
        this.config = router.config();
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /**
     * Sends a command to the node (or nodes) it belongs to and returns at once its future reply. A command whose spec
     * respkit does not know gets the server's first: the first use of its name waits here for one
     * {@code COMMAND INFO}.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the future reply; it fails with the command's {@link RedisException}: a {@link RedisCrossSlotException}
     *         (nothing sent) when its keys span slots and it cannot be split, a {@link RedisTimeoutException} when no
     *         reply came within the configured timeout, the server's error, or the connection's failure
     */
    @Override
    public <T> Response<T> enqueue(Command<T> command) {
        Response<T> response = new Response<>(command, true);
        CommandObserver o = observer;
        if (o == null) {
            async.submit(command, response, null);
            return response;
        }
        // started on the node of the first attempt (here, or by the router on a worker), ended with the response
        ClusterObservation call = new ClusterObservation(o, Observations.nameOf(command), 1, i -> command, config);
        response.whenComplete((value, error) -> call.completed(error));
        async.submit(command, response, call);
        return response;
    }

    @Override
    public String toString() {
        return "ClusterAsyncCommands[" + async + ", " + codec + "]";
    }
}
