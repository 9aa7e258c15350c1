package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.SortedSetRangeDefs;

import java.util.List;

/**
 * Sorted-set range queries queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}, part of
 * {@link SortedSetPipelineCommands}; each returns a {@link Response} handle. Definitions are shared with
 * {@link SortedSetRangeCommands}, whose Javadoc describes each command and the bound syntax.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface SortedSetRangePipelineCommands<V> extends BasePipelineCommands<V> {

    /**
     * Queues {@code ZRANGE} by index; see {@link SortedSetRangeCommands#zrange}.
     *
     * @param key the key
     * @param start the first rank
     * @param stop the last rank
     * @return the handle
     */
    default Response<List<V>> zrange(String key, long start, long stop) {
        return enqueue(SortedSetRangeDefs.zrange(codec(), key, start, stop));
    }

    /**
     * Queues {@code ZRANGE ... WITHSCORES}; see {@link SortedSetRangeCommands#zrangeWithScores}.
     *
     * @param key the key
     * @param start the first rank
     * @param stop the last rank
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrangeWithScores(String key, long start, long stop) {
        return enqueue(SortedSetRangeDefs.zrangeWithScores(codec(), key, start, stop));
    }

    /**
     * Queues {@code ZREVRANGE}; see {@link SortedSetRangeCommands#zrevrange}.
     *
     * @param key the key
     * @param start the first rank from the top
     * @param stop the last rank
     * @return the handle
     */
    default Response<List<V>> zrevrange(String key, long start, long stop) {
        return enqueue(SortedSetRangeDefs.zrevrange(codec(), key, start, stop));
    }

    /**
     * Queues {@code ZREVRANGE ... WITHSCORES}; see {@link SortedSetRangeCommands#zrevrangeWithScores}.
     *
     * @param key the key
     * @param start the first rank from the top
     * @param stop the last rank
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrevrangeWithScores(String key, long start, long stop) {
        return enqueue(SortedSetRangeDefs.zrevrangeWithScores(codec(), key, start, stop));
    }

    /**
     * Queues {@code ZRANGE ... BYSCORE}; see {@link SortedSetRangeCommands#zrangeByScore(String, double, double)}.
     *
     * @param key the key
     * @param min the lowest score
     * @param max the highest score
     * @return the handle
     */
    default Response<List<V>> zrangeByScore(String key, double min, double max) {
        return enqueue(SortedSetRangeDefs.zrangeByScore(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Queues {@code ZRANGE ... BYSCORE}; see {@link SortedSetRangeCommands#zrangeByScore(String, String, String)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the handle
     */
    default Response<List<V>> zrangeByScore(String key, String min, String max) {
        return enqueue(SortedSetRangeDefs.zrangeByScore(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Queues {@code ZRANGE ... BYSCORE [REV] [LIMIT]}; see {@link SortedSetRangeCommands#zrangeByScore(String, double, double, ZRangeArgs)}.
     *
     * @param key the key
     * @param min the lowest score
     * @param max the highest score
     * @param args REV and LIMIT
     * @return the handle
     */
    default Response<List<V>> zrangeByScore(String key, double min, double max, ZRangeArgs args) {
        return enqueue(SortedSetRangeDefs.zrangeByScore(codec(), key, min, max, args));
    }

    /**
     * Queues {@code ZRANGE ... BYSCORE [REV] [LIMIT]}; see {@link SortedSetRangeCommands#zrangeByScore(String, String, String, ZRangeArgs)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @param args REV and LIMIT
     * @return the handle
     */
    default Response<List<V>> zrangeByScore(String key, String min, String max, ZRangeArgs args) {
        return enqueue(SortedSetRangeDefs.zrangeByScore(codec(), key, min, max, args));
    }

    /**
     * Queues {@code ZRANGE ... BYSCORE WITHSCORES}; see {@link SortedSetRangeCommands#zrangeByScoreWithScores(String, double, double)}.
     *
     * @param key the key
     * @param min the lowest score
     * @param max the highest score
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrangeByScoreWithScores(String key, double min, double max) {
        return enqueue(SortedSetRangeDefs.zrangeByScoreWithScores(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Queues {@code ZRANGE ... BYSCORE WITHSCORES}; see {@link SortedSetRangeCommands#zrangeByScoreWithScores(String, String, String)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrangeByScoreWithScores(String key, String min, String max) {
        return enqueue(SortedSetRangeDefs.zrangeByScoreWithScores(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Queues {@code ZRANGE ... BYSCORE [REV] [LIMIT] WITHSCORES}; see {@link SortedSetRangeCommands#zrangeByScoreWithScores(String, double, double, ZRangeArgs)}.
     *
     * @param key the key
     * @param min the lowest score
     * @param max the highest score
     * @param args REV and LIMIT
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrangeByScoreWithScores(String key, double min, double max,
            ZRangeArgs args) {
        return enqueue(SortedSetRangeDefs.zrangeByScoreWithScores(codec(), key, min, max, args));
    }

    /**
     * Queues {@code ZRANGE ... BYSCORE [REV] [LIMIT] WITHSCORES}; see {@link SortedSetRangeCommands#zrangeByScoreWithScores(String, String, String, ZRangeArgs)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @param args REV and LIMIT
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrangeByScoreWithScores(String key, String min, String max,
            ZRangeArgs args) {
        return enqueue(SortedSetRangeDefs.zrangeByScoreWithScores(codec(), key, min, max, args));
    }

    /**
     * Queues {@code ZRANGE ... BYLEX}; see {@link SortedSetRangeCommands#zrangeByLex(String, String, String)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the handle
     */
    default Response<List<V>> zrangeByLex(String key, String min, String max) {
        return enqueue(SortedSetRangeDefs.zrangeByLex(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Queues {@code ZRANGE ... BYLEX [REV] [LIMIT]}; see {@link SortedSetRangeCommands#zrangeByLex(String, String, String, ZRangeArgs)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @param args REV and LIMIT
     * @return the handle
     */
    default Response<List<V>> zrangeByLex(String key, String min, String max, ZRangeArgs args) {
        return enqueue(SortedSetRangeDefs.zrangeByLex(codec(), key, min, max, args));
    }

    /**
     * Queues legacy {@code ZRANGEBYSCORE}; see {@link SortedSetRangeCommands#zrangeByScoreLegacy(String, String, String)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the handle
     */
    default Response<List<V>> zrangeByScoreLegacy(String key, String min, String max) {
        return enqueue(SortedSetRangeDefs.zrangeByScoreLegacy(codec(), key, min, max, 0, -1));
    }

    /**
     * Queues legacy {@code ZRANGEBYSCORE ... LIMIT}; see {@link SortedSetRangeCommands#zrangeByScoreLegacy(String, String, String, long, long)}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @param offset members to skip
     * @param count members at most
     * @return the handle
     */
    default Response<List<V>> zrangeByScoreLegacy(String key, String min, String max, long offset, long count) {
        return enqueue(SortedSetRangeDefs.zrangeByScoreLegacy(codec(), key, min, max, offset, count));
    }

    /**
     * Queues legacy {@code ZRANGEBYSCORE ... WITHSCORES}; see {@link SortedSetRangeCommands#zrangeByScoreLegacyWithScores}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrangeByScoreLegacyWithScores(String key, String min, String max) {
        return enqueue(SortedSetRangeDefs.zrangeByScoreLegacyWithScores(codec(), key, min, max, 0, -1));
    }

    /**
     * Queues {@code ZREVRANGEBYSCORE key max min} (max first!); see {@link SortedSetRangeCommands#zrevrangeByScore(String, double, double)}.
     *
     * @param key the key
     * @param max the upper bound
     * @param min the lower bound
     * @return the handle
     */
    default Response<List<V>> zrevrangeByScore(String key, double max, double min) {
        return zrevrangeByScore(key, SortedSetRangeDefs.bound(max), SortedSetRangeDefs.bound(min));
    }

    /**
     * Queues {@code ZREVRANGEBYSCORE key max min} (max first!); see {@link SortedSetRangeCommands#zrevrangeByScore(String, String, String)}.
     *
     * @param key the key
     * @param max the upper bound
     * @param min the lower bound
     * @return the handle
     */
    default Response<List<V>> zrevrangeByScore(String key, String max, String min) {
        return enqueue(SortedSetRangeDefs.zrevrangeByScore(codec(), key, max, min, 0, -1));
    }

    /**
     * Queues {@code ZREVRANGEBYSCORE ... LIMIT} (max first!); see {@link SortedSetRangeCommands#zrevrangeByScore(String, String, String, long, long)}.
     *
     * @param key the key
     * @param max the upper bound
     * @param min the lower bound
     * @param offset members to skip
     * @param count members at most
     * @return the handle
     */
    default Response<List<V>> zrevrangeByScore(String key, String max, String min, long offset, long count) {
        return enqueue(SortedSetRangeDefs.zrevrangeByScore(codec(), key, max, min, offset, count));
    }

    /**
     * Queues {@code ZREVRANGEBYSCORE ... WITHSCORES} (max first!); see {@link SortedSetRangeCommands#zrevrangeByScoreWithScores(String, double, double)}.
     *
     * @param key the key
     * @param max the upper bound
     * @param min the lower bound
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrevrangeByScoreWithScores(String key, double max, double min) {
        return zrevrangeByScoreWithScores(key, SortedSetRangeDefs.bound(max), SortedSetRangeDefs.bound(min));
    }

    /**
     * Queues {@code ZREVRANGEBYSCORE ... WITHSCORES} (max first!); see {@link SortedSetRangeCommands#zrevrangeByScoreWithScores(String, String, String)}.
     *
     * @param key the key
     * @param max the upper bound
     * @param min the lower bound
     * @return the handle
     */
    default Response<List<ScoredValue<V>>> zrevrangeByScoreWithScores(String key, String max, String min) {
        return enqueue(SortedSetRangeDefs.zrevrangeByScoreWithScores(codec(), key, max, min, 0, -1));
    }
}
