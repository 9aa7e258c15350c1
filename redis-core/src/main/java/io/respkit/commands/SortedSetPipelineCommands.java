package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.SortedSetDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Sorted-set commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link Response} handle. The range queries come from {@link SortedSetRangePipelineCommands}. Definitions are
 * shared with {@link SortedSetCommands}, whose Javadoc describes each command. There is no stream-returning
 * {@code zscan} here: a pipeline cannot follow a cursor, so only the single-page form is offered.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface SortedSetPipelineCommands<V> extends SortedSetRangePipelineCommands<V> {

    /**
     * Queues {@code ZADD}; see {@link SortedSetCommands#zadd(String, double, Object)}.
     *
     * @param key the key
     * @param score the score
     * @param member the member
     * @return the handle
     */
    default Response<Long> zadd(String key, double score, V member) {
        return enqueue(SortedSetDefs.zadd(codec(), key, score, member, ZAddArgs.NONE));
    }

    /**
     * Queues {@code ZADD} with options; see {@link SortedSetCommands#zadd(String, double, Object, ZAddArgs)}.
     *
     * @param key the key
     * @param score the score
     * @param member the member
     * @param args the options
     * @return the handle
     */
    default Response<Long> zadd(String key, double score, V member, ZAddArgs args) {
        return enqueue(SortedSetDefs.zadd(codec(), key, score, member, args));
    }

    /**
     * Queues {@code ZADD} of several members; see {@link SortedSetCommands#zadd(String, Map)}.
     *
     * @param key the key
     * @param members members and scores
     * @return the handle
     */
    default Response<Long> zadd(String key, Map<V, Double> members) {
        return enqueue(SortedSetDefs.zadd(codec(), key, members, ZAddArgs.NONE));
    }

    /**
     * Queues {@code ZADD} of several members with options; see {@link SortedSetCommands#zadd(String, Map, ZAddArgs)}.
     *
     * @param key the key
     * @param members members and scores
     * @param args the options
     * @return the handle
     */
    default Response<Long> zadd(String key, Map<V, Double> members, ZAddArgs args) {
        return enqueue(SortedSetDefs.zadd(codec(), key, members, args));
    }

    /**
     * Queues {@code ZADD ... INCR}; see {@link SortedSetCommands#zaddIncr}.
     *
     * @param key the key
     * @param increment the increment
     * @param member the member
     * @param args the options
     * @return the handle to the new score or null
     */
    default Response<Double> zaddIncr(String key, double increment, V member, ZAddArgs args) {
        return enqueue(SortedSetDefs.zaddIncr(codec(), key, increment, member, args));
    }

    /**
     * Queues {@code ZINCRBY}; see {@link SortedSetCommands#zincrby}.
     *
     * @param key the key
     * @param increment the increment
     * @param member the member
     * @return the handle
     */
    default Response<Double> zincrby(String key, double increment, V member) {
        return enqueue(SortedSetDefs.zincrby(codec(), key, increment, member));
    }

    /**
     * Queues {@code ZREM}; see {@link SortedSetCommands#zrem(String, Object[])}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<Long> zrem(String key, V... members) {
        return enqueue(SortedSetDefs.zrem(codec(), key, Arrays.asList(members)));
    }

    /**
     * Queues {@code ZREM}; see {@link SortedSetCommands#zrem(String, Collection)}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    default Response<Long> zrem(String key, Collection<? extends V> members) {
        return enqueue(SortedSetDefs.zrem(codec(), key, members));
    }

    /**
     * Queues {@code ZCARD}; see {@link SortedSetCommands#zcard}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> zcard(String key) {
        return enqueue(SortedSetDefs.zcard(codec(), key));
    }

    /**
     * Queues {@code ZSCORE}; see {@link SortedSetCommands#zscore}.
     *
     * @param key the key
     * @param member the member
     * @return the handle
     */
    default Response<Double> zscore(String key, V member) {
        return enqueue(SortedSetDefs.zscore(codec(), key, member));
    }

    /**
     * Queues {@code ZMSCORE}; see {@link SortedSetCommands#zmscore(String, Object[])}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<List<Double>> zmscore(String key, V... members) {
        return enqueue(SortedSetDefs.zmscore(codec(), key, Arrays.asList(members)));
    }

    /**
     * Queues {@code ZMSCORE}; see {@link SortedSetCommands#zmscore(String, Collection)}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    default Response<List<Double>> zmscore(String key, Collection<? extends V> members) {
        return enqueue(SortedSetDefs.zmscore(codec(), key, members));
    }

    /**
     * Queues {@code ZRANK}; see {@link SortedSetCommands#zrank}.
     *
     * @param key the key
     * @param member the member
     * @return the handle
     */
    default Response<Long> zrank(String key, V member) {
        return enqueue(SortedSetDefs.zrank(codec(), key, member));
    }

    /**
     * Queues {@code ZREVRANK}; see {@link SortedSetCommands#zrevrank}.
     *
     * @param key the key
     * @param member the member
     * @return the handle
     */
    default Response<Long> zrevrank(String key, V member) {
        return enqueue(SortedSetDefs.zrevrank(codec(), key, member));
    }

    /**
     * Queues {@code ZCOUNT}; see {@link SortedSetCommands#zcount(String, double, double)}.
     *
     * @param key the key
     * @param min the lowest score
     * @param max the highest score
     * @return the handle
     */
    default Response<Long> zcount(String key, double min, double max) {
        return enqueue(SortedSetDefs.zcount(codec(), key, min, max));
    }

    /**
     * Queues {@code ZCOUNT}; see {@link SortedSetCommands#zcount(String, String, String)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the handle
     */
    default Response<Long> zcount(String key, String min, String max) {
        return enqueue(SortedSetDefs.zcount(codec(), key, min, max));
    }

    /**
     * Queues {@code ZREMRANGEBYSCORE}; see {@link SortedSetCommands#zremrangeByScore(String, double, double)}.
     *
     * @param key the key
     * @param min the lowest score
     * @param max the highest score
     * @return the handle
     */
    default Response<Long> zremrangeByScore(String key, double min, double max) {
        return enqueue(SortedSetDefs.zremrangeByScore(codec(), key, min, max));
    }

    /**
     * Queues {@code ZREMRANGEBYSCORE}; see {@link SortedSetCommands#zremrangeByScore(String, String, String)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the handle
     */
    default Response<Long> zremrangeByScore(String key, String min, String max) {
        return enqueue(SortedSetDefs.zremrangeByScore(codec(), key, min, max));
    }

    /**
     * Queues {@code ZREMRANGEBYRANK}; see {@link SortedSetCommands#zremrangeByRank}.
     *
     * @param key the key
     * @param start the first rank
     * @param stop the last rank
     * @return the handle
     */
    default Response<Long> zremrangeByRank(String key, long start, long stop) {
        return enqueue(SortedSetDefs.zremrangeByRank(codec(), key, start, stop));
    }

    /**
     * Queues {@code ZPOPMIN}; see {@link SortedSetCommands#zpopmin(String)}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<ScoredValue<V>> zpopmin(String key) {
        return enqueue(SortedSetDefs.zpopmin(codec(), key));
    }

    /**
     * Queues {@code ZPOPMIN key count}; see {@link SortedSetCommands#zpopmin(String, long)}.
     *
     * @param key the key
     * @param count how many
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zpopmin(String key, long count) {
        return enqueue(SortedSetDefs.zpopmin(codec(), key, count));
    }

    /**
     * Queues {@code ZPOPMAX}; see {@link SortedSetCommands#zpopmax(String)}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<ScoredValue<V>> zpopmax(String key) {
        return enqueue(SortedSetDefs.zpopmax(codec(), key));
    }

    /**
     * Queues {@code ZPOPMAX key count}; see {@link SortedSetCommands#zpopmax(String, long)}.
     *
     * @param key the key
     * @param count how many
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zpopmax(String key, long count) {
        return enqueue(SortedSetDefs.zpopmax(codec(), key, count));
    }

    /**
     * Queues {@code BZPOPMIN} (in a transaction it never blocks); see {@link SortedSetCommands#bzpopmin(Duration, String...)}.
     *
     * @param timeout how long to wait
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<ScoredValue<V>>> bzpopmin(Duration timeout, String... keys) {
        return enqueue(SortedSetDefs.bzpopmin(codec(), timeout, Arrays.asList(keys)));
    }

    /**
     * Queues {@code BZPOPMIN}; see {@link SortedSetCommands#bzpopmin(Duration, Collection)}.
     *
     * @param timeout how long to wait
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<ScoredValue<V>>> bzpopmin(Duration timeout, Collection<String> keys) {
        return enqueue(SortedSetDefs.bzpopmin(codec(), timeout, keys));
    }

    /**
     * Queues {@code BZPOPMAX} (in a transaction it never blocks); see {@link SortedSetCommands#bzpopmax(Duration, String...)}.
     *
     * @param timeout how long to wait
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<ScoredValue<V>>> bzpopmax(Duration timeout, String... keys) {
        return enqueue(SortedSetDefs.bzpopmax(codec(), timeout, Arrays.asList(keys)));
    }

    /**
     * Queues {@code BZPOPMAX}; see {@link SortedSetCommands#bzpopmax(Duration, Collection)}.
     *
     * @param timeout how long to wait
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<ScoredValue<V>>> bzpopmax(Duration timeout, Collection<String> keys) {
        return enqueue(SortedSetDefs.bzpopmax(codec(), timeout, keys));
    }

    /**
     * Queues {@code ZUNIONSTORE}; see {@link SortedSetCommands#zunionstore(String, String...)}.
     *
     * @param destination the target key
     * @param keys the sources
     * @return the handle
     */
    default Response<Long> zunionstore(String destination, String... keys) {
        return enqueue(SortedSetDefs.zunionstore(codec(), destination, Arrays.asList(keys), ZStoreArgs.NONE));
    }

    /**
     * Queues {@code ZUNIONSTORE} with options; see {@link SortedSetCommands#zunionstore(String, Collection, ZStoreArgs)}.
     *
     * @param destination the target key
     * @param keys the sources
     * @param args weights and aggregate
     * @return the handle
     */
    default Response<Long> zunionstore(String destination, Collection<String> keys, ZStoreArgs args) {
        return enqueue(SortedSetDefs.zunionstore(codec(), destination, keys, args));
    }

    /**
     * Queues {@code ZINTERSTORE}; see {@link SortedSetCommands#zinterstore(String, String...)}.
     *
     * @param destination the target key
     * @param keys the sources
     * @return the handle
     */
    default Response<Long> zinterstore(String destination, String... keys) {
        return enqueue(SortedSetDefs.zinterstore(codec(), destination, Arrays.asList(keys), ZStoreArgs.NONE));
    }

    /**
     * Queues {@code ZINTERSTORE} with options; see {@link SortedSetCommands#zinterstore(String, Collection, ZStoreArgs)}.
     *
     * @param destination the target key
     * @param keys the sources
     * @param args weights and aggregate
     * @return the handle
     */
    default Response<Long> zinterstore(String destination, Collection<String> keys, ZStoreArgs args) {
        return enqueue(SortedSetDefs.zinterstore(codec(), destination, keys, args));
    }

    /**
     * Queues one {@code ZSCAN} page; see {@link SortedSetCommands#zscan(String, String, ScanArgs)}.
     *
     * @param key the key
     * @param cursor the cursor, "0" to start
     * @param args pattern and count
     * @return the handle
     */
    default Response<ScanPage<ScoredValue<V>>> zscan(String key, String cursor, ScanArgs args) {
        return enqueue(SortedSetDefs.zscan(codec(), key, cursor, args));
    }
}
