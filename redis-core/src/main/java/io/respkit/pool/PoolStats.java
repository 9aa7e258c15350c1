package io.respkit.pool;

/**
 * A snapshot of a pool's state and counters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxTotal the configured maximum
 * @param active connections currently borrowed
 * @param idle connections waiting in the pool
 * @param waiters threads waiting to borrow
 * @param created connections opened since the pool started
 * @param destroyed connections closed since the pool started (broken, dirty, evicted or surplus)
 * @param borrowed borrows since the pool started
 * @param returned returns since the pool started
 */
public record PoolStats(int maxTotal, int active, int idle, int waiters, long created, long destroyed,
                        long borrowed, long returned) {
}
