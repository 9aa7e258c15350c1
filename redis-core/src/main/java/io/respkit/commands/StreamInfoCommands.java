package io.respkit.commands;

import io.respkit.internal.commands.StreamInfoDefs;

import java.util.List;

/**
 * Synchronous stream introspection: {@code XINFO STREAM} (plain and {@code FULL}), {@code XINFO GROUPS} and
 * {@code XINFO CONSUMERS}, decoded into records whatever the protocol. Each method is defined once in
 * {@code io.respkit.internal.commands.StreamInfoDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} with code {@code ERR} when the stream
 * does not exist, {@code WRONGTYPE} when the key holds a value that is not a stream, and
 * {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Stream introspection commands")
public interface StreamInfoCommands<V> extends BaseCommands<V> {

    /**
     * Describes the stream at {@code key} ({@code XINFO STREAM}).
     *
     * @param key the stream's key
     * @return its length, id counters, group count, first and last entries
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the stream does not exist
     */
    default StreamInfo<V> xinfoStream(String key) {
        return execute(StreamInfoDefs.xinfoStream(codec(), key));
    }

    /**
     * Describes the stream at {@code key} in full ({@code XINFO STREAM key FULL}): the server returns at most 10
     * entries and 10 pending entries per group and consumer.
     *
     * @param key the stream's key
     * @return its counters, entries, groups, pending lists and consumers
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the stream does not exist
     */
    default StreamFullInfo<V> xinfoStreamFull(String key) {
        return execute(StreamInfoDefs.xinfoStreamFull(codec(), key, -1));
    }

    /**
     * Describes the stream at {@code key} in full, with at most {@code count} entries and pending entries per group
     * and consumer ({@code XINFO STREAM key FULL COUNT count}).
     *
     * @param key the stream's key
     * @param count the most entries in each list, 0 for all (which may be slow on a large stream), -1 for the
     *        server's default (10)
     * @return its counters, entries, groups, pending lists and consumers
     * @throws IllegalArgumentException when the count is below -1
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the stream does not exist
     */
    default StreamFullInfo<V> xinfoStreamFull(String key, long count) {
        return execute(StreamInfoDefs.xinfoStreamFull(codec(), key, count));
    }

    /**
     * Describes the consumer groups of the stream at {@code key} ({@code XINFO GROUPS}).
     *
     * @param key the stream's key
     * @return the groups, empty when there are none
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the stream does not exist
     */
    default List<StreamGroupInfo> xinfoGroups(String key) {
        return execute(StreamInfoDefs.xinfoGroups(codec(), key));
    }

    /**
     * Describes the consumers of a group ({@code XINFO CONSUMERS}).
     *
     * @param key the stream's key
     * @param group the group's name
     * @return the consumers, empty when there are none
     * @throws io.respkit.exceptions.RedisServerException {@code NOGROUP} when the group does not exist; {@code ERR}
     *         when the stream does not exist
     */
    default List<StreamConsumerInfo> xinfoConsumers(String key, String group) {
        return execute(StreamInfoDefs.xinfoConsumers(codec(), key, group));
    }
}
