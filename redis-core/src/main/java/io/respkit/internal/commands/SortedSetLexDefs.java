package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.LexRange;

import java.util.List;

/**
 * Definitions of the lexicographic sorted-set commands ({@code ZRANGEBYLEX}, {@code ZREVRANGEBYLEX},
 * {@code ZLEXCOUNT}, {@code ZREMRANGEBYLEX}): name, arguments and reply decoder, written once and shared by the
 * synchronous, pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class SortedSetLexDefs {

    private SortedSetLexDefs() {
    }

    /** ZRANGEBYLEX key min max [LIMIT offset count]; a negative count is no LIMIT. */
    public static <V> Command<List<V>> zrangebylex(RedisCodec<V> c, String key, LexRange range, long offset,
            long count) {
        return limit(Command.create(c, CollectionSpecs.ZRANGEBYLEX, Decoders.<V>valueList()).key(key)
                .arg(range.min()).arg(range.max()), offset, count);
    }

    /** ZREVRANGEBYLEX key max min [LIMIT offset count]; the range's max is sent first. */
    public static <V> Command<List<V>> zrevrangebylex(RedisCodec<V> c, String key, LexRange range, long offset,
            long count) {
        return limit(Command.create(c, CollectionSpecs.ZREVRANGEBYLEX, Decoders.<V>valueList()).key(key)
                .arg(range.max()).arg(range.min()), offset, count);
    }

    /** ZLEXCOUNT key min max. */
    public static Command<Long> zlexcount(RedisCodec<?> c, String key, LexRange range) {
        return Command.create(c, CollectionSpecs.ZLEXCOUNT, Decoders.integer(), 4).key(key).arg(range.min())
                .arg(range.max());
    }

    /** ZREMRANGEBYLEX key min max. */
    public static Command<Long> zremrangebylex(RedisCodec<?> c, String key, LexRange range) {
        return Command.create(c, CollectionSpecs.ZREMRANGEBYLEX, Decoders.integer(), 4).key(key).arg(range.min())
                .arg(range.max());
    }

    private static <T> Command<T> limit(Command<T> cmd, long offset, long count) {
        if (offset < 0) {
            throw new IllegalArgumentException(cmd.name() + " LIMIT offset must not be negative");
        }
        return offset == 0 && count < 0 ? cmd : cmd.arg("LIMIT").arg(offset).arg(count);
    }
}
