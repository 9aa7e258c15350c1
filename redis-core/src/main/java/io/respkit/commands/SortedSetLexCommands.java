package io.respkit.commands;

import io.respkit.internal.commands.SortedSetLexDefs;
import io.respkit.internal.commands.SortedSetRangeDefs;

import java.util.List;

/**
 * Synchronous lexicographic sorted-set commands, meaningful when all members have the same score:
 * {@code ZRANGE ... BYLEX}, the legacy {@code ZRANGEBYLEX}/{@code ZREVRANGEBYLEX}, {@code ZLEXCOUNT} and
 * {@code ZREMRANGEBYLEX}, all taking a {@link LexRange} that refuses bounds the server would. Each method is defined
 * once in {@code io.respkit.internal.commands.SortedSetLexDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method may throw {@link io.respkit.exceptions.RedisConnectionException} when the connection fails, and
 * {@link io.respkit.exceptions.RedisServerException} ({@code WRONGTYPE}) when the key holds a non-sorted-set.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Lexicographic sorted-set commands")
public interface SortedSetLexCommands<V> extends BaseCommands<V> {

    /**
     * Returns the members within a lexicographic range in the order and window {@code args} asks for
     * ({@code ZRANGE key min max BYLEX [REV] [LIMIT offset count]}).
     *
     * @param key the key
     * @param range the range
     * @param args {@code REV} and {@code LIMIT}; {@link ZRangeArgs#NONE} for none
     * @return the members in the requested order
     */
    default List<V> zrangeByLex(String key, LexRange range, ZRangeArgs args) {
        return execute(SortedSetRangeDefs.zrangeByLex(codec(), key, range.min(), range.max(), args));
    }

    /**
     * Returns the members within a lexicographic range with the legacy {@code ZRANGEBYLEX key min max}, for servers
     * older than 6.2.
     *
     * @param key the key
     * @param range the range
     * @return the members in lexicographic order
     */
    default List<V> zrangeByLexLegacy(String key, LexRange range) {
        return execute(SortedSetLexDefs.zrangebylex(codec(), key, range, 0, -1));
    }

    /**
     * Returns a window of the members within a lexicographic range ({@code ZRANGEBYLEX key min max LIMIT offset
     * count}).
     *
     * @param key the key
     * @param range the range
     * @param offset how many matching members to skip, at least 0
     * @param count how many to return at most; negative for all after the offset
     * @return the members in lexicographic order
     * @throws IllegalArgumentException when the offset is negative
     */
    default List<V> zrangeByLexLegacy(String key, LexRange range, long offset, long count) {
        return execute(SortedSetLexDefs.zrangebylex(codec(), key, range, offset, count));
    }

    /**
     * Returns the members within a lexicographic range, last first ({@code ZREVRANGEBYLEX key max min}: the range's
     * upper bound is sent first, as the command wants).
     *
     * @param key the key
     * @param range the range
     * @return the members in reverse lexicographic order
     */
    default List<V> zrevrangeByLex(String key, LexRange range) {
        return execute(SortedSetLexDefs.zrevrangebylex(codec(), key, range, 0, -1));
    }

    /**
     * Returns a window of the members within a lexicographic range, last first ({@code ZREVRANGEBYLEX key max min
     * LIMIT offset count}).
     *
     * @param key the key
     * @param range the range
     * @param offset how many matching members to skip, at least 0
     * @param count how many to return at most; negative for all after the offset
     * @return the members in reverse lexicographic order
     * @throws IllegalArgumentException when the offset is negative
     */
    default List<V> zrevrangeByLex(String key, LexRange range, long offset, long count) {
        return execute(SortedSetLexDefs.zrevrangebylex(codec(), key, range, offset, count));
    }

    /**
     * Counts the members within a lexicographic range ({@code ZLEXCOUNT}).
     *
     * @param key the key
     * @param range the range
     * @return the count; 0 when the key does not exist
     */
    default long zlexcount(String key, LexRange range) {
        return execute(SortedSetLexDefs.zlexcount(codec(), key, range));
    }

    /**
     * Removes the members within a lexicographic range ({@code ZREMRANGEBYLEX}).
     *
     * @param key the key
     * @param range the range
     * @return how many members were removed
     */
    default long zremrangeByLex(String key, LexRange range) {
        return execute(SortedSetLexDefs.zremrangebylex(codec(), key, range));
    }
}
