package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.SetDefs;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Set commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link Response} handle. Definitions are shared with {@link SetCommands}, whose Javadoc describes each command.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface SetPipelineCommands<V> extends BasePipelineCommands<V> {

    /**
     * Queues {@code SADD}; see {@link SetCommands#sadd(String, Object[])}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<Long> sadd(String key, V... members) {
        return sadd(key, Arrays.asList(members));
    }

    /**
     * Queues {@code SADD}; see {@link SetCommands#sadd(String, Collection)}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    default Response<Long> sadd(String key, Collection<? extends V> members) {
        return enqueue(SetDefs.sadd(codec(), key, members));
    }

    /**
     * Queues {@code SREM}; see {@link SetCommands#srem(String, Object[])}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<Long> srem(String key, V... members) {
        return srem(key, Arrays.asList(members));
    }

    /**
     * Queues {@code SREM}; see {@link SetCommands#srem(String, Collection)}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    default Response<Long> srem(String key, Collection<? extends V> members) {
        return enqueue(SetDefs.srem(codec(), key, members));
    }

    /**
     * Queues {@code SMEMBERS}; see {@link SetCommands#smembers}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Set<V>> smembers(String key) {
        return enqueue(SetDefs.smembers(codec(), key));
    }

    /**
     * Queues {@code SCARD}; see {@link SetCommands#scard}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> scard(String key) {
        return enqueue(SetDefs.scard(codec(), key));
    }

    /**
     * Queues {@code SRANDMEMBER}; see {@link SetCommands#srandmember(String)}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<V> srandmember(String key) {
        return enqueue(SetDefs.srandmember(codec(), key));
    }

    /**
     * Queues {@code SRANDMEMBER key count}; see {@link SetCommands#srandmember(String, long)}.
     *
     * @param key the key
     * @param count the count
     * @return the handle
     */
    default Response<List<V>> srandmember(String key, long count) {
        return enqueue(SetDefs.srandmember(codec(), key, count));
    }

    /**
     * Queues {@code SISMEMBER}; see {@link SetCommands#sismember}.
     *
     * @param key the key
     * @param member the member
     * @return the handle
     */
    default Response<Boolean> sismember(String key, V member) {
        return enqueue(SetDefs.sismember(codec(), key, member));
    }

    /**
     * Queues {@code SMISMEMBER}; see {@link SetCommands#smismember(String, Object[])}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    @SuppressWarnings("unchecked")
    default Response<List<Boolean>> smismember(String key, V... members) {
        return smismember(key, Arrays.asList(members));
    }

    /**
     * Queues {@code SMISMEMBER}; see {@link SetCommands#smismember(String, Collection)}.
     *
     * @param key the key
     * @param members the members
     * @return the handle
     */
    default Response<List<Boolean>> smismember(String key, Collection<? extends V> members) {
        return enqueue(SetDefs.smismember(codec(), key, members));
    }

    /**
     * Queues {@code SPOP}; see {@link SetCommands#spop(String)}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<V> spop(String key) {
        return enqueue(SetDefs.spop(codec(), key));
    }

    /**
     * Queues {@code SPOP key count}; see {@link SetCommands#spop(String, long)}.
     *
     * @param key the key
     * @param count the count
     * @return the handle
     */
    default Response<Set<V>> spop(String key, long count) {
        return enqueue(SetDefs.spop(codec(), key, count));
    }

    /**
     * Queues {@code SMOVE}; see {@link SetCommands#smove}.
     *
     * @param source the source
     * @param destination the destination
     * @param member the member
     * @return the handle
     */
    default Response<Boolean> smove(String source, String destination, V member) {
        return enqueue(SetDefs.smove(codec(), source, destination, member));
    }

    /**
     * Queues {@code SINTER}; see {@link SetCommands#sinter(String...)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Set<V>> sinter(String... keys) {
        return sinter(Arrays.asList(keys));
    }

    /**
     * Queues {@code SINTER}; see {@link SetCommands#sinter(Collection)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Set<V>> sinter(Collection<String> keys) {
        return enqueue(SetDefs.sinter(codec(), keys));
    }

    /**
     * Queues {@code SUNION}; see {@link SetCommands#sunion(String...)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Set<V>> sunion(String... keys) {
        return sunion(Arrays.asList(keys));
    }

    /**
     * Queues {@code SUNION}; see {@link SetCommands#sunion(Collection)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Set<V>> sunion(Collection<String> keys) {
        return enqueue(SetDefs.sunion(codec(), keys));
    }

    /**
     * Queues {@code SDIFF}; see {@link SetCommands#sdiff(String...)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Set<V>> sdiff(String... keys) {
        return sdiff(Arrays.asList(keys));
    }

    /**
     * Queues {@code SDIFF}; see {@link SetCommands#sdiff(Collection)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Set<V>> sdiff(Collection<String> keys) {
        return enqueue(SetDefs.sdiff(codec(), keys));
    }

    /**
     * Queues {@code SINTERSTORE}; see {@link SetCommands#sinterstore(String, String...)}.
     *
     * @param destination the destination
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> sinterstore(String destination, String... keys) {
        return sinterstore(destination, Arrays.asList(keys));
    }

    /**
     * Queues {@code SINTERSTORE}; see {@link SetCommands#sinterstore(String, Collection)}.
     *
     * @param destination the destination
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> sinterstore(String destination, Collection<String> keys) {
        return enqueue(SetDefs.sinterstore(codec(), destination, keys));
    }

    /**
     * Queues {@code SUNIONSTORE}; see {@link SetCommands#sunionstore(String, String...)}.
     *
     * @param destination the destination
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> sunionstore(String destination, String... keys) {
        return sunionstore(destination, Arrays.asList(keys));
    }

    /**
     * Queues {@code SUNIONSTORE}; see {@link SetCommands#sunionstore(String, Collection)}.
     *
     * @param destination the destination
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> sunionstore(String destination, Collection<String> keys) {
        return enqueue(SetDefs.sunionstore(codec(), destination, keys));
    }

    /**
     * Queues {@code SDIFFSTORE}; see {@link SetCommands#sdiffstore(String, String...)}.
     *
     * @param destination the destination
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> sdiffstore(String destination, String... keys) {
        return sdiffstore(destination, Arrays.asList(keys));
    }

    /**
     * Queues {@code SDIFFSTORE}; see {@link SetCommands#sdiffstore(String, Collection)}.
     *
     * @param destination the destination
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> sdiffstore(String destination, Collection<String> keys) {
        return enqueue(SetDefs.sdiffstore(codec(), destination, keys));
    }

    /**
     * Queues one {@code SSCAN} page; see {@link SetCommands#sscan(String, String, ScanArgs)}.
     *
     * @param key the key
     * @param cursor the cursor
     * @param args the options
     * @return the handle
     */
    default Response<ScanPage<V>> sscan(String key, String cursor, ScanArgs args) {
        return enqueue(SetDefs.sscan(codec(), key, cursor, args));
    }
}
