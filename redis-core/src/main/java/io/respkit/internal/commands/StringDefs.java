package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.GetExArgs;
import io.respkit.commands.SetArgs;

import java.util.List;
import java.util.Map;

/**
 * Definitions of the string commands: name, arguments and reply decoder, written once and shared by the
 * synchronous, pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class StringDefs {

    private StringDefs() {
    }

    /** SET key value. */
    public static <V> Command<Boolean> set(RedisCodec<V> c, String key, V value) {
        return Command.create(c, CommandSpecs.SET, Decoders.okOrNull(), 3).key(key).value(value);
    }

    /** SET key value [EX|PX|EXAT|PXAT|KEEPTTL] [NX|XX]. */
    public static <V> Command<Boolean> set(RedisCodec<V> c, String key, V value, SetArgs args) {
        Command<Boolean> cmd = Command.create(c, CommandSpecs.SET, Decoders.okOrNull()).key(key).value(value);
        args.appendTo(cmd);
        return cmd;
    }

    /** SET key value [options] GET: returns the old value. */
    public static <V> Command<V> setGet(RedisCodec<V> c, String key, V value, SetArgs args) {
        Command<V> cmd = Command.create(c, CommandSpecs.SET, Decoders.<V>value()).key(key).value(value);
        args.appendTo(cmd);
        return cmd.arg("GET");
    }

    /** SETEX key seconds value. */
    public static <V> Command<Boolean> setex(RedisCodec<V> c, String key, long seconds, V value) {
        return Command.create(c, CommandSpecs.SETEX, Decoders.okOrNull()).key(key).arg(seconds).value(value);
    }

    /** PSETEX key milliseconds value. */
    public static <V> Command<Boolean> psetex(RedisCodec<V> c, String key, long millis, V value) {
        return Command.create(c, CommandSpecs.PSETEX, Decoders.okOrNull()).key(key).arg(millis).value(value);
    }

    /** SETNX key value. */
    public static <V> Command<Boolean> setnx(RedisCodec<V> c, String key, V value) {
        return Command.create(c, CommandSpecs.SETNX, Decoders.bool()).key(key).value(value);
    }

    /** GET key. */
    public static <V> Command<V> get(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.GET, Decoders.<V>value(), 2).key(key);
    }

    /** GETSET key value. */
    public static <V> Command<V> getset(RedisCodec<V> c, String key, V value) {
        return Command.create(c, CommandSpecs.GETSET, Decoders.<V>value()).key(key).value(value);
    }

    /** GETDEL key. */
    public static <V> Command<V> getdel(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.GETDEL, Decoders.<V>value()).key(key);
    }

    /** GETEX key [EX|PX|EXAT|PXAT|PERSIST]. */
    public static <V> Command<V> getex(RedisCodec<V> c, String key, GetExArgs args) {
        Command<V> cmd = Command.create(c, CommandSpecs.GETEX, Decoders.<V>value()).key(key);
        args.appendTo(cmd);
        return cmd;
    }

    /** MSET key value [key value ...]. */
    public static <V> Command<Boolean> mset(RedisCodec<V> c, Map<String, V> entries) {
        Command<Boolean> cmd = Command.create(c, CommandSpecs.MSET, Decoders.okOrNull());
        entries.forEach((k, v) -> cmd.key(k).value(v));
        return cmd;
    }

    /** MSETNX key value [key value ...]. */
    public static <V> Command<Boolean> msetnx(RedisCodec<V> c, Map<String, V> entries) {
        Command<Boolean> cmd = Command.create(c, CommandSpecs.MSETNX, Decoders.bool());
        entries.forEach((k, v) -> cmd.key(k).value(v));
        return cmd;
    }

    /** MGET key [key ...]. */
    public static <V> Command<List<V>> mget(RedisCodec<V> c, Iterable<String> keys) {
        return Command.create(c, CommandSpecs.MGET, Decoders.<V>valueList()).keys(keys);
    }

    /** STRLEN key. */
    public static Command<Long> strlen(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.STRLEN, Decoders.integer()).key(key);
    }

    /** APPEND key value. */
    public static <V> Command<Long> append(RedisCodec<V> c, String key, V value) {
        return Command.create(c, CommandSpecs.APPEND, Decoders.integer()).key(key).value(value);
    }

    /** GETRANGE key start end. */
    public static <V> Command<V> getrange(RedisCodec<V> c, String key, long start, long end) {
        return Command.create(c, CommandSpecs.GETRANGE, Decoders.<V>value()).key(key).arg(start).arg(end);
    }

    /** SETRANGE key offset value. */
    public static <V> Command<Long> setrange(RedisCodec<V> c, String key, long offset, V value) {
        return Command.create(c, CommandSpecs.SETRANGE, Decoders.integer()).key(key).arg(offset).value(value);
    }

    /** INCR key. */
    public static Command<Long> incr(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.INCR, Decoders.integer()).key(key);
    }

    /** INCRBY key increment. */
    public static Command<Long> incrby(RedisCodec<?> c, String key, long increment) {
        return Command.create(c, CommandSpecs.INCRBY, Decoders.integer()).key(key).arg(increment);
    }

    /** INCRBYFLOAT key increment. */
    public static Command<Double> incrbyfloat(RedisCodec<?> c, String key, double increment) {
        return Command.create(c, CommandSpecs.INCRBYFLOAT, Decoders.doubleValue()).key(key).arg(increment);
    }

    /** DECR key. */
    public static Command<Long> decr(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.DECR, Decoders.integer()).key(key);
    }

    /** DECRBY key decrement. */
    public static Command<Long> decrby(RedisCodec<?> c, String key, long decrement) {
        return Command.create(c, CommandSpecs.DECRBY, Decoders.integer()).key(key).arg(decrement);
    }
}
