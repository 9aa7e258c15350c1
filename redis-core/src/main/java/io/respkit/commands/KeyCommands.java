package io.respkit.commands;

import io.respkit.internal.commands.KeyDefs;
import io.respkit.internal.commands.ScanStreams;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Synchronous generic key commands: existence, type, renaming, deletion, expiry, scanning and flushing. Each method
 * is defined once in {@code io.respkit.internal.commands.KeyDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method may throw {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Generic key commands",
        pipelineNote = "The lazy {@code scan} streams exist only in the synchronous API; queue single pages with"
                + " {@link #scan(String, ScanArgs)}.",
        asyncNote = "The lazy {@code scan} streams exist only in the synchronous API; fetch single pages with"
                + " {@link #scan(String, ScanArgs)}.")
public interface KeyCommands<V> extends BaseCommands<V> {

    /**
     * Returns every key matching a glob pattern ({@code KEYS}). This walks the whole keyspace in one blocking call;
     * prefer {@link #scan(ScanArgs)} on large databases.
     *
     * @param pattern the glob pattern, e.g. {@code "user:*"}; {@code "*"} for all
     * @return the matching keys, in no particular order
     */
    default List<String> keys(String pattern) {
        return execute(KeyDefs.keys(codec(), pattern));
    }

    /**
     * Streams every key ({@code SCAN}), fetching one page per call as the stream is consumed. A key may appear more
     * than once when the keyspace changes during the iteration; collect into a {@code Set} to be sure.
     *
     * @return a lazy stream of keys
     */
    @SyncOnly("a lazy stream follows the cursor with one round trip per page")
    default Stream<String> scan() {
        return scan(ScanArgs.NONE);
    }

    /**
     * Streams the keys matching options ({@code SCAN ... MATCH/COUNT/TYPE}), fetching one page per call as the stream
     * is consumed. As with {@link #scan()}, a key may appear more than once.
     *
     * @param args the {@code MATCH} pattern, {@code COUNT} hint and {@code TYPE} filter
     * @return a lazy stream of keys
     */
    @SyncOnly("a lazy stream follows the cursor with one round trip per page")
    default Stream<String> scan(ScanArgs args) {
        return ScanStreams.stream(cursor -> execute(KeyDefs.scan(codec(), cursor, args)));
    }

    /**
     * Fetches one page of a {@code SCAN} iteration, for callers who manage the cursor themselves.
     *
     * @param cursor {@code "0"} to start, then the cursor of the previous page
     * @param args the options; {@link ScanArgs#NONE} for none
     * @return the page; {@link ScanPage#isFinished()} when the iteration is complete
     * @throws io.respkit.exceptions.RedisServerException when the cursor is invalid
     */
    default ScanPage<String> scan(String cursor, ScanArgs args) {
        return execute(KeyDefs.scan(codec(), cursor, args));
    }

    /**
     * Returns the type of the value at {@code key} ({@code TYPE}).
     *
     * @param key the key
     * @return {@code "string"}, {@code "list"}, {@code "set"}, {@code "zset"}, {@code "hash"}, {@code "stream"}, or
     *         {@code "none"} when the key does not exist
     */
    default String type(String key) {
        return execute(KeyDefs.type(codec(), key));
    }

    /**
     * Counts how many of the keys exist ({@code EXISTS}); a key given twice counts twice.
     *
     * @param keys the keys, at least one
     * @return the number of existing keys, e.g. 1 or 0 for a single key
     * @throws IllegalArgumentException when no key is given
     */
    default long exists(String... keys) {
        return exists(Arrays.asList(keys));
    }

    /**
     * Counts how many of the keys exist ({@code EXISTS}); a key given twice counts twice.
     *
     * @param keys the keys, at least one
     * @return the number of existing keys
     * @throws IllegalArgumentException when {@code keys} is empty
     */
    default long exists(Collection<String> keys) {
        return execute(KeyDefs.exists(codec(), keys));
    }

    /**
     * Renames {@code key} to {@code newKey} ({@code RENAME}), overwriting {@code newKey} if it exists.
     *
     * @param key the existing key
     * @param newKey the new name
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code ERR no such key} when {@code key} does not exist
     */
    default boolean rename(String key, String newKey) {
        return execute(KeyDefs.rename(codec(), key, newKey));
    }

    /**
     * Renames {@code key} to {@code newKey} only when {@code newKey} does not exist ({@code RENAMENX}).
     *
     * @param key the existing key
     * @param newKey the new name
     * @return {@code true} when renamed, {@code false} when {@code newKey} already existed
     * @throws io.respkit.exceptions.RedisServerException {@code ERR no such key} when {@code key} does not exist
     */
    default boolean renamenx(String key, String newKey) {
        return execute(KeyDefs.renamenx(codec(), key, newKey));
    }

    /**
     * Deletes keys ({@code DEL}), freeing their memory before replying.
     *
     * @param keys the keys, at least one
     * @return how many of them existed and were deleted
     * @throws IllegalArgumentException when no key is given
     */
    default long del(String... keys) {
        return del(Arrays.asList(keys));
    }

    /**
     * Deletes keys ({@code DEL}), freeing their memory before replying.
     *
     * @param keys the keys, at least one
     * @return how many of them existed and were deleted
     * @throws IllegalArgumentException when {@code keys} is empty
     */
    default long del(Collection<String> keys) {
        return execute(KeyDefs.del(codec(), keys));
    }

    /**
     * Deletes keys and frees their memory in the background ({@code UNLINK}); the keys are gone at once.
     *
     * @param keys the keys, at least one
     * @return how many of them existed and were removed
     * @throws IllegalArgumentException when no key is given
     */
    default long unlink(String... keys) {
        return unlink(Arrays.asList(keys));
    }

    /**
     * Deletes keys and frees their memory in the background ({@code UNLINK}); the keys are gone at once.
     *
     * @param keys the keys, at least one
     * @return how many of them existed and were removed
     * @throws IllegalArgumentException when {@code keys} is empty
     */
    default long unlink(Collection<String> keys) {
        return execute(KeyDefs.unlink(codec(), keys));
    }

    /**
     * Sets a time to live in seconds ({@code EXPIRE}); zero or negative deletes the key.
     *
     * @param key the key
     * @param seconds the time to live
     * @return {@code true} when set, {@code false} when the key does not exist
     */
    default boolean expire(String key, long seconds) {
        return execute(KeyDefs.expire(codec(), key, seconds, null));
    }

    /**
     * Sets a time to live in seconds under a condition ({@code EXPIRE ... NX|XX|GT|LT}, Redis 7.0+).
     *
     * @param key the key
     * @param seconds the time to live
     * @param condition when to apply it
     * @return {@code true} when set, {@code false} when the key does not exist or the condition was not met
     */
    default boolean expire(String key, long seconds, ExpireCondition condition) {
        return execute(KeyDefs.expire(codec(), key, seconds, condition));
    }

    /**
     * Sets a time to live with millisecond precision: sent as {@code EXPIRE} for whole seconds, else as
     * {@code PEXPIRE}. Anything finer than a millisecond is truncated; zero or negative deletes the key.
     *
     * @param key the key
     * @param ttl the time to live
     * @return {@code true} when set, {@code false} when the key does not exist
     */
    default boolean expire(String key, Duration ttl) {
        return execute(KeyDefs.expire(codec(), key, ttl, null));
    }

    /**
     * Like {@link #expire(String, Duration)}, under a condition ({@code NX|XX|GT|LT}, Redis 7.0+).
     *
     * @param key the key
     * @param ttl the time to live
     * @param condition when to apply it
     * @return {@code true} when set, {@code false} when the key does not exist or the condition was not met
     */
    default boolean expire(String key, Duration ttl, ExpireCondition condition) {
        return execute(KeyDefs.expire(codec(), key, ttl, condition));
    }

    /**
     * Sets a time to live in milliseconds ({@code PEXPIRE}); zero or negative deletes the key.
     *
     * @param key the key
     * @param millis the time to live in milliseconds
     * @return {@code true} when set, {@code false} when the key does not exist
     */
    default boolean pexpire(String key, long millis) {
        return execute(KeyDefs.pexpire(codec(), key, millis, null));
    }

    /**
     * Sets a time to live in milliseconds under a condition ({@code PEXPIRE ... NX|XX|GT|LT}, Redis 7.0+).
     *
     * @param key the key
     * @param millis the time to live in milliseconds
     * @param condition when to apply it
     * @return {@code true} when set, {@code false} when the key does not exist or the condition was not met
     */
    default boolean pexpire(String key, long millis, ExpireCondition condition) {
        return execute(KeyDefs.pexpire(codec(), key, millis, condition));
    }

    /**
     * Sets a time to live as {@code PEXPIRE}, truncated to milliseconds.
     *
     * @param key the key
     * @param ttl the time to live
     * @return {@code true} when set, {@code false} when the key does not exist
     */
    default boolean pexpire(String key, Duration ttl) {
        return execute(KeyDefs.pexpire(codec(), key, ttl.toMillis(), null));
    }

    /**
     * Sets the expiry time in Unix seconds ({@code EXPIREAT}); a time in the past deletes the key.
     *
     * @param key the key
     * @param unixSeconds when the key expires, in seconds since the epoch
     * @return {@code true} when set, {@code false} when the key does not exist
     */
    default boolean expireat(String key, long unixSeconds) {
        return execute(KeyDefs.expireat(codec(), key, unixSeconds, null));
    }

    /**
     * Sets the expiry time in Unix seconds under a condition ({@code EXPIREAT ... NX|XX|GT|LT}, Redis 7.0+).
     *
     * @param key the key
     * @param unixSeconds when the key expires, in seconds since the epoch
     * @param condition when to apply it
     * @return {@code true} when set, {@code false} when the key does not exist or the condition was not met
     */
    default boolean expireat(String key, long unixSeconds, ExpireCondition condition) {
        return execute(KeyDefs.expireat(codec(), key, unixSeconds, condition));
    }

    /**
     * Sets the expiry time with millisecond precision: sent as {@code EXPIREAT} for a whole second, else as
     * {@code PEXPIREAT}; a time in the past deletes the key.
     *
     * @param key the key
     * @param at when the key expires
     * @return {@code true} when set, {@code false} when the key does not exist
     */
    default boolean expireat(String key, Instant at) {
        return execute(KeyDefs.expireat(codec(), key, at, null));
    }

    /**
     * Like {@link #expireat(String, Instant)}, under a condition ({@code NX|XX|GT|LT}, Redis 7.0+).
     *
     * @param key the key
     * @param at when the key expires
     * @param condition when to apply it
     * @return {@code true} when set, {@code false} when the key does not exist or the condition was not met
     */
    default boolean expireat(String key, Instant at, ExpireCondition condition) {
        return execute(KeyDefs.expireat(codec(), key, at, condition));
    }

    /**
     * Sets the expiry time in Unix milliseconds ({@code PEXPIREAT}); a time in the past deletes the key.
     *
     * @param key the key
     * @param unixMillis when the key expires, in milliseconds since the epoch
     * @return {@code true} when set, {@code false} when the key does not exist
     */
    default boolean pexpireat(String key, long unixMillis) {
        return execute(KeyDefs.pexpireat(codec(), key, unixMillis, null));
    }

    /**
     * Sets the expiry time in Unix milliseconds under a condition ({@code PEXPIREAT ... NX|XX|GT|LT}, Redis 7.0+).
     *
     * @param key the key
     * @param unixMillis when the key expires, in milliseconds since the epoch
     * @param condition when to apply it
     * @return {@code true} when set, {@code false} when the key does not exist or the condition was not met
     */
    default boolean pexpireat(String key, long unixMillis, ExpireCondition condition) {
        return execute(KeyDefs.pexpireat(codec(), key, unixMillis, condition));
    }

    /**
     * Sets the expiry time as {@code PEXPIREAT}, truncated to milliseconds.
     *
     * @param key the key
     * @param at when the key expires
     * @return {@code true} when set, {@code false} when the key does not exist
     */
    default boolean pexpireat(String key, Instant at) {
        return execute(KeyDefs.pexpireat(codec(), key, at.toEpochMilli(), null));
    }

    /**
     * Removes the time to live of {@code key} ({@code PERSIST}), making it permanent.
     *
     * @param key the key
     * @return {@code true} when a time to live was removed, {@code false} when the key has none or does not exist
     */
    default boolean persist(String key) {
        return execute(KeyDefs.persist(codec(), key));
    }

    /**
     * Returns the remaining time to live in seconds ({@code TTL}).
     *
     * @param key the key
     * @return the seconds left; {@code -1} when the key exists but has no expiry; {@code -2} when it does not exist
     */
    default long ttl(String key) {
        return execute(KeyDefs.ttl(codec(), key));
    }

    /**
     * Returns the remaining time to live in milliseconds ({@code PTTL}).
     *
     * @param key the key
     * @return the milliseconds left; {@code -1} when the key exists but has no expiry; {@code -2} when it does not
     *         exist
     */
    default long pttl(String key) {
        return execute(KeyDefs.pttl(codec(), key));
    }

    /**
     * Returns the number of keys in the selected database ({@code DBSIZE}).
     *
     * @return the key count
     */
    default long dbsize() {
        return execute(KeyDefs.dbsize(codec()));
    }

    /**
     * Deletes every key of the selected database ({@code FLUSHDB}), with the server's default mode.
     *
     * @return {@code true}
     */
    default boolean flushdb() {
        return execute(KeyDefs.flushdb(codec(), null));
    }

    /**
     * Deletes every key of the selected database ({@code FLUSHDB SYNC|ASYNC}).
     *
     * @param mode whether to free memory before replying or in the background
     * @return {@code true}
     */
    default boolean flushdb(FlushMode mode) {
        return execute(KeyDefs.flushdb(codec(), mode));
    }

    /**
     * Deletes every key of every database ({@code FLUSHALL}), with the server's default mode.
     *
     * @return {@code true}
     */
    default boolean flushall() {
        return execute(KeyDefs.flushall(codec(), null));
    }

    /**
     * Deletes every key of every database ({@code FLUSHALL SYNC|ASYNC}).
     *
     * @param mode whether to free memory before replying or in the background
     * @return {@code true}
     */
    default boolean flushall(FlushMode mode) {
        return execute(KeyDefs.flushall(codec(), mode));
    }

    /**
     * Returns a random key of the selected database ({@code RANDOMKEY}).
     *
     * @return a key, or {@code null} when the database is empty
     */
    default String randomkey() {
        return execute(KeyDefs.randomkey(codec()));
    }
}
