package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.HashDefs;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Hash commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link io.respkit.Response} handle. Definitions are shared with {@link HashCommands}, whose Javadoc describes each
 * command.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface HashPipelineCommands<V> extends BasePipelineCommands<V> {

    /**
     * Queues {@code HSET}; see {@link HashCommands#hset(String, String, Object)}.
     *
     * @param key the key
     * @param field the field
     * @param value the value
     * @return the handle
     */
    default Response<Long> hset(String key, String field, V value) {
        return enqueue(HashDefs.hset(codec(), key, field, value));
    }

    /**
     * Queues {@code HSET}; see {@link HashCommands#hset(String, Map)}.
     *
     * @param key the key
     * @param entries fields and values
     * @return the handle
     */
    default Response<Long> hset(String key, Map<String, V> entries) {
        return enqueue(HashDefs.hset(codec(), key, entries));
    }

    /**
     * Queues {@code HMSET}; see {@link HashCommands#hmset}.
     *
     * @param key the key
     * @param entries fields and values
     * @return the handle
     */
    default Response<Boolean> hmset(String key, Map<String, V> entries) {
        return enqueue(HashDefs.hmset(codec(), key, entries));
    }

    /**
     * Queues {@code HSETNX}; see {@link HashCommands#hsetnx}.
     *
     * @param key the key
     * @param field the field
     * @param value the value
     * @return the handle
     */
    default Response<Boolean> hsetnx(String key, String field, V value) {
        return enqueue(HashDefs.hsetnx(codec(), key, field, value));
    }

    /**
     * Queues {@code HGET}; see {@link HashCommands#hget}.
     *
     * @param key the key
     * @param field the field
     * @return the handle
     */
    default Response<V> hget(String key, String field) {
        return enqueue(HashDefs.hget(codec(), key, field));
    }

    /**
     * Queues {@code HMGET}; see {@link HashCommands#hmget(String, String...)}.
     *
     * @param key the key
     * @param fields the fields
     * @return the handle
     */
    default Response<List<V>> hmget(String key, String... fields) {
        return enqueue(HashDefs.hmget(codec(), key, Arrays.asList(fields)));
    }

    /**
     * Queues {@code HMGET}; see {@link HashCommands#hmget(String, Collection)}.
     *
     * @param key the key
     * @param fields the fields
     * @return the handle
     */
    default Response<List<V>> hmget(String key, Collection<String> fields) {
        return enqueue(HashDefs.hmget(codec(), key, fields));
    }

    /**
     * Queues {@code HGETALL}; see {@link HashCommands#hgetall}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Map<String, V>> hgetall(String key) {
        return enqueue(HashDefs.hgetall(codec(), key));
    }

    /**
     * Queues {@code HKEYS}; see {@link HashCommands#hkeys}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<List<String>> hkeys(String key) {
        return enqueue(HashDefs.hkeys(codec(), key));
    }

    /**
     * Queues {@code HVALS}; see {@link HashCommands#hvals}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<List<V>> hvals(String key) {
        return enqueue(HashDefs.hvals(codec(), key));
    }

    /**
     * Queues {@code HEXISTS}; see {@link HashCommands#hexists}.
     *
     * @param key the key
     * @param field the field
     * @return the handle
     */
    default Response<Boolean> hexists(String key, String field) {
        return enqueue(HashDefs.hexists(codec(), key, field));
    }

    /**
     * Queues {@code HLEN}; see {@link HashCommands#hlen}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> hlen(String key) {
        return enqueue(HashDefs.hlen(codec(), key));
    }

    /**
     * Queues {@code HSTRLEN}; see {@link HashCommands#hstrlen}.
     *
     * @param key the key
     * @param field the field
     * @return the handle
     */
    default Response<Long> hstrlen(String key, String field) {
        return enqueue(HashDefs.hstrlen(codec(), key, field));
    }

    /**
     * Queues {@code HINCRBY}; see {@link HashCommands#hincrby}.
     *
     * @param key the key
     * @param field the field
     * @param increment the amount
     * @return the handle
     */
    default Response<Long> hincrby(String key, String field, long increment) {
        return enqueue(HashDefs.hincrby(codec(), key, field, increment));
    }

    /**
     * Queues {@code HINCRBYFLOAT}; see {@link HashCommands#hincrbyfloat}.
     *
     * @param key the key
     * @param field the field
     * @param increment the amount
     * @return the handle
     */
    default Response<Double> hincrbyfloat(String key, String field, double increment) {
        return enqueue(HashDefs.hincrbyfloat(codec(), key, field, increment));
    }

    /**
     * Queues {@code HDEL}; see {@link HashCommands#hdel(String, String...)}.
     *
     * @param key the key
     * @param fields the fields
     * @return the handle
     */
    default Response<Long> hdel(String key, String... fields) {
        return enqueue(HashDefs.hdel(codec(), key, Arrays.asList(fields)));
    }

    /**
     * Queues {@code HDEL}; see {@link HashCommands#hdel(String, Collection)}.
     *
     * @param key the key
     * @param fields the fields
     * @return the handle
     */
    default Response<Long> hdel(String key, Collection<String> fields) {
        return enqueue(HashDefs.hdel(codec(), key, fields));
    }

    /**
     * Queues one {@code HSCAN} page; see {@link HashCommands#hscan(String, String, ScanArgs)}.
     *
     * @param key the key
     * @param cursor the cursor
     * @param args the options
     * @return the handle
     */
    default Response<ScanPage<Map.Entry<String, V>>> hscan(String key, String cursor, ScanArgs args) {
        return enqueue(HashDefs.hscan(codec(), key, cursor, args));
    }

    /**
     * Queues {@code HRANDFIELD}; see {@link HashCommands#hrandfield(String)}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<String> hrandfield(String key) {
        return enqueue(HashDefs.hrandfield(codec(), key));
    }

    /**
     * Queues {@code HRANDFIELD key count}; see {@link HashCommands#hrandfield(String, long)}.
     *
     * @param key the key
     * @param count the count
     * @return the handle
     */
    default Response<List<String>> hrandfield(String key, long count) {
        return enqueue(HashDefs.hrandfield(codec(), key, count));
    }

    /**
     * Queues {@code HRANDFIELD ... WITHVALUES}; see {@link HashCommands#hrandfieldWithValues}.
     *
     * @param key the key
     * @param count the count
     * @return the handle
     */
    default Response<List<Map.Entry<String, V>>> hrandfieldWithValues(String key, long count) {
        return enqueue(HashDefs.hrandfieldWithValues(codec(), key, count));
    }
}
