package io.respkit.spring.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the caches' futures complete on ({@code respkit-cache-N}), never respkit's reader thread, which serves
 * every command of the connection: what depends on a cache's futures (the cached method, which Spring calls on a miss
 * where the lookup completes, and the caller's own stages) may block. Threads are made on demand and retire after a
 * second idle, as respkit's async workers do: a bounded pool (such as the common pool, one or two threads on small
 * machines) would let one blocking method hold back every other lookup.
 *
 * <p>Thread-safe.
 */
final class CacheCallbacks {

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The executor; daemon threads. */
    static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "respkit-cache-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private CacheCallbacks() {
    }

    /**
     * Returns a future completed like {@code reply}, but on an {@link #EXECUTOR} thread rather than on the thread
     * completing {@code reply}. {@code whenCompleteAsync} hops for a failure too, where {@code thenApplyAsync} would
     * not.
     *
     * @param reply a reply of respkit's asynchronous commands
     * @param <T> its type
     * @return the future completed off the reader thread
     */
    static <T> CompletableFuture<T> offReader(CompletableFuture<T> reply) {
        return reply.whenCompleteAsync((value, failure) -> { }, EXECUTOR);
    }
}
