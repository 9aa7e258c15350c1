package io.respkit;

import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisTimeoutException;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.connection.CommandObserver;
import io.respkit.internal.Observations;
import io.respkit.commands.RedisAsyncCommands;
import io.respkit.internal.multiplex.Multiplexer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every typed command, asynchronously ({@link RedisAsyncCommands}): each method returns a {@link Response} (a
 * {@link java.util.concurrent.CompletableFuture}) at once, and every failure completes it exceptionally. Ordinary
 * commands go to the client's shared auto-pipelined connection, so thousands of concurrent calls cost a handful of
 * socket writes; blocking commands (BRPOP, ...) and stateful ones (WATCH, SELECT, ...) run on pooled connections on
 * respkit's async worker threads.
 * A reply that does not arrive within the configured timeout fails with {@link RedisTimeoutException}; that fails only
 * its own response: the shared connection is replaced, failing every command on it, by its watchdog once its oldest
 * command is overdue.
 *
 * <p>Giving up on a blocking pop ({@code BLPOP}, {@code BRPOP}, {@code BLMOVE}, {@code BLMPOP}, {@code BZPOPMIN},
 * {@code BZPOPMAX}, or {@code BRPOPLPUSH}/{@code BZMPOP} sent with {@link #enqueue} and marked
 * {@link Command#blocking}) never loses an item: when the caller cancels its response, or completes it first in any
 * other way ({@code orTimeout}, {@code completeOnTimeout}, {@code complete}, {@code completeExceptionally}), the pop
 * stops waiting within about 100 ms and is unblocked on the server ({@code CLIENT UNBLOCK}) before it takes
 * anything; what it took all the same (an item that came first) is put back where it came from, on a pooled
 * connection in the background. Its connection goes back to the pool once its reply was read, and is closed
 * otherwise.
 *
 * <p>Thread-safe. Obtain it with {@link RedisClient#async()}.
 *
 * @param <V> the value type
 */
public final class AsyncCommands<V> implements RedisAsyncCommands<V> {

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Runs blocking and stateful commands; threads are created on demand and retire after a second idle. */
    private static final ExecutorService DEDICATED = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "respkit-async-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private final RedisClient<V> client;
    private final Multiplexer multiplexer;
    private final long timeoutMillis;

    AsyncCommands(RedisClient<V> client, Multiplexer multiplexer) {
        this.client = client;
        this.multiplexer = multiplexer;
        this.timeoutMillis = client.pool().config().timeout().toMillis();
    }

    @Override
    public RedisCodec<V> codec() {
        return client.codec();
    }

    /**
     * Sends a command and returns at once its future reply: on the shared auto-pipelined connection when the
     * command can share it, else on a pooled connection on an async worker thread. A command whose spec respkit
     * does not know gets the server's flags first, as {@link RedisClient#execute(Command)} describes: the first use
     * of its name waits here for one {@code COMMAND INFO} on a pooled connection.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the future reply; it fails with the command's {@link RedisException}, including a
     *         {@link RedisTimeoutException} when no reply came within the configured timeout
     */
    @Override
    public <T> Response<T> enqueue(Command<T> command) {
        Response<T> response = new Response<>(command, true);
        CommandObserver observer = client.observer();
        if (observer != null) {
            CommandObserver.Call call = Observations.start(observer, Observations.nameOf(command), 1, i -> command,
                    client.pool().config());
            response.whenComplete((value, error) -> Observations.completed(call, error));
        }
        if (!command.spec().isKnown()) {
            client.applyServerSpec(command); // the first use of a name waits for one COMMAND INFO
        }
        if (Multiplexer.shareable(command)) {
            CompletableFuture<T> reply;
            try {
                reply = multiplexer.submit(command);
            } catch (RedisException e) {
                response.fail(e);
                return response;
            }
            reply.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
                if (error == null) {
                    response.complete(value);
                } else if (error instanceof TimeoutException) {
                    RedisTimeoutException timeout = new RedisTimeoutException("Command " + command.name()
                            + " timed out after " + timeoutMillis + " ms", error);
                    // only this response: the connection's watchdog judges whether the server hangs (its oldest
                    // command overdue) and then fails all on it; this timer races the reader, and failing the
                    // connection from here would also fail the replies arriving right behind this one
                    response.fail(timeout);
                } else {
                    response.completeExceptionally(error);
                }
            });
        } else {
            DEDICATED.execute(new DedicatedCall<>(client, command, response));
        }
        return response;
    }

    @Override
    public String toString() {
        return "AsyncCommands[" + client + "]";
    }
}
