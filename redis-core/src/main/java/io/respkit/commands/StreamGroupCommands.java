package io.respkit.commands;

import io.respkit.internal.commands.StreamGroupDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Synchronous consumer-group stream commands: managing groups and consumers ({@code XGROUP}), reading as a consumer
 * ({@code XREADGROUP}), acknowledging ({@code XACK}), inspecting ({@code XPENDING}) and taking over
 * ({@code XCLAIM}, {@code XAUTOCLAIM}) pending entries. Each method is defined once in
 * {@code io.respkit.internal.commands.StreamGroupDefs} and runs through {@link #execute(Command)}.
 *
 * <pre>{@code
 * redis.xgroupCreate("events", "workers", StreamOffset.latest(), XGroupCreateArgs.NONE.withMkStream());
 * List<StreamEntry<String>> batch = redis.xreadgroup("workers", "w1", XReadArgs.count(10).withBlock(timeout),
 *         "events", StreamOffset.undelivered());
 * for (StreamEntry<String> e : batch) { process(e); redis.xack("events", "workers", e.id()); }
 * }</pre>
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} with code {@code WRONGTYPE} when the key
 * holds a value that is not a stream, {@code NOGROUP} when the stream or the group does not exist (where a group is
 * named), and {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Stream consumer-group commands")
public interface StreamGroupCommands<V> extends BaseCommands<V> {

    /**
     * Creates a consumer group on the stream at {@code key} ({@code XGROUP CREATE}), which must exist.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param offset where the group starts: after an id ({@link StreamEntryId#MIN} for every entry) or
     *        {@link StreamOffset#latest()} for only new entries
     * @return {@code true}
     * @throws IllegalArgumentException when the offset is {@link StreamOffset#undelivered()}
     * @throws io.respkit.exceptions.RedisServerException {@code BUSYGROUP} when the group exists; {@code ERR} when
     *         the stream does not exist
     */
    default boolean xgroupCreate(String key, String group, StreamOffset offset) {
        return execute(StreamGroupDefs.xgroupCreate(codec(), key, group, offset, XGroupCreateArgs.NONE));
    }

    /**
     * Creates a consumer group on the stream at {@code key} ({@code XGROUP CREATE}) with {@code MKSTREAM} and
     * {@code ENTRIESREAD}.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param offset where the group starts: an id or {@link StreamOffset#latest()}
     * @param args the options
     * @return {@code true}
     * @throws IllegalArgumentException when the offset is {@link StreamOffset#undelivered()}
     * @throws io.respkit.exceptions.RedisServerException {@code BUSYGROUP} when the group exists; {@code ERR} when
     *         the stream does not exist and {@code MKSTREAM} was not given
     */
    default boolean xgroupCreate(String key, String group, StreamOffset offset, XGroupCreateArgs args) {
        return execute(StreamGroupDefs.xgroupCreate(codec(), key, group, offset, args));
    }

    /**
     * Moves a group's last delivered id ({@code XGROUP SETID}).
     *
     * @param key the stream's key
     * @param group the group's name
     * @param offset the new position: an id or {@link StreamOffset#latest()}
     * @return {@code true}
     * @throws IllegalArgumentException when the offset is {@link StreamOffset#undelivered()}
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the group does not exist
     */
    default boolean xgroupSetid(String key, String group, StreamOffset offset) {
        return execute(StreamGroupDefs.xgroupSetid(codec(), key, group, offset, -1));
    }

    /**
     * Moves a group's last delivered id and sets its entries-read counter ({@code XGROUP SETID ... ENTRIESREAD}).
     *
     * @param key the stream's key
     * @param group the group's name
     * @param offset the new position: an id or {@link StreamOffset#latest()}
     * @param entriesRead how many entries the group has read, -1 for unknown
     * @return {@code true}
     * @throws IllegalArgumentException when the offset is {@link StreamOffset#undelivered()} or the counter is below
     *         -1
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the group does not exist
     */
    default boolean xgroupSetid(String key, String group, StreamOffset offset, long entriesRead) {
        return execute(StreamGroupDefs.xgroupSetid(codec(), key, group, offset, entriesRead));
    }

    /**
     * Deletes a consumer group with its consumers and pending list ({@code XGROUP DESTROY}).
     *
     * @param key the stream's key
     * @param group the group's name
     * @return {@code true} when the group existed
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the stream does not exist
     */
    default boolean xgroupDestroy(String key, String group) {
        return execute(StreamGroupDefs.xgroupDestroy(codec(), key, group));
    }

    /**
     * Creates a consumer in a group ({@code XGROUP CREATECONSUMER}); reading as a new consumer creates it too.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param consumer the consumer's name
     * @return {@code true} when it was created, {@code false} when it existed
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the group does not exist
     */
    default boolean xgroupCreateconsumer(String key, String group, String consumer) {
        return execute(StreamGroupDefs.xgroupCreateconsumer(codec(), key, group, consumer));
    }

    /**
     * Deletes a consumer from a group, dropping its pending entries ({@code XGROUP DELCONSUMER}).
     *
     * @param key the stream's key
     * @param group the group's name
     * @param consumer the consumer's name
     * @return the number of pending entries it held (0 when it did not exist)
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the group does not exist
     */
    default long xgroupDelconsumer(String key, String group, String consumer) {
        return execute(StreamGroupDefs.xgroupDelconsumer(codec(), key, group, consumer));
    }

    /**
     * Reads from one or more streams as a consumer of a group ({@code XREADGROUP}): with
     * {@link StreamOffset#undelivered()} the entries no consumer got yet (added to this consumer's pending list unless
     * {@code NOACK}), with an id this consumer's own pending entries after it. With {@code BLOCK} the call holds its
     * connection for up to the block time, added to the read timeout.
     *
     * @param group the group's name
     * @param consumer the consumer's name, created when new
     * @param args {@code COUNT}, {@code BLOCK}, {@code NOACK}
     * @param streams each stream's key and offset: {@link StreamOffset#undelivered()} or an id
     * @return the entries read per stream, in reply order; empty when there was nothing (after the block time); a
     *         pending entry deleted from the stream comes back {@linkplain StreamEntry#isDeleted() deleted}
     * @throws IllegalArgumentException when {@code streams} is empty or an offset is {@link StreamOffset#latest()}
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when a stream or the group does not exist
     */
    default Map<String, List<StreamEntry<V>>> xreadgroup(String group, String consumer, XReadArgs args,
            Map<String, ? extends StreamOffset> streams) {
        return execute(StreamGroupDefs.xreadgroup(codec(), group, consumer, args, streams));
    }

    /**
     * Reads from one stream as a consumer of a group ({@code XREADGROUP ... STREAMS key offset}); see
     * {@link #xreadgroup(String, String, XReadArgs, Map)}.
     *
     * @param group the group's name
     * @param consumer the consumer's name, created when new
     * @param args {@code COUNT}, {@code BLOCK}, {@code NOACK}
     * @param key the stream's key
     * @param offset {@link StreamOffset#undelivered()} or an id
     * @return the entries, empty when there was nothing (after the block time)
     * @throws IllegalArgumentException when the offset is {@link StreamOffset#latest()}
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default List<StreamEntry<V>> xreadgroup(String group, String consumer, XReadArgs args, String key,
            StreamOffset offset) {
        return execute(StreamGroupDefs.xreadgroupStream(codec(), group, consumer, args, key, offset));
    }

    /**
     * Acknowledges entries, removing them from the group's pending list ({@code XACK}).
     *
     * @param key the stream's key
     * @param group the group's name
     * @param ids the ids, at least one
     * @return the number of entries acknowledged (ids not pending are not counted)
     * @throws IllegalArgumentException when no id is given
     */
    default long xack(String key, String group, StreamEntryId... ids) {
        return execute(StreamGroupDefs.xack(codec(), key, group, Arrays.asList(ids)));
    }

    /**
     * Acknowledges entries ({@code XACK}); see {@link #xack(String, String, StreamEntryId...)}.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param ids the ids, at least one
     * @return the number of entries acknowledged
     * @throws IllegalArgumentException when no id is given
     */
    default long xack(String key, String group, Collection<StreamEntryId> ids) {
        return execute(StreamGroupDefs.xack(codec(), key, group, ids));
    }

    /**
     * Summarises a group's pending list ({@code XPENDING key group}).
     *
     * @param key the stream's key
     * @param group the group's name
     * @return the count, the id range and the count per consumer
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default PendingSummary xpending(String key, String group) {
        return execute(StreamGroupDefs.xpending(codec(), key, group));
    }

    /**
     * Lists a group's pending entries ({@code XPENDING key group [IDLE ms] start end count [consumer]}).
     *
     * @param key the stream's key
     * @param group the group's name
     * @param args the count, and optionally the range, the consumer and the least idle time
     * @return the entries, lowest id first
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default List<PendingEntry> xpending(String key, String group, XPendingArgs args) {
        return execute(StreamGroupDefs.xpendingRange(codec(), key, group, args));
    }

    /**
     * Takes over pending entries idle at least {@code minIdle} ({@code XCLAIM}): they move to {@code consumer}'s
     * pending list, their idle time reset and their delivery count incremented.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param consumer the new owner
     * @param minIdle only entries idle at least this long are claimed (millisecond precision)
     * @param ids the ids, at least one
     * @return the claimed entries
     * @throws IllegalArgumentException when no id is given or {@code minIdle} is negative
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default List<StreamEntry<V>> xclaim(String key, String group, String consumer, Duration minIdle,
            StreamEntryId... ids) {
        return execute(StreamGroupDefs.xclaim(codec(), key, group, consumer, minIdle, Arrays.asList(ids),
                XClaimArgs.NONE));
    }

    /**
     * Takes over pending entries ({@code XCLAIM}) with {@code IDLE}/{@code TIME}, {@code RETRYCOUNT}, {@code FORCE}
     * and {@code LASTID}.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param consumer the new owner
     * @param minIdle only entries idle at least this long are claimed
     * @param ids the ids, at least one
     * @param args the options
     * @return the claimed entries
     * @throws IllegalArgumentException when no id is given or {@code minIdle} is negative
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default List<StreamEntry<V>> xclaim(String key, String group, String consumer, Duration minIdle,
            Collection<StreamEntryId> ids, XClaimArgs args) {
        return execute(StreamGroupDefs.xclaim(codec(), key, group, consumer, minIdle, ids, args));
    }

    /**
     * Takes over pending entries and returns their ids only ({@code XCLAIM ... JUSTID}); their delivery counts are
     * left alone.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param consumer the new owner
     * @param minIdle only entries idle at least this long are claimed
     * @param ids the ids, at least one
     * @param args the options
     * @return the claimed ids
     * @throws IllegalArgumentException when no id is given or {@code minIdle} is negative
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default List<StreamEntryId> xclaimJustId(String key, String group, String consumer, Duration minIdle,
            Collection<StreamEntryId> ids, XClaimArgs args) {
        return execute(StreamGroupDefs.xclaimJustid(codec(), key, group, consumer, minIdle, ids, args));
    }

    /**
     * Takes over up to 100 pending entries idle at least {@code minIdle}, scanning the pending list from
     * {@code start} ({@code XAUTOCLAIM}); call again from {@link AutoClaimResult#nextStart()} until it is
     * {@linkplain AutoClaimResult#isComplete() complete}.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param consumer the new owner
     * @param minIdle only entries idle at least this long are claimed
     * @param start the id to scan from, {@link StreamEntryId#MIN} for the beginning
     * @return where to continue, the claimed entries, and the ids of deleted entries removed from the pending list
     * @throws IllegalArgumentException when {@code minIdle} is negative
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default AutoClaimResult<StreamEntry<V>> xautoclaim(String key, String group, String consumer, Duration minIdle,
            StreamEntryId start) {
        return execute(StreamGroupDefs.xautoclaim(codec(), key, group, consumer, minIdle, start, 100));
    }

    /**
     * {@code XAUTOCLAIM} with a {@code COUNT}; see {@link #xautoclaim(String, String, String, Duration,
     * StreamEntryId)}.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param consumer the new owner
     * @param minIdle only entries idle at least this long are claimed
     * @param start the id to scan from
     * @param count the most entries to claim, at least 1
     * @return where to continue, the claimed entries, and the ids of deleted entries removed from the pending list
     * @throws IllegalArgumentException when {@code minIdle} is negative or {@code count} is below 1
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default AutoClaimResult<StreamEntry<V>> xautoclaim(String key, String group, String consumer, Duration minIdle,
            StreamEntryId start, long count) {
        return execute(StreamGroupDefs.xautoclaim(codec(), key, group, consumer, minIdle, start, count));
    }

    /**
     * {@code XAUTOCLAIM ... JUSTID}: claims like {@link #xautoclaim(String, String, String, Duration, StreamEntryId,
     * long)} and returns ids only, leaving the delivery counts alone.
     *
     * @param key the stream's key
     * @param group the group's name
     * @param consumer the new owner
     * @param minIdle only entries idle at least this long are claimed
     * @param start the id to scan from
     * @param count the most entries to claim, at least 1
     * @return where to continue, the claimed ids, and the ids of deleted entries removed from the pending list
     * @throws IllegalArgumentException when {@code minIdle} is negative or {@code count} is below 1
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the stream or the group does not exist
     */
    default AutoClaimResult<StreamEntryId> xautoclaimJustId(String key, String group, String consumer,
            Duration minIdle, StreamEntryId start, long count) {
        return execute(StreamGroupDefs.xautoclaimJustid(codec(), key, group, consumer, minIdle, start, count));
    }
}
