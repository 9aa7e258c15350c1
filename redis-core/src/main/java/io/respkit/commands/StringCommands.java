package io.respkit.commands;

import io.respkit.internal.commands.StringDefs;
import io.respkit.internal.commands.StringMoreDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Synchronous string commands. Each method is defined once in {@code io.respkit.internal.commands.StringDefs} and
 * runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "String commands")
public interface StringCommands<V> extends BaseCommands<V> {

    /**
     * Sets {@code key} to {@code value} ({@code SET}), removing any time to live.
     *
     * @param key the key
     * @param value the value
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisException when the command fails
     */
    default boolean set(String key, V value) {
        return execute(StringDefs.set(codec(), key, value));
    }

    /**
     * Sets {@code key} to {@code value} with options ({@code SET ... EX/PX/EXAT/PXAT/KEEPTTL NX/XX}).
     *
     * @param key the key
     * @param value the value
     * @param args expiry and condition
     * @return {@code true} when the value was set, {@code false} when an NX/XX condition prevented it
     * @throws io.respkit.exceptions.RedisException when the command fails
     */
    default boolean set(String key, V value, SetArgs args) {
        return execute(StringDefs.set(codec(), key, value, args));
    }

    /**
     * Sets {@code key} to {@code value} with a time to live ({@code SET ... EX}, or {@code PX} when the ttl is not a
     * whole number of seconds).
     *
     * @param key the key
     * @param value the value
     * @param ttl a positive time to live
     * @return {@code true}
     * @throws IllegalArgumentException when the ttl is not positive
     * @throws io.respkit.exceptions.RedisException when the command fails
     */
    default boolean set(String key, V value, Duration ttl) {
        return execute(StringDefs.set(codec(), key, value, SetArgs.ex(ttl)));
    }

    /**
     * Sets {@code key} to {@code value} expiring after {@code seconds} ({@code SETEX}).
     *
     * @param key the key
     * @param seconds a positive time to live in seconds
     * @param value the value
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the time to live is not positive
     */
    default boolean setex(String key, long seconds, V value) {
        return execute(StringDefs.setex(codec(), key, seconds, value));
    }

    /**
     * Sets {@code key} to {@code value} expiring after {@code ttl}: {@code SETEX} when the ttl is a whole number of
     * seconds, else {@code PSETEX}.
     *
     * @param key the key
     * @param ttl a positive time to live
     * @param value the value
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the time to live is not positive
     */
    default boolean setex(String key, Duration ttl, V value) {
        long millis = ttl.toMillis();
        return millis % 1000 == 0 ? execute(StringDefs.setex(codec(), key, millis / 1000, value))
                : execute(StringDefs.psetex(codec(), key, millis, value));
    }

    /**
     * Sets {@code key} to {@code value} expiring after {@code millis} milliseconds ({@code PSETEX}).
     *
     * @param key the key
     * @param millis a positive time to live in milliseconds
     * @param value the value
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the time to live is not positive
     */
    default boolean psetex(String key, long millis, V value) {
        return execute(StringDefs.psetex(codec(), key, millis, value));
    }

    /**
     * Sets {@code key} only when it does not exist ({@code SETNX}).
     *
     * @param key the key
     * @param value the value
     * @return {@code true} when the key was set, {@code false} when it already existed
     * @throws io.respkit.exceptions.RedisException when the command fails
     */
    default boolean setnx(String key, V value) {
        return execute(StringDefs.setnx(codec(), key, value));
    }

