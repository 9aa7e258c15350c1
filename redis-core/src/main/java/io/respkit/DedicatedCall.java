package io.respkit;

import io.respkit.exceptions.RedisInterruptedException;

import io.respkit.commands.Command;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.PutBacks;
import io.respkit.pool.PooledConnection;

/**
 * One asynchronous command that runs on a pooled connection on one of respkit's async worker threads: a blocking
 * command, or one that changes connection state. Thread-safe: run by a worker thread, while any thread may complete
 * its response.
 *
 * <p>When the caller completes the
 * response first (cancels it, times it out with {@code orTimeout} or {@code completeOnTimeout}, completes it
 * itself), the worker is interrupted, which makes it stop waiting for the reply within about 100 ms (see
 * {@link RedisInterruptedException}); a blocking pop is then unblocked on the server, or what it took is put back
 * where it came from, so that no item is lost. A pop whose reply arrives just as the caller gives up has what it took
 * put back the same way.
 *
 * @param <T> the reply type
 */
final class DedicatedCall<T> implements Runnable {

    private final RedisClient<?> client;
    private final Command<T> command;
    private final Response<T> response;
    /** The worker while it waits for the reply, the one thread the caller's give-up may interrupt; guarded by this. */
    private Thread runner;
    /** Set once the worker is done with the command, after which it must not be interrupted; guarded by this. */
    private boolean finished;

    DedicatedCall(RedisClient<?> client, Command<T> command, Response<T> response) {
        this.client = client;
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
                T value = client.execute(command);
                done();
                response.complete(value);
                return;
            }
            Object raw;
            try (PooledConnection lease = client.pool().borrow()) {
                raw = BlockingRecovery.executeRaw(lease, command);
            }
            done();
            T value;
            try {
                value = command.decode(raw);
            } catch (RuntimeException e) {
                BlockingRecovery.putBack(client.pool(), command, raw); // nobody can have what it took
                throw e;
            }
            if (!response.complete(value)) {
                // The caller gave up while the reply was on its way: what the pop took goes back.
                BlockingRecovery.putBack(client.pool(), command, raw);
            }
        } catch (RuntimeException e) {
            done();
            response.completeExceptionally(e);
        }
    }

    /** The caller completed the response, or the worker did: stop a worker that still waits. */
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
