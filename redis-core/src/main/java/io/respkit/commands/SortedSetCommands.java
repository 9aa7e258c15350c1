package io.respkit.commands;

import io.respkit.internal.commands.ScanStreams;
import io.respkit.internal.commands.SortedSetDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Synchronous sorted-set commands: adding, scoring, counting, removing, popping, combining and scanning; the range
 * queries ({@code ZRANGE} and friends) come from {@link SortedSetRangeCommands}. Each method is defined once in
 * {@code io.respkit.internal.commands.SortedSetDefs} and runs through {@link #execute(Command)}. Every method throws
 * {@link io.respkit.exceptions.RedisServerException} with code {@code WRONGTYPE} when the key holds something other than a
 * sorted set.
 *
 * <p>A caller of {@link io.respkit.RedisClient} that gives up on a blocking pop ({@code BZPOPMIN},
 * {@code BZPOPMAX}) never loses a member: interrupted while it waits, it gets a
 * {@link io.respkit.exceptions.RedisInterruptedException} within about 100 ms, and respkit unblocks the pop on the server
 * ({@code CLIENT UNBLOCK}) or, when it took a member all the same, adds it back with its score ({@code ZADD NX}), in
 * the background; the same holds for a cancelled or timed-out {@link io.respkit.AsyncCommands asynchronous} pop.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Sorted-set commands",
        pipelineNote = "The range queries come from {@link SortedSetRangePipelineCommands}. The lazy {@code zscan}"
                + " streams exist only in the synchronous API; queue single pages with"
                + " {@link #zscan(String, String, ScanArgs)}.",
        asyncNote = "The range queries come from {@link SortedSetRangeAsyncCommands}. The lazy {@code zscan}"
                + " streams exist only in the synchronous API; fetch single pages with"
                + " {@link #zscan(String, String, ScanArgs)}. Giving up on the future of a blocking pop never loses"
                + " a member, as {@link io.respkit.AsyncCommands} explains.")
public interface SortedSetCommands<V> extends SortedSetRangeCommands<V> {

    /**
     * Adds {@code member} with {@code score}, or updates its score ({@code ZADD}).
     *
     * @param key the key
     * @param score the score; infinities are allowed
     * @param member the member
     * @return 1 when the member was added, 0 when it existed (its score is updated)
     * @throws IllegalArgumentException when the score is NaN
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zadd(String key, double score, V member) {
        return execute(SortedSetDefs.zadd(codec(), key, score, member, ZAddArgs.NONE));
    }

    /**
     * Adds or updates one member under conditions ({@code ZADD [NX|XX] [GT|LT] [CH]}).
     *
     * @param key the key
     * @param score the score
     * @param member the member
     * @param args the conditions and {@code CH}
     * @return the number of members added, or added and changed with {@code CH}: 0 or 1
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zadd(String key, double score, V member, ZAddArgs args) {
        return execute(SortedSetDefs.zadd(codec(), key, score, member, args));
    }

    /**
     * Adds or updates several members ({@code ZADD key score member ...}).
     *
     * @param key the key
     * @param members each member with its score, sent in iteration order
     * @return the number of members added (not those whose score was updated)
     * @throws IllegalArgumentException when {@code members} is empty
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zadd(String key, Map<V, Double> members) {
        return execute(SortedSetDefs.zadd(codec(), key, members, ZAddArgs.NONE));
    }

    /**
     * Adds or updates several members under conditions ({@code ZADD [NX|XX] [GT|LT] [CH]}).
     *
     * @param key the key
     * @param members each member with its score
     * @param args the conditions and {@code CH}
     * @return the number of members added, or added and changed with {@code CH}
     * @throws IllegalArgumentException when {@code members} is empty
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zadd(String key, Map<V, Double> members, ZAddArgs args) {
        return execute(SortedSetDefs.zadd(codec(), key, members, args));
    }

    /**
     * Increments the score of {@code member} under conditions ({@code ZADD ... INCR}); like {@link #zincrby} but
     * honouring {@code NX}/{@code XX}/{@code GT}/{@code LT}.
     *
     * @param key the key
     * @param increment the amount to add; a missing member starts at 0
     * @param member the member
     * @param args the conditions; {@link ZAddArgs#NONE} for none ({@code CH} makes no difference here)
     * @return the new score, or {@code null} when a condition prevented the update
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default Double zaddIncr(String key, double increment, V member, ZAddArgs args) {
        return execute(SortedSetDefs.zaddIncr(codec(), key, increment, member, args));
    }

    /**
     * Increments the score of {@code member} ({@code ZINCRBY}); a missing member is added with score 0 first.
     *
     * @param key the key
     * @param increment the amount to add, negative to subtract
     * @param member the member
     * @return the new score
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set; {@code ERR}
     *         when the result would be NaN
     */
    default double zincrby(String key, double increment, V member) {
        return execute(SortedSetDefs.zincrby(codec(), key, increment, member));
    }