    /**
     * Sets {@code key} and returns its old value ({@code SET ... GET}).
     *
     * @param key the key
     * @param value the new value
     * @param args expiry and condition; {@link SetArgs#NONE} for none
     * @return the old value, or {@code null} when the key did not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default V setGet(String key, V value, SetArgs args) {
        return execute(StringDefs.setGet(codec(), key, value, args));
    }

    /**
     * Returns the value of {@code key} ({@code GET}).
     *
     * @param key the key
     * @return the value, or {@code null} when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default V get(String key) {
        return execute(StringDefs.get(codec(), key));
    }

    /**
     * Sets {@code key} to {@code value} and returns the old value ({@code GETSET}); removes any time to live.
     *
     * @param key the key
     * @param value the new value
     * @return the old value, or {@code null} when the key did not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default V getset(String key, V value) {
        return execute(StringDefs.getset(codec(), key, value));
    }

    /**
     * Returns the value of {@code key} and deletes the key ({@code GETDEL}).
     *
     * @param key the key
     * @return the value, or {@code null} when the key did not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default V getdel(String key) {
        return execute(StringDefs.getdel(codec(), key));
    }

    /**
     * Returns the value of {@code key} and changes its expiry ({@code GETEX ... EX/PX/EXAT/PXAT/PERSIST}).
     *
     * @param key the key
     * @param args the new expiry, {@link GetExArgs#persist()} to remove it, or {@link GetExArgs#NONE}
     * @return the value, or {@code null} when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default V getex(String key, GetExArgs args) {
        return execute(StringDefs.getex(codec(), key, args));
    }

    /**
     * Returns the substring of the value at {@code key} between two inclusive offsets ({@code GETRANGE}); negative
     * offsets count from the end.
     *
     * @param key the key
     * @param start the first offset
     * @param end the last offset, inclusive
     * @return the substring, empty when the key does not exist or the range is empty
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default V getrange(String key, long start, long end) {
        return execute(StringDefs.getrange(codec(), key, start, end));
    }

    /**
     * Overwrites part of the value at {@code key} starting at {@code offset} ({@code SETRANGE}), padding with zero
     * bytes when the value is shorter.
     *
     * @param key the key
     * @param offset the byte offset, not negative
     * @param value the bytes to write
     * @return the length of the value afterwards
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default long setrange(String key, long offset, V value) {
        return execute(StringDefs.setrange(codec(), key, offset, value));
    }

    /**
     * Returns the length in bytes of the value at {@code key} ({@code STRLEN}).
     *
     * @param key the key
     * @return the length, 0 when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default long strlen(String key) {
        return execute(StringDefs.strlen(codec(), key));
    }

    /**
     * Appends {@code value} to the value at {@code key}, creating it when missing ({@code APPEND}).
     *
     * @param key the key
     * @param value the value to append
     * @return the length of the value afterwards
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default long append(String key, V value) {
        return execute(StringDefs.append(codec(), key, value));
    }

    /**
     * Increments the integer at {@code key} by one ({@code INCR}); a missing key counts as 0.
     *
     * @param key the key
     * @return the value after the increment
     * @throws io.respkit.exceptions.RedisServerException when the value is not an integer
     */
    default long incr(String key) {
        return execute(StringDefs.incr(codec(), key));
    }

    /**
     * Increments the integer at {@code key} by {@code increment} ({@code INCRBY}); a missing key counts as 0.
     *
     * @param key the key
     * @param increment the amount, may be negative
     * @return the value after the increment
     * @throws io.respkit.exceptions.RedisServerException when the value is not an integer or the result overflows
     */
    default long incrby(String key, long increment) {
        return execute(StringDefs.incrby(codec(), key, increment));
    }

    /**
     * Increments the number at {@code key} by a floating-point {@code increment} ({@code INCRBYFLOAT}); a missing key
     * counts as 0.
     *
     * @param key the key
     * @param increment the amount, may be negative, not NaN or infinite
     * @return the value after the increment
     * @throws io.respkit.exceptions.RedisServerException when the value is not a number
     */
    default double incrbyfloat(String key, double increment) {
        return execute(StringDefs.incrbyfloat(codec(), key, increment));
    }

    /**
     * Decrements the integer at {@code key} by one ({@code DECR}); a missing key counts as 0.
     *
     * @param key the key
     * @return the value after the decrement
     * @throws io.respkit.exceptions.RedisServerException when the value is not an integer
     */
    default long decr(String key) {
        return execute(StringDefs.decr(codec(), key));
    }

    /**
     * Decrements the integer at {@code key} by {@code decrement} ({@code DECRBY}); a missing key counts as 0.
     *
     * @param key the key
     * @param decrement the amount, may be negative
     * @return the value after the decrement
     * @throws io.respkit.exceptions.RedisServerException when the value is not an integer or the result overflows
     */
    default long decrby(String key, long decrement) {
        return execute(StringDefs.decrby(codec(), key, decrement));
    }

