package io.respkit.commands;

import io.respkit.internal.commands.HashDefs;
import io.respkit.internal.commands.ScanStreams;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Synchronous hash commands. Each method is defined once in {@code io.respkit.internal.commands.HashDefs}
 * and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} with code {@code WRONGTYPE} when the key holds a
 * value that is not a hash, and {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Hash commands",
        pipelineNote = "The lazy {@code hscan} streams exist only in the synchronous API; queue single pages with"
                + " {@link #hscan(String, String, ScanArgs)}.",
        asyncNote = "The lazy {@code hscan} streams exist only in the synchronous API; fetch single pages with"
                + " {@link #hscan(String, String, ScanArgs)}.")
public interface HashCommands<V> extends BaseCommands<V> {

    /**
     * Sets one field of the hash at {@code key} ({@code HSET}), creating the hash when missing.
     *
     * @param key the key
     * @param field the field
     * @param value the value
     * @return the number of fields added: 1 for a new field, 0 when an existing field was updated
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default long hset(String key, String field, V value) {
        return execute(HashDefs.hset(codec(), key, field, value));
    }

    /**
     * Sets several fields of the hash at {@code key} ({@code HSET}), creating the hash when missing.
     *
     * @param key the key
     * @param entries the fields and values, at least one
     * @return the number of fields added (updated fields are not counted)
     * @throws IllegalArgumentException when {@code entries} is empty
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default long hset(String key, Map<String, V> entries) {
        return execute(HashDefs.hset(codec(), key, entries));
    }

    /**
     * Sets several fields of the hash at {@code key} ({@code HMSET}; deprecated by Redis in favour of
     * {@link #hset(String, Map)}, still supported).
     *
     * @param key the key
     * @param entries the fields and values, at least one
     * @return {@code true}
     * @throws IllegalArgumentException when {@code entries} is empty
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default boolean hmset(String key, Map<String, V> entries) {
        return execute(HashDefs.hmset(codec(), key, entries));
    }

    /**
     * Sets a field only when it does not exist yet ({@code HSETNX}), creating the hash when missing.
     *
     * @param key the key
     * @param field the field
     * @param value the value
     * @return {@code true} when the field was set, {@code false} when it existed (its value is unchanged)
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default boolean hsetnx(String key, String field, V value) {
        return execute(HashDefs.hsetnx(codec(), key, field, value));
    }

    /**
     * Returns the value of a field ({@code HGET}).
     *
     * @param key the key
     * @param field the field
     * @return the value, or {@code null} when the field or the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default V hget(String key, String field) {
        return execute(HashDefs.hget(codec(), key, field));
    }

    /**
     * Returns the values of several fields ({@code HMGET}).
     *
     * @param key the key
     * @param fields the fields, at least one
     * @return the values in field order, {@code null} for missing fields (all {@code null} for a missing key)
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default List<V> hmget(String key, String... fields) {
        return execute(HashDefs.hmget(codec(), key, Arrays.asList(fields)));
    }

    /**
     * Returns the values of several fields ({@code HMGET}).
     *
     * @param key the key
     * @param fields the fields, at least one
     * @return the values in field order, {@code null} for missing fields (all {@code null} for a missing key)
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default List<V> hmget(String key, Collection<String> fields) {
        return execute(HashDefs.hmget(codec(), key, fields));
    }

    /**
     * Returns every field and value of the hash ({@code HGETALL}); works with the RESP2 flat array and the RESP3 map.
     *
     * @param key the key
     * @return the fields and values in the server's order (a {@link java.util.LinkedHashMap}); empty when the key
     *         does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default Map<String, V> hgetall(String key) {
        return execute(HashDefs.hgetall(codec(), key));
    }

    /**
     * Returns the field names of the hash ({@code HKEYS}).
     *
     * @param key the key
     * @return the fields in the server's order; empty when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default List<String> hkeys(String key) {
        return execute(HashDefs.hkeys(codec(), key));
    }

    /**
     * Returns the values of the hash ({@code HVALS}).
     *
     * @param key the key
     * @return the values in the server's order (the same as {@link #hkeys}); empty when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default List<V> hvals(String key) {
        return execute(HashDefs.hvals(codec(), key));
    }

    /**
     * Returns whether a field exists ({@code HEXISTS}).
     *
     * @param key the key
     * @param field the field
     * @return {@code true} when the hash has the field, {@code false} when it or the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default boolean hexists(String key, String field) {
        return execute(HashDefs.hexists(codec(), key, field));
    }

    /**
     * Returns the number of fields in the hash ({@code HLEN}).
     *
     * @param key the key
     * @return the number of fields, 0 when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default long hlen(String key) {
        return execute(HashDefs.hlen(codec(), key));
    }

    /**
     * Returns the length in bytes of a field's value ({@code HSTRLEN}).
     *
     * @param key the key
     * @param field the field
     * @return the length, 0 when the field or the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default long hstrlen(String key, String field) {
        return execute(HashDefs.hstrlen(codec(), key, field));
    }

    /**
     * Increments the integer in a field ({@code HINCRBY}); a missing field or key counts as 0.
     *
     * @param key the key
     * @param field the field
     * @param increment the amount, may be negative
     * @return the value after the increment
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash; an error when the
     *         field's value is not an integer or the result overflows
     */
    default long hincrby(String key, String field, long increment) {
        return execute(HashDefs.hincrby(codec(), key, field, increment));
    }

