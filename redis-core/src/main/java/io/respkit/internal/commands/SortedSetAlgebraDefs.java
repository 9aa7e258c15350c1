package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.KeyValues;
import io.respkit.commands.LexRange;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.ScoredValue;
import io.respkit.commands.SortedSetEnd;
import io.respkit.commands.ZRangeArgs;
import io.respkit.commands.ZStoreArgs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Definitions of the sorted-set algebra ({@code ZINTER}, {@code ZUNION}, {@code ZDIFF}, {@code ZINTERCARD},
 * {@code ZDIFFSTORE}, {@code ZRANGESTORE}), {@code ZRANDMEMBER} and the multi-key pops {@code ZMPOP}/{@code BZMPOP}:
 * name, arguments and reply decoder, written once and shared by the synchronous, pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class SortedSetAlgebraDefs {

    private SortedSetAlgebraDefs() {
    }

    /** ZINTER numkeys key [key ...] [WEIGHTS ...] [AGGREGATE ...]. */
    public static <V> Command<List<V>> zinter(RedisCodec<V> c, Collection<String> keys, ZStoreArgs args) {
        return combine(c, CollectionSpecs.ZINTER, keys, args, Decoders.<V>valueList());
    }

    /** ZINTER numkeys key [key ...] [WEIGHTS ...] [AGGREGATE ...] WITHSCORES. */
    public static <V> Command<List<ScoredValue<V>>> zinterWithScores(RedisCodec<V> c, Collection<String> keys,
            ZStoreArgs args) {
        return combine(c, CollectionSpecs.ZINTER, keys, args, Decoders.<V>scoredList()).arg("WITHSCORES");
    }

    /** ZUNION numkeys key [key ...] [WEIGHTS ...] [AGGREGATE ...]. */
    public static <V> Command<List<V>> zunion(RedisCodec<V> c, Collection<String> keys, ZStoreArgs args) {
        return combine(c, CollectionSpecs.ZUNION, keys, args, Decoders.<V>valueList());
    }

    /** ZUNION numkeys key [key ...] [WEIGHTS ...] [AGGREGATE ...] WITHSCORES. */
    public static <V> Command<List<ScoredValue<V>>> zunionWithScores(RedisCodec<V> c, Collection<String> keys,
            ZStoreArgs args) {
        return combine(c, CollectionSpecs.ZUNION, keys, args, Decoders.<V>scoredList()).arg("WITHSCORES");
    }

    /** ZDIFF numkeys key [key ...]. */
    public static <V> Command<List<V>> zdiff(RedisCodec<V> c, Collection<String> keys) {
        return numkeys(Command.create(c, CollectionSpecs.ZDIFF, Decoders.<V>valueList()), keys);
    }

    /** ZDIFF numkeys key [key ...] WITHSCORES. */
    public static <V> Command<List<ScoredValue<V>>> zdiffWithScores(RedisCodec<V> c, Collection<String> keys) {
        return numkeys(Command.create(c, CollectionSpecs.ZDIFF, Decoders.<V>scoredList()), keys).arg("WITHSCORES");
    }

    /** ZINTERCARD numkeys key [key ...] [LIMIT limit]; a limit of 0 is no limit. */
    public static Command<Long> zintercard(RedisCodec<?> c, Collection<String> keys, long limit) {
        return cardinality(Command.create(c, CollectionSpecs.ZINTERCARD, Decoders.integer()), keys, limit);
    }

    /** ZDIFFSTORE destination numkeys key [key ...]. */
    public static Command<Long> zdiffstore(RedisCodec<?> c, String destination, Collection<String> keys) {
        return numkeys(Command.create(c, CollectionSpecs.ZDIFFSTORE, Decoders.integer()).key(destination), keys);
    }

    /** ZRANGESTORE dst src start stop: by rank. */
    public static Command<Long> zrangestore(RedisCodec<?> c, String destination, String source, long start,
            long stop) {
        return Command.create(c, CollectionSpecs.ZRANGESTORE, Decoders.integer(), 5).key(destination).key(source)
                .arg(start).arg(stop);
    }

    /** ZRANGESTORE dst src min max BYSCORE [REV] [LIMIT offset count]; with REV the bounds are sent max first. */
    public static Command<Long> zrangestoreByScore(RedisCodec<?> c, String destination, String source, String min,
            String max, ZRangeArgs args) {
        return rangeStore(c, destination, source, min, max, "BYSCORE", args);
    }

    /** ZRANGESTORE dst src min max BYLEX [REV] [LIMIT offset count]; with REV the bounds are sent max first. */
    public static Command<Long> zrangestoreByLex(RedisCodec<?> c, String destination, String source, LexRange range,
            ZRangeArgs args) {
        return rangeStore(c, destination, source, range.min(), range.max(), "BYLEX", args);
    }

    /** ZRANDMEMBER key: one random member, null when the key does not exist. */
    public static <V> Command<V> zrandmember(RedisCodec<V> c, String key) {
        return Command.create(c, CollectionSpecs.ZRANDMEMBER, Decoders.<V>value(), 2).key(key);
    }

    /** ZRANDMEMBER key count: distinct members for a positive count, possibly repeated for a negative one. */
    public static <V> Command<List<V>> zrandmember(RedisCodec<V> c, String key, long count) {
        return Command.create(c, CollectionSpecs.ZRANDMEMBER, Decoders.<V>valueListOrEmpty(), 3).key(key).arg(count);
    }

    /** ZRANDMEMBER key count WITHSCORES. */
    public static <V> Command<List<ScoredValue<V>>> zrandmemberWithScores(RedisCodec<V> c, String key, long count) {
        return Command.create(c, CollectionSpecs.ZRANDMEMBER, Decoders.<V>scoredList(), 4).key(key).arg(count)
                .arg("WITHSCORES");
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX COUNT count: null when every key is empty. */
    public static <V> Command<KeyValues<ScoredValue<V>>> zmpop(RedisCodec<V> c, SortedSetEnd end, long count,
            Collection<String> keys) {
        return popArgs(Command.create(c, CollectionSpecs.ZMPOP, KeyspaceDecoders.<V>keyScoredValues()), end, count,
                keys);
    }

    /** BZMPOP timeout numkeys key [key ...] MIN|MAX COUNT count, the timeout in (fractional) seconds. */
    public static <V> Command<KeyValues<ScoredValue<V>>> bzmpop(RedisCodec<V> c, Duration timeout, SortedSetEnd end,
            long count, Collection<String> keys) {
        Command<KeyValues<ScoredValue<V>>> cmd = Command.create(c, CommandSpecs.BZMPOP,
                KeyspaceDecoders.<V>keyScoredValues()).arg(SortedSetDefs.seconds(timeout)).blocking(timeout);
        return popArgs(cmd, end, count, keys);
    }

    private static <T> Command<T> popArgs(Command<T> cmd, SortedSetEnd end, long count, Collection<String> keys) {
        if (count < 1) {
            throw new IllegalArgumentException("ZMPOP COUNT must be positive");
        }
        return numkeys(cmd, keys).arg(end.name()).arg("COUNT").arg(count);
    }

    private static Command<Long> rangeStore(RedisCodec<?> c, String destination, String source, String min,
            String max, String by, ZRangeArgs args) {
        Command<Long> cmd = Command.create(c, CollectionSpecs.ZRANGESTORE, Decoders.integer()).key(destination)
                .key(source);
        if (args.reverse()) {
            cmd.arg(max).arg(min).arg(by).arg("REV");
        } else {
            cmd.arg(min).arg(max).arg(by);
        }
        return args.hasLimit() ? cmd.arg("LIMIT").arg(args.offset()).arg(args.count()) : cmd;
    }

    private static <T> Command<T> combine(RedisCodec<?> c, CommandSpec spec, Collection<String> keys,
            ZStoreArgs args, ReplyDecoder<T> decoder) {
        Command<T> cmd = numkeys(Command.create(c, spec, decoder), keys);
        args.appendTo(cmd, keys.size());
        return cmd;
    }

    /** Adds {@code numkeys key [key ...]}, refusing an empty list as the server would. */
    static <T> Command<T> numkeys(Command<T> cmd, Collection<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(cmd.name() + " needs at least one key");
        }
        return cmd.arg(keys.size()).keys(keys);
    }

    /** Adds {@code numkeys key [key ...] [LIMIT limit]} for ZINTERCARD and SINTERCARD. */
    static <T> Command<T> cardinality(Command<T> cmd, Collection<String> keys, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(cmd.name() + " LIMIT must not be negative");
        }
        numkeys(cmd, keys);
        return limit == 0 ? cmd : cmd.arg("LIMIT").arg(limit);
    }
}
