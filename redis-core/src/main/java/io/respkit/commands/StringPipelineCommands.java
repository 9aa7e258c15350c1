package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.StringDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * String commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link Response} handle. Definitions are shared with {@link StringCommands}, whose Javadoc describes each command.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface StringPipelineCommands<V> extends BasePipelineCommands<V> {

    /**
     * Queues {@code SET}; see {@link StringCommands#set(String, Object)}.
     *
     * @param key the key
     * @param value the value
     * @return the handle
     */
    default Response<Boolean> set(String key, V value) {
        return enqueue(StringDefs.set(codec(), key, value));
    }

    /**
     * Queues {@code SET} with options; see {@link StringCommands#set(String, Object, SetArgs)}.
     *
     * @param key the key
     * @param value the value
     * @param args the options
     * @return the handle
     */
    default Response<Boolean> set(String key, V value, SetArgs args) {
        return enqueue(StringDefs.set(codec(), key, value, args));
    }

    /**
     * Queues {@code SET ... EX/PX}; see {@link StringCommands#set(String, Object, Duration)}.
     *
     * @param key the key
     * @param value the value
     * @param ttl the time to live
     * @return the handle
     */
    default Response<Boolean> set(String key, V value, Duration ttl) {
        return enqueue(StringDefs.set(codec(), key, value, SetArgs.ex(ttl)));
    }

    /**
     * Queues {@code SETEX}; see {@link StringCommands#setex(String, long, Object)}.
     *
     * @param key the key
     * @param seconds the time to live
     * @param value the value
     * @return the handle
     */
    default Response<Boolean> setex(String key, long seconds, V value) {
        return enqueue(StringDefs.setex(codec(), key, seconds, value));
    }

    /**
     * Queues {@code SETEX} or {@code PSETEX}; see {@link StringCommands#setex(String, Duration, Object)}.
     *
     * @param key the key
     * @param ttl the time to live
     * @param value the value
     * @return the handle
     */
    default Response<Boolean> setex(String key, Duration ttl, V value) {
        long millis = ttl.toMillis();
        return millis % 1000 == 0 ? enqueue(StringDefs.setex(codec(), key, millis / 1000, value))
                : enqueue(StringDefs.psetex(codec(), key, millis, value));
    }

    /**
     * Queues {@code PSETEX}; see {@link StringCommands#psetex}.
     *
     * @param key the key
     * @param millis the time to live
     * @param value the value
     * @return the handle
     */
    default Response<Boolean> psetex(String key, long millis, V value) {
        return enqueue(StringDefs.psetex(codec(), key, millis, value));
    }

    /**
     * Queues {@code SETNX}; see {@link StringCommands#setnx}.
     *
     * @param key the key
     * @param value the value
     * @return the handle
     */
    default Response<Boolean> setnx(String key, V value) {
        return enqueue(StringDefs.setnx(codec(), key, value));
    }

    /**
     * Queues {@code SET ... GET}; see {@link StringCommands#setGet}.
     *
     * @param key the key
     * @param value the value
     * @param args the options
     * @return the handle
     */
    default Response<V> setGet(String key, V value, SetArgs args) {
        return enqueue(StringDefs.setGet(codec(), key, value, args));
    }

    /**
     * Queues {@code GET}; see {@link StringCommands#get}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<V> get(String key) {
        return enqueue(StringDefs.get(codec(), key));
    }

    /**
     * Queues {@code GETSET}; see {@link StringCommands#getset}.
     *
     * @param key the key
     * @param value the new value
     * @return the handle
     */
    default Response<V> getset(String key, V value) {
        return enqueue(StringDefs.getset(codec(), key, value));
    }

    /**
     * Queues {@code GETDEL}; see {@link StringCommands#getdel}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<V> getdel(String key) {
        return enqueue(StringDefs.getdel(codec(), key));
    }

    /**
     * Queues {@code GETEX}; see {@link StringCommands#getex}.
     *
     * @param key the key
     * @param args the expiry change
     * @return the handle
     */
    default Response<V> getex(String key, GetExArgs args) {
        return enqueue(StringDefs.getex(codec(), key, args));
    }

    /**
     * Queues {@code GETRANGE}; see {@link StringCommands#getrange}.
     *
     * @param key the key
     * @param start the first offset
     * @param end the last offset
     * @return the handle
     */
    default Response<V> getrange(String key, long start, long end) {
        return enqueue(StringDefs.getrange(codec(), key, start, end));
    }

    /**
     * Queues {@code SETRANGE}; see {@link StringCommands#setrange}.
     *
     * @param key the key
     * @param offset the offset
     * @param value the value
     * @return the handle
     */
    default Response<Long> setrange(String key, long offset, V value) {
        return enqueue(StringDefs.setrange(codec(), key, offset, value));
    }

    /**
     * Queues {@code STRLEN}; see {@link StringCommands#strlen}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> strlen(String key) {
        return enqueue(StringDefs.strlen(codec(), key));
    }

    /**
     * Queues {@code APPEND}; see {@link StringCommands#append}.
     *
     * @param key the key
     * @param value the value
     * @return the handle
     */
    default Response<Long> append(String key, V value) {
        return enqueue(StringDefs.append(codec(), key, value));
    }

    /**
     * Queues {@code INCR}; see {@link StringCommands#incr}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> incr(String key) {
        return enqueue(StringDefs.incr(codec(), key));
    }

    /**
     * Queues {@code INCRBY}; see {@link StringCommands#incrby}.
     *
     * @param key the key
     * @param increment the amount
     * @return the handle
     */
    default Response<Long> incrby(String key, long increment) {
        return enqueue(StringDefs.incrby(codec(), key, increment));
    }

    /**
     * Queues {@code INCRBYFLOAT}; see {@link StringCommands#incrbyfloat}.
     *
     * @param key the key
     * @param increment the amount
     * @return the handle
     */
    default Response<Double> incrbyfloat(String key, double increment) {
        return enqueue(StringDefs.incrbyfloat(codec(), key, increment));
    }

    /**
     * Queues {@code DECR}; see {@link StringCommands#decr}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> decr(String key) {
        return enqueue(StringDefs.decr(codec(), key));
    }

    /**
     * Queues {@code DECRBY}; see {@link StringCommands#decrby}.
     *
     * @param key the key
     * @param decrement the amount
     * @return the handle
     */
    default Response<Long> decrby(String key, long decrement) {
        return enqueue(StringDefs.decrby(codec(), key, decrement));
    }

    /**
     * Queues {@code MSET}; see {@link StringCommands#mset}.
     *
     * @param entries keys and values
     * @return the handle
     */
    default Response<Boolean> mset(Map<String, V> entries) {
        return enqueue(StringDefs.mset(codec(), entries));
    }

    /**
     * Queues {@code MSETNX}; see {@link StringCommands#msetnx}.
     *
     * @param entries keys and values
     * @return the handle
     */
    default Response<Boolean> msetnx(Map<String, V> entries) {
        return enqueue(StringDefs.msetnx(codec(), entries));
    }

    /**
     * Queues {@code MGET}; see {@link StringCommands#mget(String...)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<List<V>> mget(String... keys) {
        return enqueue(StringDefs.mget(codec(), Arrays.asList(keys)));
    }

    /**
     * Queues {@code MGET}; see {@link StringCommands#mget(Iterable)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<List<V>> mget(Iterable<String> keys) {
        return enqueue(StringDefs.mget(codec(), keys));
    }
}
