package io.respkit.spring.cache;

/**
 * A snapshot of one cache's counters since it was created in this JVM (other instances of the application count
 * their own). All zero when statistics are off.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hits lookups that found an entry
 * @param misses lookups that found none
 * @param puts entries written
 * @param evictions entries removed by {@code evict} or {@code clear}
 */
public record RespkitCacheStatistics(long hits, long misses, long puts, long evictions) {
}
