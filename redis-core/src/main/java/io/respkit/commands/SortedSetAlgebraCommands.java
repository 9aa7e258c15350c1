package io.respkit.commands;

import io.respkit.internal.commands.SortedSetAlgebraDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Synchronous sorted-set algebra and multi-key commands: {@code ZINTER}, {@code ZUNION}, {@code ZDIFF} (with or
 * without scores), {@code ZINTERCARD}, {@code ZDIFFSTORE}, {@code ZRANGESTORE}, {@code ZRANDMEMBER} and the
 * multi-key pops {@code ZMPOP}/{@code BZMPOP}. Each method is defined once in
 * {@code io.respkit.internal.commands.SortedSetAlgebraDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method may throw {@link io.respkit.exceptions.RedisConnectionException} when the connection fails, and
 * {@link io.respkit.exceptions.RedisServerException} ({@code WRONGTYPE}) when a key holds a non-sorted-set (plain
 * sets are accepted as sources by {@code ZINTER}, {@code ZUNION} and {@code ZDIFF}, with scores of 1).
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Sorted-set algebra commands (ZINTER, ZUNION, ZDIFF, ZRANGESTORE, ZRANDMEMBER, ZMPOP)")
public interface SortedSetAlgebraCommands<V> extends BaseCommands<V> {

    /**
     * Returns the members found in every sorted set ({@code ZINTER}, Redis 6.2+), lowest combined score first.
     *
     * @param keys the sorted sets, at least one
     * @return the members; empty when one of the keys does not exist
     * @throws IllegalArgumentException when no key is given
     */
    default List<V> zinter(String... keys) {
        return zinter(Arrays.asList(keys), ZStoreArgs.NONE);
    }

    /**
     * Returns the members found in every sorted set, scores weighted and combined as {@code args} says
     * ({@code ZINTER numkeys key ... [WEIGHTS ...] [AGGREGATE SUM|MIN|MAX]}).
     *
     * @param keys the sorted sets, at least one
     * @param args the weights and aggregate; {@link ZStoreArgs#NONE} for none
     * @return the members, lowest combined score first
     * @throws IllegalArgumentException when no key is given, or weights are given but not one per key
     */
    default List<V> zinter(Collection<String> keys, ZStoreArgs args) {
        return execute(SortedSetAlgebraDefs.zinter(codec(), keys, args));
    }

    /**
     * Like {@link #zinter(Collection, ZStoreArgs)}, with the combined scores ({@code ZINTER ... WITHSCORES}).
     *
     * @param keys the sorted sets, at least one
     * @param args the weights and aggregate; {@link ZStoreArgs#NONE} for none
     * @return the members with their combined scores, lowest first
     * @throws IllegalArgumentException when no key is given, or weights are given but not one per key
     */
    default List<ScoredValue<V>> zinterWithScores(Collection<String> keys, ZStoreArgs args) {
        return execute(SortedSetAlgebraDefs.zinterWithScores(codec(), keys, args));
    }

    /**
     * Returns the members found in any of the sorted sets ({@code ZUNION}, Redis 6.2+), lowest summed score first.
     *
     * @param keys the sorted sets, at least one
     * @return the members
     * @throws IllegalArgumentException when no key is given
     */
    default List<V> zunion(String... keys) {
        return zunion(Arrays.asList(keys), ZStoreArgs.NONE);
    }

    /**
     * Returns the members found in any of the sorted sets, scores weighted and combined as {@code args} says
     * ({@code ZUNION numkeys key ... [WEIGHTS ...] [AGGREGATE SUM|MIN|MAX]}).
     *
     * @param keys the sorted sets, at least one
     * @param args the weights and aggregate; {@link ZStoreArgs#NONE} for none
     * @return the members, lowest combined score first
     * @throws IllegalArgumentException when no key is given, or weights are given but not one per key
     */
    default List<V> zunion(Collection<String> keys, ZStoreArgs args) {
        return execute(SortedSetAlgebraDefs.zunion(codec(), keys, args));
    }

    /**
     * Like {@link #zunion(Collection, ZStoreArgs)}, with the combined scores ({@code ZUNION ... WITHSCORES}).
     *
     * @param keys the sorted sets, at least one
     * @param args the weights and aggregate; {@link ZStoreArgs#NONE} for none
     * @return the members with their combined scores, lowest first
     * @throws IllegalArgumentException when no key is given, or weights are given but not one per key
     */
    default List<ScoredValue<V>> zunionWithScores(Collection<String> keys, ZStoreArgs args) {
        return execute(SortedSetAlgebraDefs.zunionWithScores(codec(), keys, args));
    }

    /**
     * Returns the members of the first sorted set that are in none of the others ({@code ZDIFF}, Redis 6.2+).
     *
     * @param keys the first sorted set, then those to subtract; at least one
     * @return the members, lowest score first
     * @throws IllegalArgumentException when no key is given
     */
    default List<V> zdiff(String... keys) {
        return zdiff(Arrays.asList(keys));
    }

    /**
     * Returns the members of the first sorted set that are in none of the others ({@code ZDIFF}).
     *
     * @param keys the first sorted set, then those to subtract; at least one
     * @return the members, lowest score first
     * @throws IllegalArgumentException when {@code keys} is empty
     */
    default List<V> zdiff(Collection<String> keys) {
        return execute(SortedSetAlgebraDefs.zdiff(codec(), keys));
    }

    /**
     * Like {@link #zdiff(Collection)}, with the scores the members have in the first set ({@code ZDIFF ...
     * WITHSCORES}).
     *
     * @param keys the first sorted set, then those to subtract; at least one
     * @return the members with their scores, lowest first
     * @throws IllegalArgumentException when {@code keys} is empty
     */
    default List<ScoredValue<V>> zdiffWithScores(Collection<String> keys) {
        return execute(SortedSetAlgebraDefs.zdiffWithScores(codec(), keys));
    }

    /**
     * Counts the members found in every sorted set without returning them ({@code ZINTERCARD}, Redis 7.0+).
     *
     * @param keys the sorted sets, at least one
     * @return the size of the intersection
     * @throws IllegalArgumentException when no key is given
     */
    default long zintercard(String... keys) {
        return zintercard(0, Arrays.asList(keys));
    }

    /**
     * Counts the members found in every sorted set, stopping at {@code limit} ({@code ZINTERCARD ... LIMIT limit}).
     *
     * @param limit the count at which to stop, 0 for no limit
     * @param keys the sorted sets, at least one
     * @return the size of the intersection, at most {@code limit} when it is positive
     * @throws IllegalArgumentException when {@code keys} is empty or {@code limit} negative
     */
    default long zintercard(long limit, Collection<String> keys) {
        return execute(SortedSetAlgebraDefs.zintercard(codec(), keys, limit));
    }

    /**
     * Stores the difference of sorted sets at {@code destination} ({@code ZDIFFSTORE}), replacing it.
     *
     * @param destination the key to write
     * @param keys the first sorted set, then those to subtract; at least one
     * @return the number of members stored
     * @throws IllegalArgumentException when no key is given
     */
    default long zdiffstore(String destination, String... keys) {
        return zdiffstore(destination, Arrays.asList(keys));
    }

    /**
     * Stores the difference of sorted sets at {@code destination} ({@code ZDIFFSTORE}), replacing it.
     *
     * @param destination the key to write
     * @param keys the first sorted set, then those to subtract; at least one
     * @return the number of members stored
     * @throws IllegalArgumentException when {@code keys} is empty
     */
    default long zdiffstore(String destination, Collection<String> keys) {
        return execute(SortedSetAlgebraDefs.zdiffstore(codec(), destination, keys));
    }

    /**
     * Stores the members of {@code source} between two ranks at {@code destination} ({@code ZRANGESTORE dst src
     * start stop}, Redis 6.2+), with their scores, replacing it.
     *
     * @param destination the key to write
     * @param source the sorted set to read
     * @param start the first rank, 0-based; negative counts from the end
     * @param stop the last rank, inclusive; {@code -1} for the last
     * @return the number of members stored
     */
    default long zrangestore(String destination, String source, long start, long stop) {
        return execute(SortedSetAlgebraDefs.zrangestore(codec(), destination, source, start, stop));
    }

    /**
     * Stores the members of {@code source} within score bounds at {@code destination} ({@code ZRANGESTORE ...
     * BYSCORE [REV] [LIMIT]}); with {@code REV}, {@code min} is still the lower bound.
     *
     * @param destination the key to write
     * @param source the sorted set to read
     * @param min the lower bound, e.g. {@code "-inf"} or {@code "(100"}
     * @param max the upper bound, e.g. {@code "+inf"} or {@code "200"}
     * @param args {@code REV} and {@code LIMIT}; {@link ZRangeArgs#NONE} for none
     * @return the number of members stored
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when a bound is not a valid float
     */
    default long zrangestoreByScore(String destination, String source, String min, String max, ZRangeArgs args) {
        return execute(SortedSetAlgebraDefs.zrangestoreByScore(codec(), destination, source, min, max, args));
    }

    /**
     * Stores the members of {@code source} within a lexicographic range at {@code destination}
     * ({@code ZRANGESTORE ... BYLEX [REV] [LIMIT]}).
     *
     * @param destination the key to write
     * @param source the sorted set to read
     * @param range the lexicographic range
     * @param args {@code REV} and {@code LIMIT}; {@link ZRangeArgs#NONE} for none
     * @return the number of members stored
     */
    default long zrangestoreByLex(String destination, String source, LexRange range, ZRangeArgs args) {
        return execute(SortedSetAlgebraDefs.zrangestoreByLex(codec(), destination, source, range, args));
    }

    /**
     * Returns a random member ({@code ZRANDMEMBER key}, Redis 6.2+).
     *
     * @param key the key
     * @return a member, or {@code null} when the key does not exist
     */
    default V zrandmember(String key) {
        return execute(SortedSetAlgebraDefs.zrandmember(codec(), key));
    }

    /**
     * Returns random members ({@code ZRANDMEMBER key count}): distinct ones, at most the set's size, for a positive
     * count; exactly {@code -count}, possibly repeated, for a negative one.
     *
     * @param key the key
     * @param count how many members
     * @return the members; empty when the key does not exist
     */
    default List<V> zrandmember(String key, long count) {
        return execute(SortedSetAlgebraDefs.zrandmember(codec(), key, count));
    }

    /**
     * Like {@link #zrandmember(String, long)}, with the members' scores ({@code ZRANDMEMBER key count WITHSCORES}).
     *
     * @param key the key
     * @param count how many members; negative allows repeats
     * @return the members with their scores; empty when the key does not exist
     */
    default List<ScoredValue<V>> zrandmemberWithScores(String key, long count) {
        return execute(SortedSetAlgebraDefs.zrandmemberWithScores(codec(), key, count));
    }

    /**
     * Pops up to {@code count} members from the first non-empty sorted set ({@code ZMPOP}, Redis 7.0+).
     *
     * @param end which end to pop from
     * @param count how many members at most, at least 1
     * @param keys the sorted sets, in the order to try them
     * @return the key popped from and the members with their scores, or {@code null} when every set is empty
     * @throws IllegalArgumentException when no key is given or {@code count} is below 1
     */
    default KeyValues<ScoredValue<V>> zmpop(SortedSetEnd end, long count, String... keys) {
        return zmpop(end, count, Arrays.asList(keys));
    }

    /**
     * Pops up to {@code count} members from the first non-empty sorted set ({@code ZMPOP}, Redis 7.0+).
     *
     * @param end which end to pop from
     * @param count how many members at most, at least 1
     * @param keys the sorted sets, in the order to try them
     * @return the key popped from and the members with their scores, or {@code null} when every set is empty
     * @throws IllegalArgumentException when {@code keys} is empty or {@code count} is below 1
     */
    default KeyValues<ScoredValue<V>> zmpop(SortedSetEnd end, long count, Collection<String> keys) {
        return execute(SortedSetAlgebraDefs.zmpop(codec(), end, count, keys));
    }

    /**
     * Pops up to {@code count} members from the first non-empty sorted set, waiting up to {@code timeout} for one
     * ({@code BZMPOP}, Redis 7.0+). Its read timeout is extended by {@code timeout}; a caller that gives up (an
     * interrupt, a cancelled future) does not lose the members: respkit puts them back.
     *
     * @param timeout how long to wait, {@link Duration#ZERO} for forever
     * @param end which end to pop from
     * @param count how many members at most, at least 1
     * @param keys the sorted sets, in the order to try them
     * @return the key popped from and the members with their scores, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when no key is given, {@code count} is below 1 or the timeout is negative
     */
    default KeyValues<ScoredValue<V>> bzmpop(Duration timeout, SortedSetEnd end, long count, String... keys) {
        return bzmpop(timeout, end, count, Arrays.asList(keys));
    }

    /**
     * Pops up to {@code count} members from the first non-empty sorted set, waiting up to {@code timeout} for one
     * ({@code BZMPOP}, Redis 7.0+), as {@link #bzmpop(Duration, SortedSetEnd, long, String...)}.
     *
     * @param timeout how long to wait, {@link Duration#ZERO} for forever
     * @param end which end to pop from
     * @param count how many members at most, at least 1
     * @param keys the sorted sets, in the order to try them
     * @return the key popped from and the members with their scores, or {@code null} when the timeout passed
     * @throws IllegalArgumentException when {@code keys} is empty, {@code count} is below 1 or the timeout is
     *         negative
     */
    default KeyValues<ScoredValue<V>> bzmpop(Duration timeout, SortedSetEnd end, long count,
            Collection<String> keys) {
        return execute(SortedSetAlgebraDefs.bzmpop(codec(), timeout, end, count, keys));
    }
}