    /**
     * Removes members ({@code ZREM}).
     *
     * @param key the key
     * @param members the members, at least one
     * @return the number of members actually removed; members that were absent do not count
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    @SuppressWarnings("unchecked")
    default long zrem(String key, V... members) {
        return zrem(key, Arrays.asList(members));
    }

    /**
     * Removes members ({@code ZREM}).
     *
     * @param key the key
     * @param members the members, at least one
     * @return the number of members actually removed; members that were absent do not count
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zrem(String key, Collection<? extends V> members) {
        return execute(SortedSetDefs.zrem(codec(), key, members));
    }

    /**
     * Returns the number of members ({@code ZCARD}).
     *
     * @param key the key
     * @return the number of members, 0 when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zcard(String key) {
        return execute(SortedSetDefs.zcard(codec(), key));
    }

    /**
     * Returns the score of {@code member} ({@code ZSCORE}).
     *
     * @param key the key
     * @param member the member
     * @return the score, or {@code null} when the member or the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default Double zscore(String key, V member) {
        return execute(SortedSetDefs.zscore(codec(), key, member));
    }

    /**
     * Returns the scores of several members ({@code ZMSCORE}).
     *
     * @param key the key
     * @param members the members, at least one
     * @return one score per member in argument order, {@code null} for a member that does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    @SuppressWarnings("unchecked")
    default List<Double> zmscore(String key, V... members) {
        return zmscore(key, Arrays.asList(members));
    }

    /**
     * Returns the scores of several members ({@code ZMSCORE}).
     *
     * @param key the key
     * @param members the members, at least one
     * @return one score per member in argument order, {@code null} for a member that does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<Double> zmscore(String key, Collection<? extends V> members) {
        return execute(SortedSetDefs.zmscore(codec(), key, members));
    }

    /**
     * Returns the rank of {@code member}, counting from 0 at the lowest score ({@code ZRANK}).
     *
     * @param key the key
     * @param member the member
     * @return the 0-based rank, or {@code null} when the member or the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default Long zrank(String key, V member) {
        return execute(SortedSetDefs.zrank(codec(), key, member));
    }

    /**
     * Returns the rank of {@code member}, counting from 0 at the highest score ({@code ZREVRANK}).
     *
     * @param key the key
     * @param member the member
     * @return the 0-based rank from the top, or {@code null} when the member or the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default Long zrevrank(String key, V member) {
        return execute(SortedSetDefs.zrevrank(codec(), key, member));
    }

    /**
     * Counts the members with {@code min <= score <= max} ({@code ZCOUNT}).
     *
     * @param key the key
     * @param min the lowest score, inclusive; {@link Double#NEGATIVE_INFINITY} for no bound
     * @param max the highest score, inclusive; {@link Double#POSITIVE_INFINITY} for no bound
     * @return the count, 0 when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zcount(String key, double min, double max) {
        return execute(SortedSetDefs.zcount(codec(), key, min, max));
    }

    /**
     * Counts the members within score bounds written as the server reads them ({@code ZCOUNT}): {@code "-inf"},
     * {@code "+inf"}, {@code "100"} (inclusive) or {@code "(100"} (exclusive).
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the count, 0 when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zcount(String key, String min, String max) {
        return execute(SortedSetDefs.zcount(codec(), key, min, max));
    }

    /**
     * Removes the members with {@code min <= score <= max} ({@code ZREMRANGEBYSCORE}).
     *
     * @param key the key
     * @param min the lowest score, inclusive
     * @param max the highest score, inclusive
     * @return the number of members removed
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zremrangeByScore(String key, double min, double max) {
        return execute(SortedSetDefs.zremrangeByScore(codec(), key, min, max));
    }

    /**
     * Removes the members within score bounds written as the server reads them ({@code ZREMRANGEBYSCORE}):
     * {@code "-inf"}, {@code "+inf"}, {@code "100"} (inclusive) or {@code "(100"} (exclusive).
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the number of members removed
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zremrangeByScore(String key, String min, String max) {
        return execute(SortedSetDefs.zremrangeByScore(codec(), key, min, max));
    }

    /**
     * Removes the members ranked {@code start} to {@code stop}, both inclusive, 0 being the lowest score and -1 the
     * highest ({@code ZREMRANGEBYRANK}).
     *
     * @param key the key
     * @param start the first rank
     * @param stop the last rank
     * @return the number of members removed
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default long zremrangeByRank(String key, long start, long stop) {
        return execute(SortedSetDefs.zremrangeByRank(codec(), key, start, stop));
    }

    /**
     * Removes and returns the member with the lowest score ({@code ZPOPMIN}).
     *
     * @param key the key
     * @return the member and its score, or {@code null} when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default ScoredValue<V> zpopmin(String key) {
        return execute(SortedSetDefs.zpopmin(codec(), key));
    }

    /**
     * Removes and returns up to {@code count} members with the lowest scores ({@code ZPOPMIN key count}).
     *
     * @param key the key
     * @param count how many at most
     * @return the members, lowest first; empty when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zpopmin(String key, long count) {
        return execute(SortedSetDefs.zpopmin(codec(), key, count));
    }

    /**
     * Removes and returns the member with the highest score ({@code ZPOPMAX}).
     *
     * @param key the key
     * @return the member and its score, or {@code null} when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default ScoredValue<V> zpopmax(String key) {
        return execute(SortedSetDefs.zpopmax(codec(), key));
    }

    /**
     * Removes and returns up to {@code count} members with the highest scores ({@code ZPOPMAX key count}).
     *
     * @param key the key
     * @param count how many at most
     * @return the members, highest first; empty when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zpopmax(String key, long count) {
        return execute(SortedSetDefs.zpopmax(codec(), key, count));
    }

    /**
     * Pops the lowest-scored member of the first non-empty key, waiting up to {@code timeout} for one
     * ({@code BZPOPMIN}). The connection is held while waiting.
     *
     * @param timeout how long to wait, with millisecond precision; {@link Duration#ZERO} waits forever
     * @param keys the keys, checked in order
     * @return the key, member and score, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when no key is given or the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-sorted-set
     */
    default KeyValue<ScoredValue<V>> bzpopmin(Duration timeout, String... keys) {
        return execute(SortedSetDefs.bzpopmin(codec(), timeout, Arrays.asList(keys)));
    }

