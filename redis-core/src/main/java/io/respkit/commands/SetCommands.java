package io.respkit.commands;

import io.respkit.internal.commands.ScanStreams;
import io.respkit.internal.commands.SetDefs;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Synchronous set commands. Each method is defined once in {@code io.respkit.internal.commands.SetDefs}
 * and runs through {@link #execute(Command)}. Every method throws {@link io.respkit.exceptions.RedisServerException} with code
 * {@code WRONGTYPE} when a key holds something other than a set. Sets come back as {@link java.util.LinkedHashSet}s
 * in the server's order (which is unspecified), under RESP2 and RESP3 alike.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Set commands",
        pipelineNote = "The lazy {@code sscan} streams exist only in the synchronous API; queue single pages with"
                + " {@link #sscan(String, String, ScanArgs)}.",
        asyncNote = "The lazy {@code sscan} streams exist only in the synchronous API; fetch single pages with"
                + " {@link #sscan(String, String, ScanArgs)}.")
public interface SetCommands<V> extends BaseCommands<V> {

    /**
     * Adds members to the set at {@code key} ({@code SADD}), creating it when missing.
     *
     * @param key the key
     * @param members one or more members; duplicates and existing members are ignored
     * @return the number of members that were added (not already present)
     * @throws io.respkit.exceptions.RedisServerException when no member is given, or {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default long sadd(String key, V... members) {
        return sadd(key, Arrays.asList(members));
    }

    /**
     * Adds members to the set ({@code SADD}); see {@link #sadd(String, Object[])}.
     *
     * @param key the key
     * @param members one or more members
     * @return the number of members that were added
     * @throws io.respkit.exceptions.RedisServerException when no member is given, or {@code WRONGTYPE}
     */
    default long sadd(String key, Collection<? extends V> members) {
        return execute(SetDefs.sadd(codec(), key, members));
    }

    /**
     * Removes members from the set ({@code SREM}); the key is deleted when the set becomes empty.
     *
     * @param key the key
     * @param members one or more members
     * @return the number of members that were removed (were present)
     * @throws io.respkit.exceptions.RedisServerException when no member is given, or {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default long srem(String key, V... members) {
        return srem(key, Arrays.asList(members));
    }

    /**
     * Removes members from the set ({@code SREM}); see {@link #srem(String, Object[])}.
     *
     * @param key the key
     * @param members one or more members
     * @return the number of members that were removed
     * @throws io.respkit.exceptions.RedisServerException when no member is given, or {@code WRONGTYPE}
     */
    default long srem(String key, Collection<? extends V> members) {
        return execute(SetDefs.srem(codec(), key, members));
    }

    /**
     * Returns every member of the set ({@code SMEMBERS}); for large sets prefer {@link #sscan(String)}.
     *
     * @param key the key
     * @return the members; empty when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-set
     */
    default Set<V> smembers(String key) {
        return execute(SetDefs.smembers(codec(), key));
    }

    /**
     * Returns the number of members ({@code SCARD}).
     *
     * @param key the key
     * @return the cardinality, 0 when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-set
     */
    default long scard(String key) {
        return execute(SetDefs.scard(codec(), key));
    }

    /**
     * Returns a random member without removing it ({@code SRANDMEMBER}).
     *
     * @param key the key
     * @return a member, or {@code null} when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-set
     */
    default V srandmember(String key) {
        return execute(SetDefs.srandmember(codec(), key));
    }

    /**
     * Returns random members without removing them ({@code SRANDMEMBER key count}). A positive count gives up to
     * {@code count} distinct members; a negative count gives exactly {@code -count} members, possibly repeated.
     *
     * @param key the key
     * @param count how many members, negative to allow repeats
     * @return the members; empty when the key is missing or the count is 0
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-set
     */
    default List<V> srandmember(String key, long count) {
        return execute(SetDefs.srandmember(codec(), key, count));
    }

    /**
     * Returns whether {@code member} is in the set ({@code SISMEMBER}).
     *
     * @param key the key
     * @param member the member
     * @return {@code true} when it is; {@code false} when it is not or the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-set
     */
    default boolean sismember(String key, V member) {
        return execute(SetDefs.sismember(codec(), key, member));
    }

