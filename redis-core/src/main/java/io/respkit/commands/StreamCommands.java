package io.respkit.commands;

import io.respkit.internal.commands.StreamDefs;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Synchronous stream commands that need no consumer group: adding, trimming, deleting, ranges and {@code XREAD}.
 * Each method is defined once in {@code io.respkit.internal.commands.StreamDefs} and runs through
 * {@link #execute(Command)}. Ids are {@link StreamEntryId}s; the special words of the stream commands are typed
 * values: {@link XAddArgs} ({@code *}), {@link StreamBound#unbounded()} ({@code -}/{@code +}),
 * {@link StreamBound#exclusive(StreamEntryId)} ({@code (id}) and {@link StreamOffset#latest()} ({@code $}).
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} with code {@code WRONGTYPE} when the key
 * holds a value that is not a stream, and {@link io.respkit.exceptions.RedisConnectionException} when the connection
 * fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Stream commands")
public interface StreamCommands<V> extends BaseCommands<V> {

    /**
     * Appends an entry to the stream at {@code key} ({@code XADD key * field value ...}), creating the stream when
     * missing; the server picks the id.
     *
     * @param key the key
     * @param fields the fields and values, at least one, in the order to store them
     * @return the new entry's id
     * @throws IllegalArgumentException when {@code fields} is empty
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default StreamEntryId xadd(String key, Map<String, V> fields) {
        return execute(StreamDefs.xadd(codec(), key, fields, XAddArgs.NONE));
    }

    /**
     * Appends an entry to the stream at {@code key} ({@code XADD}) with options: an explicit or half-explicit id,
     * {@code NOMKSTREAM}, trimming ({@code MAXLEN}/{@code MINID}, {@code =}/{@code ~}, {@code LIMIT}).
     *
     * @param key the key
     * @param fields the fields and values, at least one, in the order to store them
     * @param args the options, {@link XAddArgs#NONE} for none
     * @return the new entry's id, or {@code null} when {@code NOMKSTREAM} was given and the stream does not exist
     * @throws IllegalArgumentException when {@code fields} is empty
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when an explicit id is not above the stream's
     *         last id; {@code WRONGTYPE} when the key holds a non-stream
     */
    default StreamEntryId xadd(String key, Map<String, V> fields, XAddArgs args) {
        return execute(StreamDefs.xadd(codec(), key, fields, args));
    }

    /**
     * Trims the stream at {@code key} ({@code XTRIM}) to a length or a minimum id, exactly or approximately.
     *
     * @param key the key
     * @param args the strategy, e.g. {@code XTrimArgs.maxLen(1000).withApproximate()}
     * @return the number of entries evicted (0 for a missing key)
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default long xtrim(String key, XTrimArgs args) {
        return execute(StreamDefs.xtrim(codec(), key, args));
    }

    /**
     * Returns the number of entries of the stream at {@code key} ({@code XLEN}).
     *
     * @param key the key
     * @return the number of entries, 0 for a missing key
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default long xlen(String key) {
        return execute(StreamDefs.xlen(codec(), key));
    }

    /**
     * Deletes entries from the stream at {@code key} ({@code XDEL}).
     *
     * @param key the key
     * @param ids the ids, at least one
     * @return the number of entries deleted (ids that do not exist are not counted)
     * @throws IllegalArgumentException when no id is given
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default long xdel(String key, StreamEntryId... ids) {
        return execute(StreamDefs.xdel(codec(), key, Arrays.asList(ids)));
    }

    /**
     * Deletes entries from the stream at {@code key} ({@code XDEL}).
     *
     * @param key the key
     * @param ids the ids, at least one
     * @return the number of entries deleted (ids that do not exist are not counted)
     * @throws IllegalArgumentException when no id is given
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default long xdel(String key, Collection<StreamEntryId> ids) {
        return execute(StreamDefs.xdel(codec(), key, ids));
    }

    /**
     * Returns every entry of the stream at {@code key}, oldest first ({@code XRANGE key - +}).
     *
     * @param key the key
     * @return the entries, empty for a missing key
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default List<StreamEntry<V>> xrange(String key) {
        return execute(StreamDefs.xrange(codec(), key, StreamBound.unbounded(), StreamBound.unbounded()));
    }

    /**
     * Returns the entries of the stream at {@code key} between two bounds, oldest first ({@code XRANGE}).
     *
     * @param key the key
     * @param start the low bound: an id (inclusive), {@link StreamBound#exclusive(StreamEntryId)} or
     *        {@link StreamBound#unbounded()}
     * @param end the high bound, likewise
     * @return the entries, empty for a missing key
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} for an exclusive bound that excludes every id;
     *         {@code WRONGTYPE} when the key holds a non-stream
     */
    default List<StreamEntry<V>> xrange(String key, StreamBound start, StreamBound end) {
        return execute(StreamDefs.xrange(codec(), key, start, end));
    }

    /**
     * Returns at most {@code count} entries of the stream at {@code key} between two bounds, oldest first
     * ({@code XRANGE ... COUNT count}); page through a stream by starting the next call
     * {@link StreamBound#exclusive(StreamEntryId) after} the last id returned.
     *
     * @param key the key
     * @param start the low bound
     * @param end the high bound
     * @param count the most entries to return, at least 0
     * @return the entries, empty for a missing key
     * @throws IllegalArgumentException when the count is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default List<StreamEntry<V>> xrange(String key, StreamBound start, StreamBound end, long count) {
        return execute(StreamDefs.xrangeCount(codec(), key, start, end, count));
    }

    /**
     * Returns every entry of the stream at {@code key}, newest first ({@code XREVRANGE key + -}).
     *
     * @param key the key
     * @return the entries, empty for a missing key
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default List<StreamEntry<V>> xrevrange(String key) {
        return execute(StreamDefs.xrevrange(codec(), key, StreamBound.unbounded(), StreamBound.unbounded()));
    }

    /**
     * Returns the entries of the stream at {@code key} between two bounds, newest first ({@code XREVRANGE}, which
     * takes the high bound first).
     *
     * @param key the key
     * @param end the high bound: an id (inclusive), {@link StreamBound#exclusive(StreamEntryId)} or
     *        {@link StreamBound#unbounded()}
     * @param start the low bound, likewise
     * @return the entries, empty for a missing key
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default List<StreamEntry<V>> xrevrange(String key, StreamBound end, StreamBound start) {
        return execute(StreamDefs.xrevrange(codec(), key, end, start));
    }

    /**
     * Returns at most {@code count} entries of the stream at {@code key} between two bounds, newest first
     * ({@code XREVRANGE ... COUNT count}).
     *
     * @param key the key
     * @param end the high bound
     * @param start the low bound
     * @param count the most entries to return, at least 0
     * @return the entries, empty for a missing key
     * @throws IllegalArgumentException when the count is negative
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default List<StreamEntry<V>> xrevrange(String key, StreamBound end, StreamBound start, long count) {
        return execute(StreamDefs.xrevrangeCount(codec(), key, end, start, count));
    }

    /**
     * Reads the entries after the given offsets from one or more streams ({@code XREAD STREAMS ...}), without
     * waiting.
     *
     * @param streams each stream's key and the offset to read after: an id or {@link StreamOffset#latest()}
     * @return the entries read per stream, in the order of the reply; a stream with nothing new is absent, and the
     *         map is empty when none had any
     * @throws IllegalArgumentException when {@code streams} is empty or an offset is {@link StreamOffset#undelivered()}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-stream
     */
    default Map<String, List<StreamEntry<V>>> xread(Map<String, ? extends StreamOffset> streams) {
        return execute(StreamDefs.xread(codec(), XReadArgs.NONE, streams));
    }

    /**
     * Reads the entries after the given offsets from one or more streams ({@code XREAD}), with {@code COUNT} and,
     * with {@code BLOCK}, waiting for entries: the call then holds its connection for up to the block time, which is
     * added to the read timeout.
     *
     * @param args {@code COUNT} and {@code BLOCK}; {@code NOACK} is refused
     * @param streams each stream's key and the offset to read after: an id or {@link StreamOffset#latest()}
     * @return the entries read per stream, in the order of the reply; empty when the block time passed with nothing
     *         new
     * @throws IllegalArgumentException when {@code streams} is empty, an offset is {@link StreamOffset#undelivered()}
     *         or {@code args} has {@code NOACK}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when a key holds a non-stream
     */
    default Map<String, List<StreamEntry<V>>> xread(XReadArgs args, Map<String, ? extends StreamOffset> streams) {
        return execute(StreamDefs.xread(codec(), args, streams));
    }

    /**
     * Reads the entries after {@code offset} from one stream ({@code XREAD ... STREAMS key offset}).
     *
     * @param args {@code COUNT} and {@code BLOCK}; {@code NOACK} is refused
     * @param key the stream's key
     * @param offset an id or {@link StreamOffset#latest()}
     * @return the entries, empty when there is nothing new (after the block time, when blocking)
     * @throws IllegalArgumentException when the offset is {@link StreamOffset#undelivered()} or {@code args} has
     *         {@code NOACK}
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE} when the key holds a non-stream
     */
    default List<StreamEntry<V>> xread(XReadArgs args, String key, StreamOffset offset) {
        return execute(StreamDefs.xreadStream(codec(), args, key, offset));
    }

    /**
     * Sets the last id of the stream at {@code key} ({@code XSETID}), as replication and restores do.
     *
     * @param key the key
     * @param lastId the new last id, not below the stream's highest entry id
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the stream does not exist or the id is
     *         below its highest entry id
     */
    default boolean xsetid(String key, StreamEntryId lastId) {
        return execute(StreamDefs.xsetid(codec(), key, lastId));
    }

    /**
     * Sets the last id of the stream at {@code key} with its {@code ENTRIESADDED} counter and
     * {@code MAXDELETEDID} ({@code XSETID}, Redis 7).
     *
     * @param key the key
     * @param lastId the new last id
     * @param entriesAdded the number of entries ever added, at least the stream's length; -1 to leave it out
     * @param maxDeletedId the highest id ever deleted, not above {@code lastId}; {@code null} to leave it out
     * @return {@code true}
     * @throws IllegalArgumentException when {@code entriesAdded} is below -1
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the values contradict the stream
     */
    default boolean xsetid(String key, StreamEntryId lastId, long entriesAdded, StreamEntryId maxDeletedId) {
        return execute(StreamDefs.xsetidFull(codec(), key, lastId, entriesAdded, maxDeletedId));
    }
}
