package io.respkit.internal.cluster;

import io.respkit.commands.Command;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.WorkerCall;
import io.respkit.internal.commands.Decoders;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One asynchronous cluster command run through the synchronous {@link ClusterRouter} on an async worker thread:
 * fan-out, multi-shard splits, blocking and stateful commands, and the commands the shared connection could not
 * finish (a redirect, {@code TRYAGAIN}, {@code CLUSTERDOWN}, a node that could not be reached). Thread-safe: run by a
 * worker thread, while any thread may complete its response.
 *
 * <p>When the caller completes the response first (cancels it, times it out, completes it itself), the worker is
 * interrupted: a command not started yet is never sent, and one waiting for its reply stops waiting within about
 * 100 ms ({@link WorkerCall}). A blocking pop waiting on a pooled connection of the node that owns its key is then
 * unblocked there ({@code CLIENT UNBLOCK}), and what it took all the same is put back
 * ({@link io.respkit.internal.BlockingRecovery}, as for a single node); a pop whose reply was read just as the caller
 * gave up has what it took put back through the router, to the node that owns the key then.
 *
 * @param <T> the reply type
 */
final class ClusterCall<T> extends WorkerCall<T> {

    private final ClusterRouter router;
    /** The command's call, or {@code null}: the router starts it on its first node; the response's end ends it. */
    private final ClusterObservation observation;

    ClusterCall(ClusterRouter router, Command<T> command, CompletableFuture<T> response,
            ClusterObservation observation) {
        super(command, response);
        this.router = router;
        this.observation = observation;
    }

    @Override
    protected T execute(Command<T> command) {
        return router.execute(command, observation);
    }

    /** The pop with a decoder that keeps the reply as read, so that what it took can be put back. */
    @Override
    protected Object executePop(Command<T> pop) {
        Command<Object> copy = Commands.copy(pop, Decoders.raw());
        copy.blocking(Duration.ofMillis(pop.blockMillis())); // 0 stays "forever"
        return router.execute(copy, observation);
    }

    @Override
    protected void putBack(Command<T> pop, Object raw) {
        BlockingRecovery.putBack(pop, raw, router::execute);
    }
}