    /**
     * Returns, for each member, whether it is in the set ({@code SMISMEMBER}).
     *
     * @param key the key
     * @param members one or more members
     * @return one boolean per member, in argument order; all {@code false} when the key is missing
     * @throws io.respkit.exceptions.RedisServerException when no member is given, or {@code WRONGTYPE}
     */
    @SuppressWarnings("unchecked")
    default List<Boolean> smismember(String key, V... members) {
        return smismember(key, Arrays.asList(members));
    }

    /**
     * Returns, for each member, whether it is in the set ({@code SMISMEMBER}); see
     * {@link #smismember(String, Object[])}.
     *
     * @param key the key
     * @param members one or more members
     * @return one boolean per member, in iteration order
     * @throws io.respkit.exceptions.RedisServerException when no member is given, or {@code WRONGTYPE}
     */
    default List<Boolean> smismember(String key, Collection<? extends V> members) {
        return execute(SetDefs.smismember(codec(), key, members));
    }

    /**
     * Removes and returns a random member ({@code SPOP}).
     *
     * @param key the key
     * @return the member, or {@code null} when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-set
     */
    default V spop(String key) {
        return execute(SetDefs.spop(codec(), key));
    }

    /**
     * Removes and returns up to {@code count} random members ({@code SPOP key count}).
     *
     * @param key the key
     * @param count how many members at most, not negative
     * @return the removed members; empty when the key is missing
     * @throws io.respkit.exceptions.RedisServerException when the count is negative, or {@code WRONGTYPE}
     */
    default Set<V> spop(String key, long count) {
        return execute(SetDefs.spop(codec(), key, count));
    }

    /**
     * Moves {@code member} from {@code source} to {@code destination} ({@code SMOVE}), atomically.
     *
     * @param source the set to take from
     * @param destination the set to add to, created when missing
     * @param member the member
     * @return {@code true} when it was moved; {@code false} when it is not in {@code source} (nothing happens)
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-set
     */
    default boolean smove(String source, String destination, V member) {
        return execute(SetDefs.smove(codec(), source, destination, member));
    }

    /**
     * Returns the members present in every given set ({@code SINTER}); a missing key counts as an empty set.
     *
     * @param keys one or more keys
     * @return the intersection
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE}
     */
    default Set<V> sinter(String... keys) {
        return sinter(Arrays.asList(keys));
    }

    /**
     * Returns the intersection of the given sets ({@code SINTER}); see {@link #sinter(String...)}.
     *
     * @param keys one or more keys
     * @return the intersection
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE}
     */
    default Set<V> sinter(Collection<String> keys) {
        return execute(SetDefs.sinter(codec(), keys));
    }

    /**
     * Returns the members present in any of the given sets ({@code SUNION}).
     *
     * @param keys one or more keys
     * @return the union
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE}
     */
    default Set<V> sunion(String... keys) {
        return sunion(Arrays.asList(keys));
    }

    /**
     * Returns the union of the given sets ({@code SUNION}); see {@link #sunion(String...)}.
     *
     * @param keys one or more keys
     * @return the union
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE}
     */
    default Set<V> sunion(Collection<String> keys) {
        return execute(SetDefs.sunion(codec(), keys));
    }

    /**
     * Returns the members of the first set that are in none of the others ({@code SDIFF}).
     *
     * @param keys the first set, then the sets to subtract
     * @return the difference
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE}
     */
    default Set<V> sdiff(String... keys) {
        return sdiff(Arrays.asList(keys));
    }

    /**
     * Returns the difference of the given sets ({@code SDIFF}); see {@link #sdiff(String...)}.
     *
     * @param keys the first set, then the sets to subtract
     * @return the difference
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE}
     */
    default Set<V> sdiff(Collection<String> keys) {
        return execute(SetDefs.sdiff(codec(), keys));
    }

    /**
     * Stores the intersection of the given sets in {@code destination} ({@code SINTERSTORE}), replacing it; an
     * empty result deletes {@code destination}.
     *
     * @param destination the key to store into
     * @param keys one or more source keys
     * @return the size of the stored set
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE} for a source key
     */
    default long sinterstore(String destination, String... keys) {
        return sinterstore(destination, Arrays.asList(keys));
    }

    /**
     * Stores the intersection ({@code SINTERSTORE}); see {@link #sinterstore(String, String...)}.
     *
     * @param destination the key to store into
     * @param keys one or more source keys
     * @return the size of the stored set
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE} for a source key
     */
    default long sinterstore(String destination, Collection<String> keys) {
        return execute(SetDefs.sinterstore(codec(), destination, keys));
    }

