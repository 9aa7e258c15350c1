package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
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
        return Command.create(c, "SET", Decoders.okOrNull()).key(key).value(value);
    }

    /** SET key value [EX|PX|EXAT|PXAT|KEEPTTL] [NX|XX]. */
    public static <V> Command<Boolean> set(RedisCodec<V> c, String key, V value, SetArgs args) {
        Command<Boolean> cmd = Command.create(c, "SET", Decoders.okOrNull()).key(key).value(value);
        args.appendTo(cmd);
        return cmd;
    }

    /** SET key value [options] GET: returns the old value. */
    public static <V> Command<V> setGet(RedisCodec<V> c, String key, V value, SetArgs args) {
        Command<V> cmd = Command.create(c, "SET", Decoders.<V>value()).key(key).value(value);
        args.appendTo(cmd);
        return cmd.arg("GET");
    }

    /** GET key. */
    public static <V> Command<V> get(RedisCodec<V> c, String key) {
        return Command.create(c, "GET", Decoders.<V>value()).key(key);
    }

    /** INCR key. */
    public static Command<Long> incr(RedisCodec<?> c, String key) {
        return Command.create(c, "INCR", Decoders.integer()).key(key);
    }

    /** MSET key value [key value ...]. */
    public static <V> Command<Boolean> mset(RedisCodec<V> c, Map<String, V> entries) {
        Command<Boolean> cmd = Command.create(c, "MSET", Decoders.okOrNull());
        entries.forEach((k, v) -> cmd.key(k).value(v));
        return cmd;
    }

    /** MGET key [key ...]. */
    public static <V> Command<List<V>> mget(RedisCodec<V> c, Iterable<String> keys) {
        return Command.create(c, "MGET", Decoders.<V>valueList()).keys(keys);
    }
}
