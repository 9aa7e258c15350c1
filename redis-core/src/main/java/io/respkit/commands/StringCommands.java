package io.respkit.commands;

import io.respkit.internal.commands.StringDefs;

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
public interface StringCommands<V> extends BaseCommands<V> {

    /**
     * Sets {@code key} to {@code value} ({@code SET}), removing any time to live.
     *
     * @param key the key
     * @param value the value
     * @return {@code true}
     * @throws io.respkit.RedisException when the command fails
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
     * @throws io.respkit.RedisException when the command fails
     */
    default boolean set(String key, V value, SetArgs args) {
        return execute(StringDefs.set(codec(), key, value, args));
    }

    /**
     * Sets {@code key} and returns its old value ({@code SET ... GET}).
     *
     * @param key the key
     * @param value the new value
     * @param args expiry and condition; {@link SetArgs#NONE} for none
     * @return the old value, or {@code null} when the key did not exist
     * @throws io.respkit.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default V setGet(String key, V value, SetArgs args) {
        return execute(StringDefs.setGet(codec(), key, value, args));
    }

    /**
     * Returns the value of {@code key} ({@code GET}).
     *
     * @param key the key
     * @return the value, or {@code null} when the key does not exist
     * @throws io.respkit.RedisServerException {@code WRONGTYPE} when the key holds a non-string
     */
    default V get(String key) {
        return execute(StringDefs.get(codec(), key));
    }

    /**
     * Increments the integer at {@code key} by one ({@code INCR}); a missing key counts as 0.
     *
     * @param key the key
     * @return the value after the increment
     * @throws io.respkit.RedisServerException when the value is not an integer
     */
    default long incr(String key) {
        return execute(StringDefs.incr(codec(), key));
    }

    /**
     * Sets several keys at once ({@code MSET}).
     *
     * @param entries the keys and values, in iteration order
     * @return {@code true}
     * @throws io.respkit.RedisException when the command fails
     */
    default boolean mset(Map<String, V> entries) {
        return execute(StringDefs.mset(codec(), entries));
    }

    /**
     * Returns the values of several keys ({@code MGET}).
     *
     * @param keys the keys
     * @return the values in key order, {@code null} for missing keys
     * @throws io.respkit.RedisException when the command fails
     */
    default List<V> mget(String... keys) {
        return mget(Arrays.asList(keys));
    }

    /**
     * Returns the values of several keys ({@code MGET}).
     *
     * @param keys the keys
     * @return the values in key order, {@code null} for missing keys
     * @throws io.respkit.RedisException when the command fails
     */
    default List<V> mget(Iterable<String> keys) {
        return execute(StringDefs.mget(codec(), keys));
    }
}