    /**
     * Pops the lowest-scored member of the first non-empty key, waiting up to {@code timeout} ({@code BZPOPMIN}).
     *
     * @param timeout how long to wait; {@link Duration#ZERO} waits forever
     * @param keys the keys, checked in order
     * @return the key, member and score, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when no key is given or the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-sorted-set
     */
    default KeyValue<ScoredValue<V>> bzpopmin(Duration timeout, Collection<String> keys) {
        return execute(SortedSetDefs.bzpopmin(codec(), timeout, keys));
    }

    /**
     * Pops the highest-scored member of the first non-empty key, waiting up to {@code timeout} for one
     * ({@code BZPOPMAX}). The connection is held while waiting.
     *
     * @param timeout how long to wait, with millisecond precision; {@link Duration#ZERO} waits forever
     * @param keys the keys, checked in order
     * @return the key, member and score, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when no key is given or the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-sorted-set
     */
    default KeyValue<ScoredValue<V>> bzpopmax(Duration timeout, String... keys) {
        return execute(SortedSetDefs.bzpopmax(codec(), timeout, Arrays.asList(keys)));
    }

    /**
     * Pops the highest-scored member of the first non-empty key, waiting up to {@code timeout} ({@code BZPOPMAX}).
     *
     * @param timeout how long to wait; {@link Duration#ZERO} waits forever
     * @param keys the keys, checked in order
     * @return the key, member and score, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when no key is given or the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-sorted-set
     */
    default KeyValue<ScoredValue<V>> bzpopmax(Duration timeout, Collection<String> keys) {
        return execute(SortedSetDefs.bzpopmax(codec(), timeout, keys));
    }

