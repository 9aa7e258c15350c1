package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.ScoredValue;
import io.respkit.commands.ZRangeArgs;

import java.util.List;

/**
 * Definitions of the sorted-set range queries ({@code ZRANGE} in all its forms, {@code ZREVRANGE} and the legacy
 * {@code ZRANGEBYSCORE}/{@code ZREVRANGEBYSCORE}), shared by the synchronous, pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class SortedSetRangeDefs {

    private SortedSetRangeDefs() {
    }

    /** ZRANGE key start stop (by index). */
    public static <V> Command<List<V>> zrange(RedisCodec<V> c, String key, long start, long stop) {
        return Command.create(c, CommandSpecs.ZRANGE, Decoders.<V>valueList()).key(key).arg(start).arg(stop);
    }

    /** ZRANGE key start stop WITHSCORES. */
    public static <V> Command<List<ScoredValue<V>>> zrangeWithScores(RedisCodec<V> c, String key, long start,
            long stop) {
        return Command.create(c, CommandSpecs.ZRANGE, Decoders.<V>scoredList()).key(key).arg(start).arg(stop)
                .arg("WITHSCORES");
    }

    /** ZREVRANGE key start stop. */
    public static <V> Command<List<V>> zrevrange(RedisCodec<V> c, String key, long start, long stop) {
        return Command.create(c, CommandSpecs.ZREVRANGE, Decoders.<V>valueList()).key(key).arg(start).arg(stop);
    }

    /** ZREVRANGE key start stop WITHSCORES. */
    public static <V> Command<List<ScoredValue<V>>> zrevrangeWithScores(RedisCodec<V> c, String key, long start,
            long stop) {
        return Command.create(c, CommandSpecs.ZREVRANGE, Decoders.<V>scoredList()).key(key).arg(start).arg(stop)
                .arg("WITHSCORES");
    }

    /** ZRANGE key min max BYSCORE [REV] [LIMIT]; with REV the bounds are sent max first. */
    public static <V> Command<List<V>> zrangeByScore(RedisCodec<V> c, String key, double min, double max,
            ZRangeArgs args) {
        return byScore(c, key, min, max, args, Decoders.<V>valueList());
    }

    /** ZRANGE key min max BYSCORE [REV] [LIMIT], bounds as Redis text; with REV the bounds are sent max first. */
    public static <V> Command<List<V>> zrangeByScore(RedisCodec<V> c, String key, String min, String max,
            ZRangeArgs args) {
        return modern(c, key, min, max, "BYSCORE", args, Decoders.<V>valueList());
    }

    /** ZRANGE key min max BYSCORE [REV] [LIMIT] WITHSCORES. */
    public static <V> Command<List<ScoredValue<V>>> zrangeByScoreWithScores(RedisCodec<V> c, String key,
            double min, double max, ZRangeArgs args) {
        return byScore(c, key, min, max, args, Decoders.<V>scoredList()).arg("WITHSCORES");
    }

    /** ZRANGE key min max BYSCORE [REV] [LIMIT] WITHSCORES, bounds as Redis text. */
    public static <V> Command<List<ScoredValue<V>>> zrangeByScoreWithScores(RedisCodec<V> c, String key,
            String min, String max, ZRangeArgs args) {
        return modern(c, key, min, max, "BYSCORE", args, Decoders.<V>scoredList()).arg("WITHSCORES");
    }

    /** ZRANGE key min max BYLEX [REV] [LIMIT]; with REV the bounds are sent max first. */
    public static <V> Command<List<V>> zrangeByLex(RedisCodec<V> c, String key, String min, String max,
            ZRangeArgs args) {
        return modern(c, key, min, max, "BYLEX", args, Decoders.<V>valueList());
    }

    /** ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count] (legacy). */
    public static <V> Command<List<V>> zrangeByScoreLegacy(RedisCodec<V> c, String key, String min, String max,
            long offset, long count) {
        return limit(Command.create(c, CommandSpecs.ZRANGEBYSCORE, Decoders.<V>valueList()).key(key).arg(min).arg(max),
                offset, count);
    }

    /** ZRANGEBYSCORE key min max WITHSCORES [LIMIT offset count] (legacy). */
    public static <V> Command<List<ScoredValue<V>>> zrangeByScoreLegacyWithScores(RedisCodec<V> c, String key,
            String min, String max, long offset, long count) {
        return limit(Command.create(c, CommandSpecs.ZRANGEBYSCORE, Decoders.<V>scoredList()).key(key).arg(min).arg(max)
                .arg("WITHSCORES"), offset, count);
    }

    /** ZREVRANGEBYSCORE key max min [LIMIT offset count] (legacy; note max first). */
    public static <V> Command<List<V>> zrevrangeByScore(RedisCodec<V> c, String key, String max, String min,
            long offset, long count) {
        return limit(Command.create(c, CommandSpecs.ZREVRANGEBYSCORE, Decoders.<V>valueList()).key(key).arg(max)
                .arg(min),
                offset, count);
    }

    /** ZREVRANGEBYSCORE key max min WITHSCORES [LIMIT offset count] (legacy; note max first). */
    public static <V> Command<List<ScoredValue<V>>> zrevrangeByScoreWithScores(RedisCodec<V> c, String key,
            String max, String min, long offset, long count) {
        return limit(Command.create(c, CommandSpecs.ZREVRANGEBYSCORE, Decoders.<V>scoredList()).key(key).arg(max)
                .arg(min)
                .arg("WITHSCORES"), offset, count);
    }

    /**
     * Formats a score as a range bound, the way the server parses it: {@code -inf}/{@code +inf} for infinities.
     *
     * @param score the score
     * @return the bound
     * @throws IllegalArgumentException when the score is NaN
     */
    public static String bound(double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("NaN is not a valid score bound");
        }
        if (score == Double.POSITIVE_INFINITY) {
            return "+inf";
        }
        if (score == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return score == Math.rint(score) && Math.abs(score) < 1e15 ? Long.toString((long) score)
                : Double.toString(score);
    }

    private static <T> Command<T> byScore(RedisCodec<?> c, String key, double min, double max, ZRangeArgs args,
            ReplyDecoder<T> decoder) {
        Command<T> cmd = Command.create(c, CommandSpecs.ZRANGE, decoder).key(key);
        if (args.reverse()) {
            cmd.arg(max).arg(min);
        } else {
            cmd.arg(min).arg(max);
        }
        return options(cmd.arg("BYSCORE"), args);
    }

    private static <T> Command<T> modern(RedisCodec<?> c, String key, String min, String max, String by,
            ZRangeArgs args, ReplyDecoder<T> decoder) {
        Command<T> cmd = Command.create(c, CommandSpecs.ZRANGE, decoder).key(key);
        if (args.reverse()) {
            cmd.arg(max).arg(min);
        } else {
            cmd.arg(min).arg(max);
        }
        return options(cmd.arg(by), args);
    }

    private static <T> Command<T> options(Command<T> cmd, ZRangeArgs args) {
        if (args.reverse()) {
            cmd.arg("REV");
        }
        if (args.hasLimit()) {
            cmd.arg("LIMIT").arg(args.offset()).arg(args.count());
        }
        return cmd;
    }

    private static <T> Command<T> limit(Command<T> cmd, long offset, long count) {
        if (offset != 0 || count >= 0) {
            if (offset < 0) {
                throw new IllegalArgumentException("LIMIT offset must not be negative");
            }
            cmd.arg("LIMIT").arg(offset).arg(count);
        }
        return cmd;
    }
}
