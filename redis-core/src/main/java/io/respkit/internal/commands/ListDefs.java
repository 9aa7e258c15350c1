package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.InsertPosition;
import io.respkit.commands.KeyValue;
import io.respkit.commands.KeyValues;
import io.respkit.commands.LPosArgs;
import io.respkit.commands.ListDirection;
import io.respkit.commands.ReplyDecoder;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * Definitions of the list commands: name, arguments and reply decoder, written once and shared by the synchronous,
 * pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class ListDefs {

    /** A list of values where a nil reply (missing key) becomes an empty list. */
    private ListDefs() {
    }

    /**
     * Adds a block timeout as seconds with decimals (0 for forever) and marks the command as blocking.
     */
    private static <T> Command<T> timeout(Command<T> cmd, Duration timeout) {
        return cmd.blocking(timeout).arg(SortedSetDefs.seconds(timeout));
    }

    /** LPUSH key element [element ...]. */
    public static <V> Command<Long> lpush(RedisCodec<V> c, String key, Iterable<? extends V> values) {
        return Command.create(c, CommandSpecs.LPUSH, Decoders.integer()).key(key).values(values);
    }

    /** LPUSHX key element [element ...]. */
    public static <V> Command<Long> lpushx(RedisCodec<V> c, String key, Iterable<? extends V> values) {
        return Command.create(c, CommandSpecs.LPUSHX, Decoders.integer()).key(key).values(values);
    }

    /** RPUSH key element [element ...]. */
    public static <V> Command<Long> rpush(RedisCodec<V> c, String key, Iterable<? extends V> values) {
        return Command.create(c, CommandSpecs.RPUSH, Decoders.integer()).key(key).values(values);
    }

    /** RPUSHX key element [element ...]. */
    public static <V> Command<Long> rpushx(RedisCodec<V> c, String key, Iterable<? extends V> values) {
        return Command.create(c, CommandSpecs.RPUSHX, Decoders.integer()).key(key).values(values);
    }

    /** LINSERT key BEFORE|AFTER pivot element. */
    public static <V> Command<Long> linsert(RedisCodec<V> c, String key, InsertPosition position, V pivot, V value) {
        return Command.create(c, CommandSpecs.LINSERT, Decoders.integer()).key(key).arg(position.name()).value(pivot)
                .value(value);
    }

    /** LINDEX key index. */
    public static <V> Command<V> lindex(RedisCodec<V> c, String key, long index) {
        return Command.create(c, CommandSpecs.LINDEX, Decoders.<V>value()).key(key).arg(index);
    }

    /** LRANGE key start stop. */
    public static <V> Command<List<V>> lrange(RedisCodec<V> c, String key, long start, long stop) {
        return Command.create(c, CommandSpecs.LRANGE, Decoders.<V>valueListOrEmpty()).key(key).arg(start).arg(stop);
    }

    /** LLEN key. */
    public static Command<Long> llen(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.LLEN, Decoders.integer()).key(key);
    }

    /** LPOP key. */
    public static <V> Command<V> lpop(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.LPOP, Decoders.<V>value()).key(key);
    }

    /** LPOP key count: a missing key gives an empty list. */
    public static <V> Command<List<V>> lpop(RedisCodec<V> c, String key, long count) {
        return Command.create(c, CommandSpecs.LPOP, Decoders.<V>valueListOrEmpty()).key(key).arg(count);
    }

    /** RPOP key. */
    public static <V> Command<V> rpop(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.RPOP, Decoders.<V>value()).key(key);
    }

    /** RPOP key count: a missing key gives an empty list. */
    public static <V> Command<List<V>> rpop(RedisCodec<V> c, String key, long count) {
        return Command.create(c, CommandSpecs.RPOP, Decoders.<V>valueListOrEmpty()).key(key).arg(count);
    }

    /** BRPOPLPUSH source destination timeout, the timeout in (fractional) seconds. */
    public static <V> Command<V> brpoplpush(RedisCodec<V> c, String source, String destination, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        return timeout(Command.create(c, CommandSpecs.BRPOPLPUSH, Decoders.<V>value()).key(source).key(destination),
                timeout);
    }

    /** RPOPLPUSH source destination. */
    public static <V> Command<V> rpoplpush(RedisCodec<V> c, String source, String destination) {
        return Command.create(c, CommandSpecs.RPOPLPUSH, Decoders.<V>value()).key(source).key(destination);
    }

    /** LMOVE source destination LEFT|RIGHT LEFT|RIGHT. */
    public static <V> Command<V> lmove(RedisCodec<V> c, String source, String destination, ListDirection from,
            ListDirection to) {
        return Command.create(c, CommandSpecs.LMOVE, Decoders.<V>value()).key(source).key(destination).arg(from.name())
                .arg(to.name());
    }

    /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout. */
    public static <V> Command<V> blmove(RedisCodec<V> c, String source, String destination, ListDirection from,
            ListDirection to, Duration timeout) {
        return timeout(Command.create(c, CommandSpecs.BLMOVE, Decoders.<V>value()).key(source).key(destination)
                .arg(from.name()).arg(to.name()), timeout);
    }

    /** LREM key count element. */
    public static <V> Command<Long> lrem(RedisCodec<V> c, String key, long count, V value) {
        return Command.create(c, CommandSpecs.LREM, Decoders.integer()).key(key).arg(count).value(value);
    }

    /** LTRIM key start stop. */
    public static Command<Boolean> ltrim(RedisCodec<?> c, String key, long start, long stop) {
        return Command.create(c, CommandSpecs.LTRIM, Decoders.okOrNull()).key(key).arg(start).arg(stop);
    }

    /** LSET key index element. */
    public static <V> Command<Boolean> lset(RedisCodec<V> c, String key, long index, V value) {
        return Command.create(c, CommandSpecs.LSET, Decoders.okOrNull()).key(key).arg(index).value(value);
    }

    /** LPOS key element [RANK rank] [MAXLEN len]. */
    public static <V> Command<Long> lpos(RedisCodec<V> c, String key, V value, LPosArgs args) {
        Command<Long> cmd = Command.create(c, CommandSpecs.LPOS, Decoders.nullableInteger()).key(key).value(value);
        args.appendTo(cmd);
        return cmd;
    }

    /** LPOS key element [RANK rank] COUNT count [MAXLEN len]. */
    public static <V> Command<List<Long>> lpos(RedisCodec<V> c, String key, V value, long count, LPosArgs args) {
        Command<List<Long>> cmd = Command.create(c, CommandSpecs.LPOS, Decoders.longList()).key(key).value(value);
        args.appendTo(cmd);
        return cmd.arg("COUNT").arg(count);
    }

    /** BLPOP key [key ...] timeout. */
    public static <V> Command<KeyValue<V>> blpop(RedisCodec<V> c, Duration timeout, Iterable<String> keys) {
        return timeout(Command.create(c, CommandSpecs.BLPOP, Decoders.<V>keyValue()).keys(keys), timeout);
    }

    /** BRPOP key [key ...] timeout. */
    public static <V> Command<KeyValue<V>> brpop(RedisCodec<V> c, Duration timeout, Iterable<String> keys) {
        return timeout(Command.create(c, CommandSpecs.BRPOP, Decoders.<V>keyValue()).keys(keys), timeout);
    }

    /** LMPOP numkeys key [key ...] LEFT|RIGHT COUNT count. */
    public static <V> Command<KeyValues<V>> lmpop(RedisCodec<V> c, ListDirection direction, long count,
            List<String> keys) {
        Command<KeyValues<V>> cmd = Command.create(c, CommandSpecs.LMPOP, Decoders.<V>keyValues());
        return popArgs(cmd, direction, count, keys);
    }

    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT COUNT count. */
    public static <V> Command<KeyValues<V>> blmpop(RedisCodec<V> c, Duration timeout, ListDirection direction,
            long count, List<String> keys) {
        Command<KeyValues<V>> cmd = timeout(Command.create(c, CommandSpecs.BLMPOP, Decoders.<V>keyValues()), timeout);
        return popArgs(cmd, direction, count, keys);
    }

    private static <T> Command<T> popArgs(Command<T> cmd, ListDirection direction, long count, List<String> keys) {
        return cmd.arg(keys.size()).keys(keys).arg(direction.name()).arg("COUNT").arg(count);
    }
}
