package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.KeyDefs;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Key commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link Response} handle. Definitions are shared with {@link KeyCommands}, whose Javadoc describes each command.
 * The cursor-hiding {@code scan} streams exist only in the synchronous API; queue single pages with
 * {@link #scan(String, ScanArgs)}.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface KeyPipelineCommands<V> extends BasePipelineCommands<V> {

    /**
     * Queues {@code KEYS}; see {@link KeyCommands#keys}.
     *
     * @param pattern the glob pattern
     * @return the handle
     */
    default Response<List<String>> keys(String pattern) {
        return enqueue(KeyDefs.keys(codec(), pattern));
    }

    /**
     * Queues one {@code SCAN} page; see {@link KeyCommands#scan(String, ScanArgs)}.
     *
     * @param cursor the cursor, {@code "0"} to start
     * @param args the options
     * @return the handle
     */
    default Response<ScanPage<String>> scan(String cursor, ScanArgs args) {
        return enqueue(KeyDefs.scan(codec(), cursor, args));
    }

    /**
     * Queues {@code TYPE}; see {@link KeyCommands#type}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<String> type(String key) {
        return enqueue(KeyDefs.type(codec(), key));
    }

    /**
     * Queues {@code EXISTS}; see {@link KeyCommands#exists(String...)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> exists(String... keys) {
        return enqueue(KeyDefs.exists(codec(), Arrays.asList(keys)));
    }

    /**
     * Queues {@code EXISTS}; see {@link KeyCommands#exists(Collection)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> exists(Collection<String> keys) {
        return enqueue(KeyDefs.exists(codec(), keys));
    }

    /**
     * Queues {@code RENAME}; see {@link KeyCommands#rename}.
     *
     * @param key the key
     * @param newKey the new name
     * @return the handle
     */
    default Response<Boolean> rename(String key, String newKey) {
        return enqueue(KeyDefs.rename(codec(), key, newKey));
    }

    /**
     * Queues {@code RENAMENX}; see {@link KeyCommands#renamenx}.
     *
     * @param key the key
     * @param newKey the new name
     * @return the handle
     */
    default Response<Boolean> renamenx(String key, String newKey) {
        return enqueue(KeyDefs.renamenx(codec(), key, newKey));
    }

    /**
     * Queues {@code DEL}; see {@link KeyCommands#del(String...)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> del(String... keys) {
        return enqueue(KeyDefs.del(codec(), Arrays.asList(keys)));
    }

    /**
     * Queues {@code DEL}; see {@link KeyCommands#del(Collection)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> del(Collection<String> keys) {
        return enqueue(KeyDefs.del(codec(), keys));
    }

    /**
     * Queues {@code UNLINK}; see {@link KeyCommands#unlink(String...)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> unlink(String... keys) {
        return enqueue(KeyDefs.unlink(codec(), Arrays.asList(keys)));
    }

    /**
     * Queues {@code UNLINK}; see {@link KeyCommands#unlink(Collection)}.
     *
     * @param keys the keys
     * @return the handle
     */
    default Response<Long> unlink(Collection<String> keys) {
        return enqueue(KeyDefs.unlink(codec(), keys));
    }

    /**
     * Queues {@code EXPIRE}; see {@link KeyCommands#expire(String, long)}.
     *
     * @param key the key
     * @param seconds the time to live
     * @return the handle
     */
    default Response<Boolean> expire(String key, long seconds) {
        return enqueue(KeyDefs.expire(codec(), key, seconds, null));
    }

    /**
     * Queues {@code EXPIRE} with a condition; see {@link KeyCommands#expire(String, long, ExpireCondition)}.
     *
     * @param key the key
     * @param seconds the time to live
     * @param condition when to apply it
     * @return the handle
     */
    default Response<Boolean> expire(String key, long seconds, ExpireCondition condition) {
        return enqueue(KeyDefs.expire(codec(), key, seconds, condition));
    }

    /**
     * Queues {@code EXPIRE} or {@code PEXPIRE}; see {@link KeyCommands#expire(String, Duration)}.
     *
     * @param key the key
     * @param ttl the time to live
     * @return the handle
     */
    default Response<Boolean> expire(String key, Duration ttl) {
        return enqueue(KeyDefs.expire(codec(), key, ttl, null));
    }

    /**
     * Queues {@code EXPIRE} or {@code PEXPIRE} with a condition; see {@link KeyCommands#expire(String, Duration, ExpireCondition)}.
     *
     * @param key the key
     * @param ttl the time to live
     * @param condition when to apply it
     * @return the handle
     */
    default Response<Boolean> expire(String key, Duration ttl, ExpireCondition condition) {
        return enqueue(KeyDefs.expire(codec(), key, ttl, condition));
    }

    /**
     * Queues {@code PEXPIRE}; see {@link KeyCommands#pexpire(String, long)}.
     *
     * @param key the key
     * @param millis the time to live in milliseconds
     * @return the handle
     */
    default Response<Boolean> pexpire(String key, long millis) {
        return enqueue(KeyDefs.pexpire(codec(), key, millis, null));
    }

    /**
     * Queues {@code PEXPIRE} with a condition; see {@link KeyCommands#pexpire(String, long, ExpireCondition)}.
     *
     * @param key the key
     * @param millis the time to live in milliseconds
     * @param condition when to apply it
     * @return the handle
     */
    default Response<Boolean> pexpire(String key, long millis, ExpireCondition condition) {
        return enqueue(KeyDefs.pexpire(codec(), key, millis, condition));
    }

    /**
     * Queues {@code PEXPIRE}; see {@link KeyCommands#pexpire(String, Duration)}.
     *
     * @param key the key
     * @param ttl the time to live
     * @return the handle
     */
    default Response<Boolean> pexpire(String key, Duration ttl) {
        return enqueue(KeyDefs.pexpire(codec(), key, ttl.toMillis(), null));
    }

    /**
     * Queues {@code EXPIREAT}; see {@link KeyCommands#expireat(String, long)}.
     *
     * @param key the key
     * @param unixSeconds the expiry time
     * @return the handle
     */
    default Response<Boolean> expireat(String key, long unixSeconds) {
        return enqueue(KeyDefs.expireat(codec(), key, unixSeconds, null));
    }

    /**
     * Queues {@code EXPIREAT} with a condition; see {@link KeyCommands#expireat(String, long, ExpireCondition)}.
     *
     * @param key the key
     * @param unixSeconds the expiry time
     * @param condition when to apply it
     * @return the handle
     */
    default Response<Boolean> expireat(String key, long unixSeconds, ExpireCondition condition) {
        return enqueue(KeyDefs.expireat(codec(), key, unixSeconds, condition));
    }

    /**
     * Queues {@code EXPIREAT} or {@code PEXPIREAT}; see {@link KeyCommands#expireat(String, Instant)}.
     *
     * @param key the key
     * @param at the expiry time
     * @return the handle
     */
    default Response<Boolean> expireat(String key, Instant at) {
        return enqueue(KeyDefs.expireat(codec(), key, at, null));
    }

    /**
     * Queues {@code EXPIREAT} or {@code PEXPIREAT} with a condition; see {@link KeyCommands#expireat(String, Instant, ExpireCondition)}.
     *
     * @param key the key
     * @param at the expiry time
     * @param condition when to apply it
     * @return the handle
     */
    default Response<Boolean> expireat(String key, Instant at, ExpireCondition condition) {
        return enqueue(KeyDefs.expireat(codec(), key, at, condition));
    }

    /**
     * Queues {@code PEXPIREAT}; see {@link KeyCommands#pexpireat(String, long)}.
     *
     * @param key the key
     * @param unixMillis the expiry time
     * @return the handle
     */
    default Response<Boolean> pexpireat(String key, long unixMillis) {
        return enqueue(KeyDefs.pexpireat(codec(), key, unixMillis, null));
    }

    /**
     * Queues {@code PEXPIREAT} with a condition; see {@link KeyCommands#pexpireat(String, long, ExpireCondition)}.
     *
     * @param key the key
     * @param unixMillis the expiry time
     * @param condition when to apply it
     * @return the handle
     */
    default Response<Boolean> pexpireat(String key, long unixMillis, ExpireCondition condition) {
        return enqueue(KeyDefs.pexpireat(codec(), key, unixMillis, condition));
    }

    /**
     * Queues {@code PEXPIREAT}; see {@link KeyCommands#pexpireat(String, Instant)}.
     *
     * @param key the key
     * @param at the expiry time
     * @return the handle
     */
    default Response<Boolean> pexpireat(String key, Instant at) {
        return enqueue(KeyDefs.pexpireat(codec(), key, at.toEpochMilli(), null));
    }

    /**
     * Queues {@code PERSIST}; see {@link KeyCommands#persist}.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Boolean> persist(String key) {
        return enqueue(KeyDefs.persist(codec(), key));
    }

    /**
     * Queues {@code TTL}; see {@link KeyCommands#ttl}: -1 without expiry, -2 when missing.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> ttl(String key) {
        return enqueue(KeyDefs.ttl(codec(), key));
    }

    /**
     * Queues {@code PTTL}; see {@link KeyCommands#pttl}: -1 without expiry, -2 when missing.
     *
     * @param key the key
     * @return the handle
     */
    default Response<Long> pttl(String key) {
        return enqueue(KeyDefs.pttl(codec(), key));
    }

    /**
     * Queues {@code DBSIZE}; see {@link KeyCommands#dbsize}.
     *
     * @return the handle
     */
    default Response<Long> dbsize() {
        return enqueue(KeyDefs.dbsize(codec()));
    }

    /**
     * Queues {@code FLUSHDB}; see {@link KeyCommands#flushdb()}.
     *
     * @return the handle
     */
    default Response<Boolean> flushdb() {
        return enqueue(KeyDefs.flushdb(codec(), null));
    }

    /**
     * Queues {@code FLUSHDB SYNC|ASYNC}; see {@link KeyCommands#flushdb(FlushMode)}.
     *
     * @param mode the mode
     * @return the handle
     */
    default Response<Boolean> flushdb(FlushMode mode) {
        return enqueue(KeyDefs.flushdb(codec(), mode));
    }

    /**
     * Queues {@code FLUSHALL}; see {@link KeyCommands#flushall()}.
     *
     * @return the handle
     */
    default Response<Boolean> flushall() {
        return enqueue(KeyDefs.flushall(codec(), null));
    }

    /**
     * Queues {@code FLUSHALL SYNC|ASYNC}; see {@link KeyCommands#flushall(FlushMode)}.
     *
     * @param mode the mode
     * @return the handle
     */
    default Response<Boolean> flushall(FlushMode mode) {
        return enqueue(KeyDefs.flushall(codec(), mode));
    }

    /**
     * Queues {@code RANDOMKEY}; see {@link KeyCommands#randomkey}.
     *
     * @return the handle
     */
    default Response<String> randomkey() {
        return enqueue(KeyDefs.randomkey(codec()));
    }
}
