package io.respkit.commands;

import io.respkit.internal.commands.SortedSetRangeDefs;

import java.util.List;

/**
 * Synchronous sorted-set range queries, part of {@link SortedSetCommands}: {@code ZRANGE} by index, by score and by
 * lexicographic order, {@code ZREVRANGE}, and the legacy {@code ZRANGEBYSCORE}/{@code ZREVRANGEBYSCORE} for servers
 * older than 6.2. Each method is defined once in {@code io.respkit.internal.commands.SortedSetRangeDefs}. Every
 * method throws {@link io.respkit.exceptions.RedisServerException} with code {@code WRONGTYPE} when the key holds something
 * other than a sorted set, and returns an empty list when the key does not exist.
 *
 * <p>Score bounds come in two forms: {@code double} (inclusive; use {@link Double#NEGATIVE_INFINITY} and
 * {@link Double#POSITIVE_INFINITY} for open ends) and {@code String}, written exactly as the server reads them:
 * {@code "-inf"}, {@code "+inf"}, {@code "100"} (inclusive) or {@code "(100"} (exclusive). Lexicographic bounds are
 * {@code "-"}, {@code "+"}, {@code "[abc"} (inclusive) or {@code "(abc"} (exclusive).
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Sorted-set range queries",
        pipelineNote = "{@link SortedSetRangeCommands} describes the bound syntax.",
        asyncNote = "{@link SortedSetRangeCommands} describes the bound syntax.")
public interface SortedSetRangeCommands<V> extends BaseCommands<V> {

    /**
     * Returns the members ranked {@code start} to {@code stop}, both inclusive, lowest score first; -1 is the last
     * rank ({@code ZRANGE key start stop}).
     *
     * @param key the key
     * @param start the first rank, 0-based; negative counts from the end
     * @param stop the last rank; negative counts from the end
     * @return the members, lowest score first (ties in lexicographic order)
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrange(String key, long start, long stop) {
        return execute(SortedSetRangeDefs.zrange(codec(), key, start, stop));
    }

    /**
     * Returns the members ranked {@code start} to {@code stop} with their scores ({@code ZRANGE ... WITHSCORES}).
     *
     * @param key the key
     * @param start the first rank, 0-based; negative counts from the end
     * @param stop the last rank; negative counts from the end
     * @return the members with scores, lowest score first
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrangeWithScores(String key, long start, long stop) {
        return execute(SortedSetRangeDefs.zrangeWithScores(codec(), key, start, stop));
    }

    /**
     * Returns the members ranked {@code start} to {@code stop} counting from the highest score ({@code ZREVRANGE}).
     *
     * @param key the key
     * @param start the first rank from the top, 0-based; negative counts from the bottom
     * @param stop the last rank from the top
     * @return the members, highest score first
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrevrange(String key, long start, long stop) {
        return execute(SortedSetRangeDefs.zrevrange(codec(), key, start, stop));
    }

    /**
     * Returns the members ranked {@code start} to {@code stop} from the top, with scores
     * ({@code ZREVRANGE ... WITHSCORES}).
     *
     * @param key the key
     * @param start the first rank from the top, 0-based
     * @param stop the last rank from the top
     * @return the members with scores, highest score first
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrevrangeWithScores(String key, long start, long stop) {
        return execute(SortedSetRangeDefs.zrevrangeWithScores(codec(), key, start, stop));
    }

    /**
     * Returns the members with {@code min <= score <= max}, lowest first ({@code ZRANGE key min max BYSCORE}).
     *
     * @param key the key
     * @param min the lowest score, inclusive
     * @param max the highest score, inclusive
     * @return the members, lowest score first; empty when {@code min > max}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrangeByScore(String key, double min, double max) {
        return execute(SortedSetRangeDefs.zrangeByScore(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Returns the members within score bounds such as {@code "(100"} or {@code "+inf"}
     * ({@code ZRANGE key min max BYSCORE}).
     *
     * @param key the key
     * @param min the lower bound, e.g. {@code "-inf"} or {@code "(100"}
     * @param max the upper bound, e.g. {@code "+inf"} or {@code "200"}
     * @return the members, lowest score first; empty when the range is empty
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrangeByScore(String key, String min, String max) {
        return execute(SortedSetRangeDefs.zrangeByScore(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Returns the members within {@code [min, max]} in the order and window {@code args} asks for
     * ({@code ZRANGE key min max BYSCORE [REV] [LIMIT offset count]}). With {@link ZRangeArgs#reverse()} the
     * parameters keep their meaning ({@code min} is still the lower bound; this method sends them max first, as
     * {@code REV} requires) and the highest scores come first.
     *
     * @param key the key
     * @param min the lowest score, inclusive
     * @param max the highest score, inclusive
     * @param args {@code REV} and {@code LIMIT}
     * @return the members in the requested order
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrangeByScore(String key, double min, double max, ZRangeArgs args) {
        return execute(SortedSetRangeDefs.zrangeByScore(codec(), key, min, max, args));
    }

    /**
     * Returns the members within text score bounds in the order and window {@code args} asks for
     * ({@code ZRANGE key min max BYSCORE [REV] [LIMIT offset count]}); with {@code REV}, {@code min} is still the
     * lower bound.
     *
     * @param key the key
     * @param min the lower bound, e.g. {@code "(100"}
     * @param max the upper bound, e.g. {@code "+inf"}
     * @param args {@code REV} and {@code LIMIT}
     * @return the members in the requested order
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrangeByScore(String key, String min, String max, ZRangeArgs args) {
        return execute(SortedSetRangeDefs.zrangeByScore(codec(), key, min, max, args));
    }

    /**
     * Returns the members with {@code min <= score <= max} and their scores
     * ({@code ZRANGE key min max BYSCORE WITHSCORES}).
     *
     * @param key the key
     * @param min the lowest score, inclusive
     * @param max the highest score, inclusive
     * @return the members with scores, lowest first
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrangeByScoreWithScores(String key, double min, double max) {
        return execute(SortedSetRangeDefs.zrangeByScoreWithScores(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Returns the members within text score bounds and their scores
     * ({@code ZRANGE key min max BYSCORE WITHSCORES}).
     *
     * @param key the key
     * @param min the lower bound, e.g. {@code "-inf"}
     * @param max the upper bound, e.g. {@code "+inf"}
     * @return the members with scores, lowest first
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrangeByScoreWithScores(String key, String min, String max) {
        return execute(SortedSetRangeDefs.zrangeByScoreWithScores(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Returns the members within {@code [min, max]} and their scores, in the order and window {@code args} asks for
     * ({@code ZRANGE ... BYSCORE [REV] [LIMIT] WITHSCORES}); with {@code REV}, {@code min} is still the lower bound.
     *
     * @param key the key
     * @param min the lowest score, inclusive
     * @param max the highest score, inclusive
     * @param args {@code REV} and {@code LIMIT}
     * @return the members with scores in the requested order
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrangeByScoreWithScores(String key, double min, double max, ZRangeArgs args) {
        return execute(SortedSetRangeDefs.zrangeByScoreWithScores(codec(), key, min, max, args));
    }

    /**
     * Returns the members within text score bounds and their scores, in the order and window {@code args} asks for
     * ({@code ZRANGE ... BYSCORE [REV] [LIMIT] WITHSCORES}); with {@code REV}, {@code min} is still the lower bound.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @param args {@code REV} and {@code LIMIT}
     * @return the members with scores in the requested order
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrangeByScoreWithScores(String key, String min, String max, ZRangeArgs args) {
        return execute(SortedSetRangeDefs.zrangeByScoreWithScores(codec(), key, min, max, args));
    }

    /**
     * Returns the members between two lexicographic bounds ({@code ZRANGE key min max BYLEX}); meaningful when all
     * members have the same score.
     *
     * @param key the key
     * @param min the lower bound: {@code "-"}, {@code "[a"} (inclusive) or {@code "(a"} (exclusive)
     * @param max the upper bound: {@code "+"}, {@code "[z"} or {@code "(z"}
     * @return the members in lexicographic order
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound lacks its {@code [}/{@code (} prefix;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrangeByLex(String key, String min, String max) {
        return execute(SortedSetRangeDefs.zrangeByLex(codec(), key, min, max, ZRangeArgs.NONE));
    }

    /**
     * Returns the members between two lexicographic bounds in the order and window {@code args} asks for
     * ({@code ZRANGE key min max BYLEX [REV] [LIMIT offset count]}); with {@code REV}, {@code min} is still the
     * lower bound.
     *
     * @param key the key
     * @param min the lower bound: {@code "-"}, {@code "[a"} or {@code "(a"}
     * @param max the upper bound: {@code "+"}, {@code "[z"} or {@code "(z"}
     * @param args {@code REV} and {@code LIMIT}
     * @return the members in the requested order
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound lacks its prefix;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrangeByLex(String key, String min, String max, ZRangeArgs args) {
        return execute(SortedSetRangeDefs.zrangeByLex(codec(), key, min, max, args));
    }

    /**
     * Returns the members within score bounds with the legacy {@code ZRANGEBYSCORE key min max}, for servers older
     * than 6.2; otherwise prefer {@link #zrangeByScore(String, String, String)}, which returns the same.
     *
     * @param key the key
     * @param min the lower bound, e.g. {@code "-inf"} or {@code "(100"}
     * @param max the upper bound
     * @return the members, lowest score first
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrangeByScoreLegacy(String key, String min, String max) {
        return execute(SortedSetRangeDefs.zrangeByScoreLegacy(codec(), key, min, max, 0, -1));
    }

    /**
     * Returns a window of the members within score bounds with the legacy
     * {@code ZRANGEBYSCORE key min max LIMIT offset count}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @param offset how many matching members to skip, at least 0
     * @param count how many to return at most; negative for all after the offset
     * @return the members, lowest score first
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrangeByScoreLegacy(String key, String min, String max, long offset, long count) {
        return execute(SortedSetRangeDefs.zrangeByScoreLegacy(codec(), key, min, max, offset, count));
    }

    /**
     * Returns the members within score bounds and their scores with the legacy
     * {@code ZRANGEBYSCORE key min max WITHSCORES}.
     *
     * @param key the key
     * @param min the lower bound
     * @param max the upper bound
     * @return the members with scores, lowest first
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrangeByScoreLegacyWithScores(String key, String min, String max) {
        return execute(SortedSetRangeDefs.zrangeByScoreLegacyWithScores(codec(), key, min, max, 0, -1));
    }

    /**
     * Returns the members within score bounds, highest first, with the legacy {@code ZREVRANGEBYSCORE}.
     * <strong>Note the order of the bounds: {@code max} comes first, then {@code min}</strong>, as in the command
     * ({@code ZREVRANGEBYSCORE key max min}).
     *
     * @param key the key
     * @param max the upper bound, e.g. {@code 120}
     * @param min the lower bound, e.g. {@code 100}
     * @return the members, highest score first; empty when {@code max < min}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrevrangeByScore(String key, double max, double min) {
        return zrevrangeByScore(key, SortedSetRangeDefs.bound(max), SortedSetRangeDefs.bound(min));
    }

    /**
     * Returns the members within text score bounds, highest first ({@code ZREVRANGEBYSCORE key max min}).
     * <strong>{@code max} comes first, then {@code min}.</strong>
     *
     * @param key the key
     * @param max the upper bound, e.g. {@code "+inf"} or {@code "(120"}
     * @param min the lower bound, e.g. {@code "-inf"}
     * @return the members, highest score first
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrevrangeByScore(String key, String max, String min) {
        return execute(SortedSetRangeDefs.zrevrangeByScore(codec(), key, max, min, 0, -1));
    }

    /**
     * Returns a window of the members within text score bounds, highest first
     * ({@code ZREVRANGEBYSCORE key max min LIMIT offset count}). <strong>{@code max} comes first.</strong>
     *
     * @param key the key
     * @param max the upper bound
     * @param min the lower bound
     * @param offset how many matching members to skip, at least 0
     * @param count how many to return at most; negative for all after the offset
     * @return the members, highest score first
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<V> zrevrangeByScore(String key, String max, String min, long offset, long count) {
        return execute(SortedSetRangeDefs.zrevrangeByScore(codec(), key, max, min, offset, count));
    }

    /**
     * Returns the members within score bounds and their scores, highest first
     * ({@code ZREVRANGEBYSCORE key max min WITHSCORES}). <strong>{@code max} comes first, then {@code min}.</strong>
     *
     * @param key the key
     * @param max the upper bound, inclusive
     * @param min the lower bound, inclusive
     * @return the members with scores, highest first
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrevrangeByScoreWithScores(String key, double max, double min) {
        return zrevrangeByScoreWithScores(key, SortedSetRangeDefs.bound(max), SortedSetRangeDefs.bound(min));
    }

    /**
     * Returns the members within text score bounds and their scores, highest first
     * ({@code ZREVRANGEBYSCORE key max min WITHSCORES}). <strong>{@code max} comes first.</strong>
     *
     * @param key the key
     * @param max the upper bound, e.g. {@code "(120"}
     * @param min the lower bound
     * @return the members with scores, highest first
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float;
     *         {@code WRONGTYPE} when the key holds a non-sorted-set
     */
    default List<ScoredValue<V>> zrevrangeByScoreWithScores(String key, String max, String min) {
        return execute(SortedSetRangeDefs.zrevrangeByScoreWithScores(codec(), key, max, min, 0, -1));
    }
}
