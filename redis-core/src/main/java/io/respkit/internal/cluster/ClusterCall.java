package io.respkit.internal.cluster;

import io.respkit.commands.Command;
import io.respkit.exceptions.RedisException;
import io.respkit.internal.PutBacks;
import io.respkit.internal.commands.Decoders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * 100 ms. A blocking pop waiting on a pooled connection of the node that owns its key is then unblocked there
 * ({@code CLIENT UNBLOCK}), and what it took all the same is put back ({@link io.respkit.internal.BlockingRecovery},
 * as for a single node); a pop whose reply was read just as the caller gave up has what it took put back through
 * the router, to the node that owns the key then.
 *
 * @param <T> the reply type
 */
final class ClusterCall<T> implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ClusterCall.class);

    private final ClusterRouter router;
    private final Command<T> command;
    private final CompletableFuture<T> response;
    /** The worker while it runs the command, the one thread the caller's give-up may interrupt; guarded by this. */
    private Thread runner;
    /** Set once the worker is done with the command, after which it must not be interrupted; guarded by this. */
    private boolean finished;

    ClusterCall(ClusterRouter router, Command<T> command, CompletableFuture<T> response) {
        this.router = router;
        this.command = command;
        this.response = response;
        response.whenComplete((value, error) -> giveUp());
    }

    @Override
    public void run() {
        synchronized (this) {
            if (response.isDone()) {
                finished = true;
                return; // given up before it started: nothing is sent
            }
            runner = Thread.currentThread();
        }
        try {
            if (!PutBacks.isPop(command)) {
                T value = router.execute(command);
                done();
                response.complete(value);
                return;
            }
            Object raw = router.execute(rawCopy(command));
            done();
            T value;
            try {
                value = command.decode(raw);
            } catch (RuntimeException e) {
                putBack(raw); // nobody can have what it took
                throw e;
            }
            if (!response.complete(value)) {
                putBack(raw); // the caller gave up while the reply was on its way
            }
        } catch (RuntimeException e) {
            done();
            response.completeExceptionally(e);
        }
    }

    /** The pop with a decoder that keeps the reply as read, so that what it took can be put back. */
    private static Command<Object> rawCopy(Command<?> pop) {
        Command<Object> copy = Commands.copy(pop, Decoders.raw());
        copy.blocking(Duration.ofMillis(pop.blockMillis())); // 0 stays "forever"
        return copy;
    }

    private void putBack(Object raw) {
        try {
            Command<Object> back = PutBacks.of(command, raw);
            if (back != null) {
                router.execute(back);
                log.debug("Put back what {} took after its caller gave up", command.name());
            }
        } catch (RedisException e) {
            log.error("Could not put back what {} took after its caller gave up; it is lost: {}", command.name(),
                    e.getMessage());
        }
    }

    /** The caller completed the response, or the worker did: stop a worker that still runs the command. */
    private synchronized void giveUp() {
        if (runner != null && !finished) {
            runner.interrupt();
        }
    }

    /** From now on nobody interrupts the worker; an interrupt that came meanwhile is cleared. */
    private void done() {
        synchronized (this) {
            finished = true;
            runner = null;
        }
        Thread.interrupted(); // only a give-up interrupts a worker thread
    }
}
