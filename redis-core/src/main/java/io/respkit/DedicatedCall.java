package io.respkit;

import io.respkit.exceptions.RedisInterruptedException;

import io.respkit.commands.Command;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.WorkerCall;
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
 * put back the same way ({@link WorkerCall}).
 *
 * @param <T> the reply type
 */
final class DedicatedCall<T> extends WorkerCall<T> {

    private final RedisClient<?> client;

    DedicatedCall(RedisClient<?> client, Command<T> command, Response<T> response) {
        super(command, response);
        this.client = client;
    }

    @Override
    protected T execute(Command<T> command) {
        return client.execute(command);
    }

    @Override
    protected Object executePop(Command<T> pop) {
        try (PooledConnection lease = client.pool().borrow()) {
            return BlockingRecovery.executeRaw(lease, pop);
        }
    }

    @Override
    protected void putBack(Command<T> pop, Object raw) {
        BlockingRecovery.putBack(client.pool(), pop, raw);
    }
}
