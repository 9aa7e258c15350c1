package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.ListDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * List commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link Response} handle. Definitions are shared with {@link ListCommands}, whose Javadoc describes each command.
 * Inside a transaction the blocking pops do not block: they behave like their non-blocking forms.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface ListPipelineCommands<V> extends BasePipelineCommands<V> {

    /**
     * Queues {@code LPUSH}; see {@link ListCommands#lpush(String, Object[])}.
     *
     * @param key the key
     * @param values the values
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<Long> lpush(String key, V... values) {
        return lpush(key, Arrays.asList(values));
    }

    /**
     * Queues {@code LPUSH}; see {@link ListCommands#lpush(String, Collection)}.
     *
     * @param key the key
     * @param values the values
     * @return the handle
     */
    default Response<Long> lpush(String key, Collection<? extends V> values) {
        return enqueue(ListDefs.lpush(codec(), key, values));
    }

    /**
     * Queues {@code LPUSHX}; see {@link ListCommands#lpushx(String, Object[])}.
     *
     * @param key the key
     * @param values the values
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<Long> lpushx(String key, V... values) {
        return lpushx(key, Arrays.asList(values));
    }

    /**
     * Queues {@code LPUSHX}; see {@link ListCommands#lpushx(String, Collection)}.
     *
     * @param key the key
     * @param values the values
     * @return the handle
     */
    default Response<Long> lpushx(String key, Collection<? extends V> values) {
        return enqueue(ListDefs.lpushx(codec(), key, values));
    }

    /**
     * Queues {@code RPUSH}; see {@link ListCommands#rpush(String, Object[])}.
     *
     * @param key the key
     * @param values the values
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<Long> rpush(String key, V... values) {
        return rpush(key, Arrays.asList(values));
    }

    /**
     * Queues {@code RPUSH}; see {@link ListCommands#rpush(String, Collection)}.
     *
     * @param key the key
     * @param values the values
     * @return the handle
     */
    default Response<Long> rpush(String key, Collection<? extends V> values) {
        return enqueue(ListDefs.rpush(codec(), key, values));
    }

    /**
     * Queues {@code RPUSHX}; see {@link ListCommands#rpushx(String, Object[])}.
     *
     * @param key the key
     * @param values the values
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<Long> rpushx(String key, V... values) {
        return rpushx(key, Arrays.asList(values));
    }

    /**
     * Queues {@code RPUSHX}; see {@link ListCommands#rpushx(String, Collection)}.
     *
     * @param key the key
     * @param values the values
     * @return the handle
     */
    default Response<Long> rpushx(String key, Collection<? extends V> values) {
        return enqueue(ListDefs.rpushx(codec(), key, values));
    }

    /**
     * Queues {@code LINSERT}; see {@link ListCommands#linsert}.
     *
     * @param key the key
     * @param position before or after
     * @param pivot the pivot
     * @param value the value
     * @return the handle
     */
    default Response<Long> linsert(String key, InsertPosition position, V pivot, V value) {
        return enqueue(ListDefs.linsert(codec(), key, position, pivot, value));
    }

    /**
     * Queues {@code LINDEX}; see {@link ListCommands#lindex}.
     *
     * @param key the key
     * @param index the index
     * @return the handle
     */
    default Response<V> lindex(String key, long index) {
        return enqueue(ListDefs.lindex(codec(), key, index));
    }

    /**
     * Queues {@code LRANGE}; see {@link ListCommands#lrange}.
     *
     * @param key the key
     * @param start the first index
     * @param stop the last index
     * @return the handle
     */
    default Response<List<V>> lrange(String key, long start, long stop) {
        return enqueue(ListDefs.lrange(codec(), key, start, stop));
    }

    /**
     * Queues {@code LLEN}; see {@link ListCommands#llen}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> llen(String key) {
        return enqueue(ListDefs.llen(codec(), key));
    }

    /**
     * Queues {@code LPOP}; see {@link ListCommands#lpop(String)}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<V> lpop(String key) {
        return enqueue(ListDefs.lpop(codec(), key));
    }

    /**
     * Queues {@code LPOP key count}; see {@link ListCommands#lpop(String, long)}.
     *
     * @param key the key
     * @param count the count
     * @return the handle
     */
    default Response<List<V>> lpop(String key, long count) {
        return enqueue(ListDefs.lpop(codec(), key, count));
    }

    /**
     * Queues {@code RPOP}; see {@link ListCommands#rpop(String)}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<V> rpop(String key) {
        return enqueue(ListDefs.rpop(codec(), key));
    }

    /**
     * Queues {@code RPOP key count}; see {@link ListCommands#rpop(String, long)}.
     *
     * @param key the key
     * @param count the count
     * @return the handle
     */
    default Response<List<V>> rpop(String key, long count) {
        return enqueue(ListDefs.rpop(codec(), key, count));
    }

    /**
     * Queues {@code RPOPLPUSH}; see {@link ListCommands#rpoplpush}.
     *
     * @param source the source
     * @param destination the destination
     * @return the handle
     */
    default Response<V> rpoplpush(String source, String destination) {
        return enqueue(ListDefs.rpoplpush(codec(), source, destination));
    }

    /**
     * Queues {@code LMOVE}; see {@link ListCommands#lmove}.
     *
     * @param source the source
     * @param destination the destination
     * @param from the source end
     * @param to the destination end
     * @return the handle
     */
    default Response<V> lmove(String source, String destination, ListDirection from, ListDirection to) {
        return enqueue(ListDefs.lmove(codec(), source, destination, from, to));
    }

    /**
     * Queues {@code BLMOVE}; see {@link ListCommands#blmove}.
     *
     * @param source the source
     * @param destination the destination
     * @param from the source end
     * @param to the destination end
     * @param timeout the block time, zero for forever
     * @return the handle
     */
    default Response<V> blmove(String source, String destination, ListDirection from, ListDirection to,
            Duration timeout) {
        return enqueue(ListDefs.blmove(codec(), source, destination, from, to, timeout));
    }

    /**
     * Queues {@code LREM}; see {@link ListCommands#lrem}.
     *
     * @param key the key
     * @param count how many and from which end
     * @param value the value
     * @return the handle
     */
    default Response<Long> lrem(String key, long count, V value) {
        return enqueue(ListDefs.lrem(codec(), key, count, value));
    }

    /**
     * Queues {@code LTRIM}; see {@link ListCommands#ltrim}.
     *
     * @param key the key
     * @param start the first index
     * @param stop the last index
     * @return the handle
     */
    default Response<Boolean> ltrim(String key, long start, long stop) {
        return enqueue(ListDefs.ltrim(codec(), key, start, stop));
    }

    /**
     * Queues {@code LSET}; see {@link ListCommands#lset}.
     *
     * @param key the key
     * @param index the index
     * @param value the value
     * @return the handle
     */
    default Response<Boolean> lset(String key, long index, V value) {
        return enqueue(ListDefs.lset(codec(), key, index, value));
    }

    /**
     * Queues {@code LPOS}; see {@link ListCommands#lpos(String, Object)}.
     *
     * @param key the key
     * @param value the value
     * @return the handle
     */
    default Response<Long> lpos(String key, V value) {
        return enqueue(ListDefs.lpos(codec(), key, value, LPosArgs.NONE));
    }

    /**
     * Queues {@code LPOS} with options; see {@link ListCommands#lpos(String, Object, LPosArgs)}.
     *
     * @param key the key
     * @param value the value
     * @param args the options
     * @return the handle
     */
    default Response<Long> lpos(String key, V value, LPosArgs args) {
        return enqueue(ListDefs.lpos(codec(), key, value, args));
    }

    /**
     * Queues {@code LPOS ... COUNT}; see {@link ListCommands#lpos(String, Object, long, LPosArgs)}.
     *
     * @param key the key
     * @param value the value
     * @param count the count
     * @param args the options
     * @return the handle
     */
    default Response<List<Long>> lpos(String key, V value, long count, LPosArgs args) {
        return enqueue(ListDefs.lpos(codec(), key, value, count, args));
    }

    /**
     * Queues {@code BLPOP}; see {@link ListCommands#blpop(Duration, String...)}.
     *
     * @param timeout the block time
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<V>> blpop(Duration timeout, String... keys) {
        return enqueue(ListDefs.blpop(codec(), timeout, Arrays.asList(keys)));
    }

    /**
     * Queues {@code BLPOP}; see {@link ListCommands#blpop(long, String...)}.
     *
     * @param timeoutSeconds the block time in seconds
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<V>> blpop(long timeoutSeconds, String... keys) {
        return enqueue(ListDefs.blpop(codec(), Duration.ofSeconds(timeoutSeconds), Arrays.asList(keys)));
    }

    /**
     * Queues {@code BLPOP}; see {@link ListCommands#blpop(Duration, Collection)}.
     *
     * @param timeout the block time
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<V>> blpop(Duration timeout, Collection<String> keys) {
        return enqueue(ListDefs.blpop(codec(), timeout, keys));
    }

    /**
     * Queues {@code BRPOP}; see {@link ListCommands#brpop(Duration, String...)}.
     *
     * @param timeout the block time
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<V>> brpop(Duration timeout, String... keys) {
        return enqueue(ListDefs.brpop(codec(), timeout, Arrays.asList(keys)));
    }

    /**
     * Queues {@code BRPOP}; see {@link ListCommands#brpop(long, String...)}.
     *
     * @param timeoutSeconds the block time in seconds
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<V>> brpop(long timeoutSeconds, String... keys) {
        return enqueue(ListDefs.brpop(codec(), Duration.ofSeconds(timeoutSeconds), Arrays.asList(keys)));
    }

    /**
     * Queues {@code BRPOP}; see {@link ListCommands#brpop(Duration, Collection)}.
     *
     * @param timeout the block time
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValue<V>> brpop(Duration timeout, Collection<String> keys) {
        return enqueue(ListDefs.brpop(codec(), timeout, keys));
    }

    /**
     * Queues {@code LMPOP}; see {@link ListCommands#lmpop(ListDirection, long, String...)}.
     *
     * @param direction the end
     * @param count the count
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValues<V>> lmpop(ListDirection direction, long count, String... keys) {
        return enqueue(ListDefs.lmpop(codec(), direction, count, Arrays.asList(keys)));
    }

    /**
     * Queues {@code LMPOP}; see {@link ListCommands#lmpop(ListDirection, long, Collection)}.
     *
     * @param direction the end
     * @param count the count
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValues<V>> lmpop(ListDirection direction, long count, Collection<String> keys) {
        return enqueue(ListDefs.lmpop(codec(), direction, count, List.copyOf(keys)));
    }

    /**
     * Queues {@code BLMPOP}; see {@link ListCommands#blmpop(Duration, ListDirection, long, String...)}.
     *
     * @param timeout the block time
     * @param direction the end
     * @param count the count
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValues<V>> blmpop(Duration timeout, ListDirection direction, long count, String... keys) {
        return enqueue(ListDefs.blmpop(codec(), timeout, direction, count, Arrays.asList(keys)));
    }

    /**
     * Queues {@code BLMPOP}; see {@link ListCommands#blmpop(Duration, ListDirection, long, Collection)}.
     *
     * @param timeout the block time
     * @param direction the end
     * @param count the count
     * @param keys the keys
     * @return the handle
     */
    default Response<KeyValues<V>> blmpop(Duration timeout, ListDirection direction, long count,
            Collection<String> keys) {
        return enqueue(ListDefs.blmpop(codec(), timeout, direction, count, List.copyOf(keys)));
    }
}
