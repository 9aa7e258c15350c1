package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.ScanPage;
import io.respkit.protocol.RespMap;
import io.respkit.protocol.RespSet;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Definitions of the hash commands: name, arguments and reply decoder, written once and shared by the
 * synchronous, pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class HashDefs {

    private HashDefs() {
    }

    /**
     * Field/value entries from a flat array {@code [f1, v1, f2, v2, ...]} (RESP2, HSCAN) or an array of pairs
     * {@code [[f1, v1], [f2, v2], ...]} (RESP3 HRANDFIELD WITHVALUES); a null reply is an empty list.
     */
    private static final ReplyDecoder<List<Map.Entry<String, Object>>> ENTRIES = HashDefs::entries;

    private static final ReplyDecoder<ScanPage<Map.Entry<String, Object>>> ENTRY_PAGE = Decoders.scanPage(ENTRIES);

    @SuppressWarnings("unchecked")
    private static <V> ReplyDecoder<List<Map.Entry<String, V>>> entryList() {
        return (ReplyDecoder<List<Map.Entry<String, V>>>) (ReplyDecoder<?>) ENTRIES;
    }

    @SuppressWarnings("unchecked")
    private static <V> ReplyDecoder<ScanPage<Map.Entry<String, V>>> entryPage() {
        return (ReplyDecoder<ScanPage<Map.Entry<String, V>>>) (ReplyDecoder<?>) ENTRY_PAGE;
    }

    private static List<Map.Entry<String, Object>> entries(Object reply, RedisCodec<?> codec) {
        if (reply == null) {
            return Collections.emptyList();
        }
        List<Object> items = Decoders.elements(reply);
        if (items.isEmpty()) {
            return new ArrayList<>(0);
        }
        Object first = items.get(0);
        if (first instanceof List<?> || first instanceof RespMap || first instanceof RespSet) {
            List<Map.Entry<String, Object>> out = new ArrayList<>(items.size());
            for (Object pair : items) {
                List<Object> fv = Decoders.elements(pair);
                if (fv.size() != 2) {
                    throw Decoders.shape("field/value pair", pair);
                }
                out.add(entry(fv.get(0), fv.get(1), codec));
            }
            return out;
        }
        if (items.size() % 2 != 0) {
            throw Decoders.shape("field/value list", reply);
        }
        List<Map.Entry<String, Object>> out = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            out.add(entry(items.get(i), items.get(i + 1), codec));
        }
        return out;
    }

    private static Map.Entry<String, Object> entry(Object field, Object value, RedisCodec<?> codec) {
        return new AbstractMap.SimpleImmutableEntry<>(Decoders.text(field, codec.charset()),
                value == null ? null : Decoders.value(value, codec));
    }

    /** HSET key field value. */
    public static <V> Command<Long> hset(RedisCodec<V> c, String key, String field, V value) {
        return Command.create(c, CommandSpecs.HSET, Decoders.integer()).key(key).arg(field).value(value);
    }

    /** HSET key field value [field value ...]. */
    public static <V> Command<Long> hset(RedisCodec<V> c, String key, Map<String, V> entries) {
        return fieldValues(Command.create(c, CommandSpecs.HSET, Decoders.integer(), 2 + 2 * entries.size()).key(key),
                entries);
    }

    /** HMSET key field value [field value ...]. */
    public static <V> Command<Boolean> hmset(RedisCodec<V> c, String key, Map<String, V> entries) {
        return fieldValues(Command.create(c, CommandSpecs.HMSET, Decoders.okOrNull()).key(key), entries);
    }

    private static <T, V> Command<T> fieldValues(Command<T> cmd, Map<String, V> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(cmd.name() + " needs at least one field");
        }
        entries.forEach((f, v) -> cmd.arg(f).value(v));
        return cmd;
    }

    /** HSETNX key field value. */
    public static <V> Command<Boolean> hsetnx(RedisCodec<V> c, String key, String field, V value) {
        return Command.create(c, CommandSpecs.HSETNX, Decoders.bool()).key(key).arg(field).value(value);
    }

    /** HGET key field. */
    public static <V> Command<V> hget(RedisCodec<V> c, String key, String field) {
        return Command.create(c, CommandSpecs.HGET, Decoders.<V>value()).key(key).arg(field);
    }

    /** HMGET key field [field ...]. */
    public static <V> Command<List<V>> hmget(RedisCodec<V> c, String key, Iterable<String> fields) {
        Command<List<V>> cmd = Command.create(c, CommandSpecs.HMGET, Decoders.<V>valueList()).key(key);
        for (String field : fields) {
            cmd.arg(field);
        }
        return cmd;
    }

    /** HGETALL key. */
    public static <V> Command<Map<String, V>> hgetall(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.HGETALL, Decoders.<V>valueMap(), 2).key(key);
    }

    /** HKEYS key. */
    public static Command<List<String>> hkeys(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.HKEYS, Decoders.stringList()).key(key);
    }

    /** HVALS key. */
    public static <V> Command<List<V>> hvals(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.HVALS, Decoders.<V>valueList()).key(key);
    }

    /** HEXISTS key field. */
    public static Command<Boolean> hexists(RedisCodec<?> c, String key, String field) {
        return Command.create(c, CommandSpecs.HEXISTS, Decoders.bool()).key(key).arg(field);
    }

    /** HLEN key. */
    public static Command<Long> hlen(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.HLEN, Decoders.integer()).key(key);
    }

    /** HSTRLEN key field. */
    public static Command<Long> hstrlen(RedisCodec<?> c, String key, String field) {
        return Command.create(c, CommandSpecs.HSTRLEN, Decoders.integer()).key(key).arg(field);
    }

    /** HINCRBY key field increment. */
    public static Command<Long> hincrby(RedisCodec<?> c, String key, String field, long increment) {
        return Command.create(c, CommandSpecs.HINCRBY, Decoders.integer()).key(key).arg(field).arg(increment);
    }

    /** HINCRBYFLOAT key field increment. */
    public static Command<Double> hincrbyfloat(RedisCodec<?> c, String key, String field, double increment) {
        return Command.create(c, CommandSpecs.HINCRBYFLOAT, Decoders.doubleValue()).key(key).arg(field).arg(increment);
    }

    /** HDEL key field [field ...]. */
    public static Command<Long> hdel(RedisCodec<?> c, String key, Iterable<String> fields) {
        Command<Long> cmd = Command.create(c, CommandSpecs.HDEL, Decoders.integer()).key(key);
        for (String field : fields) {
            cmd.arg(field);
        }
        return cmd;
    }

    /** HSCAN key cursor [MATCH pattern] [COUNT count]. */
    public static <V> Command<ScanPage<Map.Entry<String, V>>> hscan(RedisCodec<V> c, String key, String cursor,
            ScanArgs args) {
        Command<ScanPage<Map.Entry<String, V>>> cmd = Command.create(c, CommandSpecs.HSCAN, HashDefs.<V>entryPage())
                .key(key).arg(cursor);
        args.appendTo(cmd);
        return cmd;
    }

    /** HRANDFIELD key. */
    public static Command<String> hrandfield(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.HRANDFIELD, Decoders.string()).key(key);
    }

    /** HRANDFIELD key count. */
    public static Command<List<String>> hrandfield(RedisCodec<?> c, String key, long count) {
        return Command.create(c, CommandSpecs.HRANDFIELD, Decoders.stringList()).key(key).arg(count);
    }

    /** HRANDFIELD key count WITHVALUES. */
    public static <V> Command<List<Map.Entry<String, V>>> hrandfieldWithValues(RedisCodec<V> c, String key,
            long count) {
        return Command.create(c, CommandSpecs.HRANDFIELD, HashDefs.<V>entryList()).key(key).arg(count)
                .arg("WITHVALUES");
    }
}