    /**
     * Increments the number in a field by a floating-point amount ({@code HINCRBYFLOAT}); a missing field or key
     * counts as 0.
     *
     * @param key the key
     * @param field the field
     * @param increment the amount, may be negative, not NaN or infinite
     * @return the value after the increment
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash; an error when the
     *         field's value is not a number
     */
    default double hincrbyfloat(String key, String field, double increment) {
        return execute(HashDefs.hincrbyfloat(codec(), key, field, increment));
    }

    /**
     * Deletes fields ({@code HDEL}); the key is removed with its last field.
     *
     * @param key the key
     * @param fields the fields, at least one
     * @return the number of fields that existed and were deleted
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default long hdel(String key, String... fields) {
        return execute(HashDefs.hdel(codec(), key, Arrays.asList(fields)));
    }

    /**
     * Deletes fields ({@code HDEL}); the key is removed with its last field.
     *
     * @param key the key
     * @param fields the fields, at least one
     * @return the number of fields that existed and were deleted
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default long hdel(String key, Collection<String> fields) {
        return execute(HashDefs.hdel(codec(), key, fields));
    }

    /**
     * Iterates over every field and value of the hash ({@code HSCAN}), fetching pages lazily as the stream is
     * consumed. As with any SCAN, a field may appear twice when the hash changes during the iteration.
     *
     * @param key the key
     * @return a lazy stream of field/value entries; empty when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} (while consuming) when the key holds a non-hash
     */
    @SyncOnly("a lazy stream follows the cursor with one round trip per page")
    default Stream<Map.Entry<String, V>> hscan(String key) {
        return hscan(key, ScanArgs.NONE);
    }

    /**
     * Iterates over the fields and values of the hash matching {@code args} ({@code HSCAN ... MATCH ... COUNT}),
     * fetching pages lazily as the stream is consumed.
     *
     * @param key the key
     * @param args the {@code MATCH} pattern (on field names) and {@code COUNT} hint; {@code TYPE} is not allowed
     * @return a lazy stream of field/value entries; empty when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException (while consuming) {@code WRONGTYPE} when the key holds a non-hash, or
     *         a syntax error when {@code args} has a type
     */
    @SyncOnly("a lazy stream follows the cursor with one round trip per page")
    default Stream<Map.Entry<String, V>> hscan(String key, ScanArgs args) {
        return ScanStreams.stream(cursor -> execute(HashDefs.hscan(codec(), key, cursor, args)));
    }

    /**
     * Fetches one page of an {@code HSCAN} iteration; start with cursor {@code "0"} and continue with
     * {@link ScanPage#cursor()} until {@link ScanPage#isFinished()}.
     *
     * @param key the key
     * @param cursor the cursor, {@code "0"} to start
     * @param args the {@code MATCH} pattern and {@code COUNT} hint
     * @return the page with the next cursor and its field/value entries
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash; an error for an
     *         invalid cursor
     */
    default ScanPage<Map.Entry<String, V>> hscan(String key, String cursor, ScanArgs args) {
        return execute(HashDefs.hscan(codec(), key, cursor, args));
    }

    /**
     * Returns a random field of the hash ({@code HRANDFIELD}).
     *
     * @param key the key
     * @return a field, or {@code null} when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default String hrandfield(String key) {
        return execute(HashDefs.hrandfield(codec(), key));
    }

    /**
     * Returns random fields of the hash ({@code HRANDFIELD key count}).
     *
     * @param key the key
     * @param count when positive, up to {@code count} distinct fields; when negative, exactly {@code -count} fields
     *        that may repeat
     * @return the fields; empty when the key does not exist or {@code count} is 0
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default List<String> hrandfield(String key, long count) {
        return execute(HashDefs.hrandfield(codec(), key, count));
    }

    /**
     * Returns random fields with their values ({@code HRANDFIELD key count WITHVALUES}); works with the RESP2 flat
     * array and the RESP3 array of pairs. A list rather than a map, since a negative count may repeat fields.
     *
     * @param key the key
     * @param count when positive, up to {@code count} distinct fields; when negative, exactly {@code -count} fields
     *        that may repeat
     * @return the field/value entries; empty when the key does not exist or {@code count} is 0
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-hash
     */
    default List<Map.Entry<String, V>> hrandfieldWithValues(String key, long count) {
        return execute(HashDefs.hrandfieldWithValues(codec(), key, count));
    }
}