    /**
     * Stores the union of sorted sets in {@code destination}, summing scores ({@code ZUNIONSTORE}); an existing
     * destination is overwritten, and deleted when the result is empty.
     *
     * @param destination the key to store into
     * @param keys the source keys, at least one; missing keys count as empty sets
     * @return the number of members in the result
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a source is not a set or sorted set
     */
    default long zunionstore(String destination, String... keys) {
        return zunionstore(destination, Arrays.asList(keys), ZStoreArgs.NONE);
    }

    /**
     * Stores the union of sorted sets in {@code destination}, with weights and aggregation ({@code ZUNIONSTORE}).
     *
     * @param destination the key to store into
     * @param keys the source keys, at least one; missing keys count as empty sets
     * @param args the weights (one per key) and the aggregate function
     * @return the number of members in the result
     * @throws IllegalArgumentException when no key is given or the weights do not match the keys
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a source is not a set or sorted set
     */
    default long zunionstore(String destination, Collection<String> keys, ZStoreArgs args) {
        return execute(SortedSetDefs.zunionstore(codec(), destination, keys, args));
    }

    /**
     * Stores the intersection of sorted sets in {@code destination}, summing scores ({@code ZINTERSTORE}); an
     * existing destination is overwritten, and deleted when the result is empty.
     *
     * @param destination the key to store into
     * @param keys the source keys, at least one; a missing key makes the result empty
     * @return the number of members in the result
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a source is not a set or sorted set
     */
    default long zinterstore(String destination, String... keys) {
        return zinterstore(destination, Arrays.asList(keys), ZStoreArgs.NONE);
    }

    /**
     * Stores the intersection of sorted sets in {@code destination}, with weights and aggregation
     * ({@code ZINTERSTORE}).
     *
     * @param destination the key to store into
     * @param keys the source keys, at least one; a missing key makes the result empty
     * @param args the weights (one per key) and the aggregate function
     * @return the number of members in the result
     * @throws IllegalArgumentException when no key is given or the weights do not match the keys
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a source is not a set or sorted set
     */
    default long zinterstore(String destination, Collection<String> keys, ZStoreArgs args) {
        return execute(SortedSetDefs.zinterstore(codec(), destination, keys, args));
    }

    /**
     * Streams every member with its score ({@code ZSCAN}), fetching pages lazily as the stream is consumed. As with
     * any SCAN, a member may appear twice when the set changes during the iteration; order is unspecified.
     *
     * @param key the key
     * @return a lazy stream; consume it on one thread
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} (when consumed) if the key holds a non-sorted-set
     */
    @SyncOnly("a lazy stream follows the cursor with one round trip per page")
    default Stream<ScoredValue<V>> zscan(String key) {
        return zscan(key, ScanArgs.NONE);
    }

    /**
     * Streams the members matching {@code args} with their scores ({@code ZSCAN ... MATCH ... COUNT ...}).
     *
     * @param key the key
     * @param args the pattern and the per-page work hint ({@code TYPE} does not apply)
     * @return a lazy stream; consume it on one thread
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} (when consumed) if the key holds a non-sorted-set
     */
    @SyncOnly("a lazy stream follows the cursor with one round trip per page")
    default Stream<ScoredValue<V>> zscan(String key, ScanArgs args) {
        return ScanStreams.stream(cursor -> execute(SortedSetDefs.zscan(codec(), key, cursor, args)));
    }

    /**
     * Fetches one page of a {@code ZSCAN} iteration, for callers that keep the cursor themselves.
     *
     * @param key the key
     * @param cursor {@code "0"} to start, then the cursor of the previous page
     * @param args the pattern and the per-page work hint
     * @return the page; {@link ScanPage#isFinished()} tells when to stop
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default ScanPage<ScoredValue<V>> zscan(String key, String cursor, ScanArgs args) {
        return execute(SortedSetDefs.zscan(codec(), key, cursor, args));
    }
}