    /**
     * Sets several keys at once ({@code MSET}).
     *
     * @param entries the keys and values, in iteration order
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisException when the command fails
     */
    default boolean mset(Map<String, V> entries) {
        return execute(StringDefs.mset(codec(), entries));
    }

    /**
     * Sets several keys at once only when none of them exists ({@code MSETNX}); all or nothing.
     *
     * @param entries the keys and values, in iteration order
     * @return {@code true} when all keys were set, {@code false} when at least one existed and none was set
     * @throws io.respkit.exceptions.RedisException when the command fails
     */
    default boolean msetnx(Map<String, V> entries) {
        return execute(StringDefs.msetnx(codec(), entries));
    }

    /**
     * Returns the values of several keys ({@code MGET}).
     *
     * @param keys the keys
     * @return the values in key order, {@code null} for missing keys
     * @throws io.respkit.exceptions.RedisException when the command fails
     */
    default List<V> mget(String... keys) {
        return mget(Arrays.asList(keys));
    }

    /**
     * Returns the values of several keys ({@code MGET}).
     *
     * @param keys the keys
     * @return the values in key order, {@code null} for missing keys
     * @throws io.respkit.exceptions.RedisException when the command fails
     */
    default List<V> mget(Iterable<String> keys) {
        return execute(StringDefs.mget(codec(), keys));
    }

    /**
     * Returns the longest common subsequence of the strings at two keys ({@code LCS}): the characters both contain in
     * the same order, not necessarily contiguous ({@code "ohmytext"} and {@code "mynewtext"} give {@code "mytext"}).
     *
     * @param key1 one key; a missing key counts as empty
     * @param key2 the other key
     * @return the subsequence, empty when there is none
     * @throws io.respkit.exceptions.RedisServerException when a key holds a non-string ({@code ERR} in Redis 7.0)
     */
    default V lcs(String key1, String key2) {
        return execute(StringMoreDefs.lcs(codec(), key1, key2));
    }

    /**
     * Returns the length of the longest common subsequence of the strings at two keys ({@code LCS ... LEN}).
     *
     * @param key1 one key; a missing key counts as empty
     * @param key2 the other key
     * @return the length
     * @throws io.respkit.exceptions.RedisServerException when a key holds a non-string ({@code ERR} in Redis 7.0)
     */
    default long lcsLen(String key1, String key2) {
        return execute(StringMoreDefs.lcsLen(codec(), key1, key2));
    }

    /**
     * Returns where the longest common subsequence of the strings at two keys lies in each ({@code LCS ... IDX
     * WITHMATCHLEN}): every matching run with its length, and the subsequence's length.
     *
     * @param key1 one key; a missing key counts as empty
     * @param key2 the other key
     * @return the runs, from the end of the strings to their start, and the length
     * @throws io.respkit.exceptions.RedisServerException when a key holds a non-string ({@code ERR} in Redis 7.0)
     */
    default LcsResult lcsIdx(String key1, String key2) {
        return execute(StringMoreDefs.lcsIdx(codec(), key1, key2, 0));
    }

    /**
     * Returns where the longest common subsequence lies, leaving out runs shorter than {@code minMatchLength}
     * ({@code LCS ... IDX MINMATCHLEN n WITHMATCHLEN}); the length still counts every run.
     *
     * @param key1 one key; a missing key counts as empty
     * @param key2 the other key
     * @param minMatchLength the shortest run to list; 0 or less lists all
     * @return the runs at least that long, from the end of the strings to their start, and the full length
     * @throws io.respkit.exceptions.RedisServerException when a key holds a non-string ({@code ERR} in Redis 7.0)
     */
    default LcsResult lcsIdx(String key1, String key2, long minMatchLength) {
        return execute(StringMoreDefs.lcsIdx(codec(), key1, key2, minMatchLength));
    }

    /**
     * Returns the substring between two inclusive offsets ({@code SUBSTR}, the old name of {@code GETRANGE}).
     *
     * @param key the key
     * @param start the first offset; negative counts from the end
     * @param end the last offset, inclusive
     * @return the substring, empty when the key does not exist or the range is empty
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     * @deprecated {@code SUBSTR} is deprecated since Redis 2.0: use {@link #getrange(String, long, long)}
     */
    @Deprecated
    default V substr(String key, long start, long end) {
        return execute(StringMoreDefs.substr(codec(), key, start, end));
    }
}
