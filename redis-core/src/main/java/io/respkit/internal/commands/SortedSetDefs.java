package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.KeyValue;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.ScanPage;
import io.respkit.commands.ScoredValue;
import io.respkit.commands.ZAddArgs;
import io.respkit.commands.ZStoreArgs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Definitions of the sorted-set commands that write, count, score, pop, combine and scan: name, arguments and reply
 * decoder, written once and shared by the synchronous, pipeline and transaction APIs. The range queries are in
 * {@link SortedSetRangeDefs}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SortedSetDefs {

    private SortedSetDefs() {
    }

    /** ZADD key [options] score member. */
    public static <V> Command<Long> zadd(RedisCodec<V> c, String key, double score, V member, ZAddArgs args) {
        Command<Long> cmd = Command.create(c, CommandSpecs.ZADD, Decoders.integer()).key(key);
        args.appendTo(cmd);
        return cmd.arg(score).value(member);
    }

    /** ZADD key [options] score member [score member ...]. */
    public static <V> Command<Long> zadd(RedisCodec<V> c, String key, Map<V, Double> members, ZAddArgs args) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("ZADD needs at least one member");
        }
        Command<Long> cmd = Command.create(c, CommandSpecs.ZADD, Decoders.integer()).key(key);
        args.appendTo(cmd);
        for (Map.Entry<V, Double> e : members.entrySet()) {
            cmd.arg(e.getValue().doubleValue()).value(e.getKey());
        }
        return cmd;
    }

    /** ZADD key [options] INCR score member: the new score, or null when a condition prevented the update. */
    public static <V> Command<Double> zaddIncr(RedisCodec<V> c, String key, double increment, V member,
            ZAddArgs args) {
        Command<Double> cmd = Command.create(c, CommandSpecs.ZADD, Decoders.doubleValue()).key(key);
        args.appendTo(cmd);
        return cmd.arg("INCR").arg(increment).value(member);
    }

    /** ZINCRBY key increment member. */
    public static <V> Command<Double> zincrby(RedisCodec<V> c, String key, double increment, V member) {
        return Command.create(c, CommandSpecs.ZINCRBY, Decoders.doubleValue()).key(key).arg(increment).value(member);
    }

    /** ZREM key member [member ...]. */
    public static <V> Command<Long> zrem(RedisCodec<V> c, String key, Collection<? extends V> members) {
        Command<Long> cmd = Command.create(c, CommandSpecs.ZREM, Decoders.integer()).key(key);
        for (V m : members) {
            cmd.value(m);
        }
        return cmd;
    }

    /** ZCARD key. */
    public static Command<Long> zcard(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.ZCARD, Decoders.integer()).key(key);
    }

    /** ZSCORE key member. */
    public static <V> Command<Double> zscore(RedisCodec<V> c, String key, V member) {
        return Command.create(c, CommandSpecs.ZSCORE, Decoders.doubleValue()).key(key).value(member);
    }

    /** ZMSCORE key member [member ...]. */
    public static <V> Command<List<Double>> zmscore(RedisCodec<V> c, String key, Collection<? extends V> members) {
        Command<List<Double>> cmd = Command.create(c, CommandSpecs.ZMSCORE, Decoders.doubleList()).key(key);
        for (V m : members) {
            cmd.value(m);
        }
        return cmd;
    }

    /** ZRANK key member. */
    public static <V> Command<Long> zrank(RedisCodec<V> c, String key, V member) {
        return Command.create(c, CommandSpecs.ZRANK, Decoders.nullableInteger()).key(key).value(member);
    }

    /** ZREVRANK key member. */
    public static <V> Command<Long> zrevrank(RedisCodec<V> c, String key, V member) {
        return Command.create(c, CommandSpecs.ZREVRANK, Decoders.nullableInteger()).key(key).value(member);
    }

    /** ZCOUNT key min max. */
    public static Command<Long> zcount(RedisCodec<?> c, String key, double min, double max) {
        return Command.create(c, CommandSpecs.ZCOUNT, Decoders.integer()).key(key).arg(min).arg(max);
    }

    /** ZCOUNT key min max, with bounds as Redis text ({@code -inf}, {@code (100}). */
    public static Command<Long> zcount(RedisCodec<?> c, String key, String min, String max) {
        return Command.create(c, CommandSpecs.ZCOUNT, Decoders.integer()).key(key).arg(min).arg(max);
    }

    /** ZREMRANGEBYSCORE key min max. */
    public static Command<Long> zremrangeByScore(RedisCodec<?> c, String key, double min, double max) {
        return Command.create(c, CommandSpecs.ZREMRANGEBYSCORE, Decoders.integer()).key(key).arg(min).arg(max);
    }

    /** ZREMRANGEBYSCORE key min max, with bounds as Redis text. */
    public static Command<Long> zremrangeByScore(RedisCodec<?> c, String key, String min, String max) {
        return Command.create(c, CommandSpecs.ZREMRANGEBYSCORE, Decoders.integer()).key(key).arg(min).arg(max);
    }

    /** ZREMRANGEBYRANK key start stop. */
    public static Command<Long> zremrangeByRank(RedisCodec<?> c, String key, long start, long stop) {
        return Command.create(c, CommandSpecs.ZREMRANGEBYRANK, Decoders.integer()).key(key).arg(start).arg(stop);
    }

    /** ZPOPMIN key: one member or null. */
    public static <V> Command<ScoredValue<V>> zpopmin(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.ZPOPMIN, Decoders.<V>scoredValue()).key(key);
    }

    /** ZPOPMIN key count. */
    public static <V> Command<List<ScoredValue<V>>> zpopmin(RedisCodec<V> c, String key, long count) {
        return Command.create(c, CommandSpecs.ZPOPMIN, Decoders.<V>scoredList()).key(key).arg(count);
    }

    /** ZPOPMAX key: one member or null. */
    public static <V> Command<ScoredValue<V>> zpopmax(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.ZPOPMAX, Decoders.<V>scoredValue()).key(key);
    }

    /** ZPOPMAX key count. */
    public static <V> Command<List<ScoredValue<V>>> zpopmax(RedisCodec<V> c, String key, long count) {
        return Command.create(c, CommandSpecs.ZPOPMAX, Decoders.<V>scoredList()).key(key).arg(count);
    }

    /** BZPOPMIN key [key ...] timeout, the timeout in (fractional) seconds. */
    public static <V> Command<KeyValue<ScoredValue<V>>> bzpopmin(RedisCodec<V> c, Duration timeout,
            Iterable<String> keys) {
        return blockingPop(c, CommandSpecs.BZPOPMIN, timeout, keys);
    }

    /** BZPOPMAX key [key ...] timeout, the timeout in (fractional) seconds. */
    public static <V> Command<KeyValue<ScoredValue<V>>> bzpopmax(RedisCodec<V> c, Duration timeout,
            Iterable<String> keys) {
        return blockingPop(c, CommandSpecs.BZPOPMAX, timeout, keys);
    }

    private static <V> Command<KeyValue<ScoredValue<V>>> blockingPop(RedisCodec<V> c, CommandSpec spec,
            Duration timeout, Iterable<String> keys) {
        Command<KeyValue<ScoredValue<V>>> cmd = Command.create(c, spec, Decoders.<V>keyScoredValue()).keys(keys);
        if (cmd.argumentCount() == 1) {
            throw new IllegalArgumentException(spec.name() + " needs at least one key");
        }
        return cmd.arg(seconds(timeout)).blocking(timeout);
    }

    /** ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS ...] [AGGREGATE ...]. */
    public static Command<Long> zunionstore(RedisCodec<?> c, String destination, Collection<String> keys,
            ZStoreArgs args) {
        return store(c, CommandSpecs.ZUNIONSTORE, destination, keys, args);
    }

    /** ZINTERSTORE destination numkeys key [key ...] [WEIGHTS ...] [AGGREGATE ...]. */
    public static Command<Long> zinterstore(RedisCodec<?> c, String destination, Collection<String> keys,
            ZStoreArgs args) {
        return store(c, CommandSpecs.ZINTERSTORE, destination, keys, args);
    }

    private static Command<Long> store(RedisCodec<?> c, CommandSpec spec, String destination, Collection<String> keys,
            ZStoreArgs args) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(spec.name() + " needs at least one key");
        }
        Command<Long> cmd = Command.create(c, spec, Decoders.integer()).key(destination).arg(keys.size()).keys(keys);
        args.appendTo(cmd, keys.size());
        return cmd;
    }

    /** ZSCAN key cursor [MATCH pattern] [COUNT count]: one page of members with scores. */
    public static <V> Command<ScanPage<ScoredValue<V>>> zscan(RedisCodec<V> c, String key, String cursor,
            ScanArgs args) {
        Command<ScanPage<ScoredValue<V>>> cmd = Command.create(c, CommandSpecs.ZSCAN,
                Decoders.scanPage(Decoders.<V>scoredList())).key(key).arg(cursor);
        args.appendTo(cmd);
        return cmd;
    }

    /**
     * Converts a timeout to the seconds the blocking commands take, rounded up to the millisecond: the server reads
     * 0 as forever, so a positive timeout under 1 ms is sent as 0.001.
     *
     * @param timeout the timeout, zero for forever
     * @return the seconds
     * @throws IllegalArgumentException when the timeout is negative
     */
    static double seconds(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        if (timeout.getSeconds() >= 1L << 32) {
            return timeout.getSeconds(); // beyond what toNanos() holds; the server says whether it takes that long
        }
        return Math.ceil(timeout.toNanos() / 1e6) / 1000.0;
    }
}