    /**
     * Stores the union of the given sets in {@code destination} ({@code SUNIONSTORE}), replacing it.
     *
     * @param destination the key to store into
     * @param keys one or more source keys
     * @return the size of the stored set
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE} for a source key
     */
    default long sunionstore(String destination, String... keys) {
        return sunionstore(destination, Arrays.asList(keys));
    }

    /**
     * Stores the union ({@code SUNIONSTORE}); see {@link #sunionstore(String, String...)}.
     *
     * @param destination the key to store into
     * @param keys one or more source keys
     * @return the size of the stored set
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE} for a source key
     */
    default long sunionstore(String destination, Collection<String> keys) {
        return execute(SetDefs.sunionstore(codec(), destination, keys));
    }

    /**
     * Stores the difference of the given sets in {@code destination} ({@code SDIFFSTORE}), replacing it.
     *
     * @param destination the key to store into
     * @param keys the first set, then the sets to subtract
     * @return the size of the stored set
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE} for a source key
     */
    default long sdiffstore(String destination, String... keys) {
        return sdiffstore(destination, Arrays.asList(keys));
    }

    /**
     * Stores the difference ({@code SDIFFSTORE}); see {@link #sdiffstore(String, String...)}.
     *
     * @param destination the key to store into
     * @param keys the first set, then the sets to subtract
     * @return the size of the stored set
     * @throws io.respkit.exceptions.RedisServerException when no key is given, or {@code WRONGTYPE} for a source key
     */
    default long sdiffstore(String destination, Collection<String> keys) {
        return execute(SetDefs.sdiffstore(codec(), destination, keys));
    }

    /**
     * Iterates over every member with {@code SSCAN}, hiding the cursor: pages are fetched lazily as the stream is
     * consumed, each with its own call. A member may appear more than once when the set changes meanwhile.
     *
     * @param key the key
     * @return a lazy stream of members; empty when the key is missing
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} (while consuming) when the key holds a non-set
     */
    @SyncOnly("a lazy stream follows the cursor with one round trip per page")
    default Stream<V> sscan(String key) {
        return sscan(key, ScanArgs.NONE);
    }

    /**
     * Iterates over the members matching {@code args} with {@code SSCAN}; see {@link #sscan(String)}.
     *
     * @param key the key
     * @param args {@code MATCH} pattern and {@code COUNT} hint; {@code TYPE} is not allowed
     * @return a lazy stream of members
     * @throws io.respkit.exceptions.RedisServerException (while consuming) {@code WRONGTYPE}, or a syntax error for
     *         {@code TYPE}
     */
    @SyncOnly("a lazy stream follows the cursor with one round trip per page")
    default Stream<V> sscan(String key, ScanArgs args) {
        return ScanStreams.stream(cursor -> execute(SetDefs.sscan(codec(), key, cursor, args)));
    }

    /**
     * Returns one page of an {@code SSCAN} iteration, for callers that keep the cursor themselves.
     *
     * @param key the key
     * @param cursor {@code "0"} to start, then the cursor of the previous page
     * @param args {@code MATCH} pattern and {@code COUNT} hint; {@link ScanArgs#NONE} for none
     * @return the page; its cursor is {@code "0"} when the iteration is complete
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}, an invalid cursor, or a syntax error for
     *         {@code TYPE}
     */
    default ScanPage<V> sscan(String key, String cursor, ScanArgs args) {
        return execute(SetDefs.sscan(codec(), key, cursor, args));
    }

    /**
     * Counts the members found in every set without returning them ({@code SINTERCARD}, Redis 7.0+).
     *
     * @param keys the sets, at least one
     * @return the size of the intersection; 0 when a key does not exist
     * @throws IllegalArgumentException when no key is given
     */
    default long sintercard(String... keys) {
        return sintercard(0, Arrays.asList(keys));
    }

    /**
     * Counts the members found in every set, stopping at {@code limit} ({@code SINTERCARD numkeys key ...
     * LIMIT limit}, Redis 7.0+): cheaper than a full count when only "at least n" matters.
     *
     * @param limit the count at which to stop, 0 for no limit
     * @param keys the sets, at least one
     * @return the size of the intersection, at most {@code limit} when it is positive
     * @throws IllegalArgumentException when {@code keys} is empty or {@code limit} negative
     */
    default long sintercard(long limit, Collection<String> keys) {
        return execute(SetDefs.sintercard(codec(), keys, limit));
    }
}
