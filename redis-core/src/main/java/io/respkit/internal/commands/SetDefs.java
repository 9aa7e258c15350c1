package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.ScanPage;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Definitions of the set commands: name, arguments and reply decoder, written once and shared by the synchronous,
 * pipeline and transaction APIs. Set replies come as arrays under RESP2 and as sets under RESP3; the decoders
 * accept both.
 *
 * <p>Stateless and thread-safe.
 */
public final class SetDefs {

    /** A list of values where a nil reply (missing key) becomes an empty list. */
    private static final ReplyDecoder<ScanPage<Object>> SCAN_PAGE = Decoders.scanPage(Decoders.valueListOrEmpty());

    private SetDefs() {
    }

    /** SADD key member [member ...]. */
    public static <V> Command<Long> sadd(RedisCodec<V> c, String key, Iterable<? extends V> members) {
        return Command.create(c, CommandSpecs.SADD, Decoders.integer()).key(key).values(members);
    }

    /** SREM key member [member ...]. */
    public static <V> Command<Long> srem(RedisCodec<V> c, String key, Iterable<? extends V> members) {
        return Command.create(c, CommandSpecs.SREM, Decoders.integer()).key(key).values(members);
    }

    /** SMEMBERS key. */
    public static <V> Command<Set<V>> smembers(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.SMEMBERS, Decoders.<V>valueSet()).key(key);
    }

    /** SCARD key. */
    public static Command<Long> scard(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.SCARD, Decoders.integer()).key(key);
    }

    /** SRANDMEMBER key. */
    public static <V> Command<V> srandmember(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.SRANDMEMBER, Decoders.<V>value()).key(key);
    }

    /** SRANDMEMBER key count. */
    public static <V> Command<List<V>> srandmember(RedisCodec<V> c, String key, long count) {
        return Command.create(c, CommandSpecs.SRANDMEMBER, Decoders.<V>valueListOrEmpty()).key(key).arg(count);
    }

    /** SISMEMBER key member. */
    public static <V> Command<Boolean> sismember(RedisCodec<V> c, String key, V member) {
        return Command.create(c, CommandSpecs.SISMEMBER, Decoders.bool()).key(key).value(member);
    }

    /** SMISMEMBER key member [member ...]. */
    public static <V> Command<List<Boolean>> smismember(RedisCodec<V> c, String key, Iterable<? extends V> members) {
        return Command.create(c, CommandSpecs.SMISMEMBER, Decoders.booleanList()).key(key).values(members);
    }

    /** SPOP key. */
    public static <V> Command<V> spop(RedisCodec<V> c, String key) {
        return Command.create(c, CommandSpecs.SPOP, Decoders.<V>value()).key(key);
    }

    /** SPOP key count: a missing key gives an empty set. */
    public static <V> Command<Set<V>> spop(RedisCodec<V> c, String key, long count) {
        return Command.create(c, CommandSpecs.SPOP, Decoders.<V>valueSet()).key(key).arg(count);
    }

    /** SMOVE source destination member. */
    public static <V> Command<Boolean> smove(RedisCodec<V> c, String source, String destination, V member) {
        return Command.create(c, CommandSpecs.SMOVE, Decoders.bool()).key(source).key(destination).value(member);
    }

    /** SINTER key [key ...]. */
    public static <V> Command<Set<V>> sinter(RedisCodec<V> c, Iterable<String> keys) {
        return Command.create(c, CommandSpecs.SINTER, Decoders.<V>valueSet()).keys(keys);
    }

    /** SUNION key [key ...]. */
    public static <V> Command<Set<V>> sunion(RedisCodec<V> c, Iterable<String> keys) {
        return Command.create(c, CommandSpecs.SUNION, Decoders.<V>valueSet()).keys(keys);
    }

    /** SDIFF key [key ...]. */
    public static <V> Command<Set<V>> sdiff(RedisCodec<V> c, Iterable<String> keys) {
        return Command.create(c, CommandSpecs.SDIFF, Decoders.<V>valueSet()).keys(keys);
    }

    /** SINTERSTORE destination key [key ...]. */
    public static Command<Long> sinterstore(RedisCodec<?> c, String destination, Iterable<String> keys) {
        return Command.create(c, CommandSpecs.SINTERSTORE, Decoders.integer()).key(destination).keys(keys);
    }

    /** SUNIONSTORE destination key [key ...]. */
    public static Command<Long> sunionstore(RedisCodec<?> c, String destination, Iterable<String> keys) {
        return Command.create(c, CommandSpecs.SUNIONSTORE, Decoders.integer()).key(destination).keys(keys);
    }

    /** SDIFFSTORE destination key [key ...]. */
    public static Command<Long> sdiffstore(RedisCodec<?> c, String destination, Iterable<String> keys) {
        return Command.create(c, CommandSpecs.SDIFFSTORE, Decoders.integer()).key(destination).keys(keys);
    }

    /** SSCAN key cursor [MATCH pattern] [COUNT count]: one page. */
    @SuppressWarnings("unchecked")
    public static <V> Command<ScanPage<V>> sscan(RedisCodec<V> c, String key, String cursor, ScanArgs args) {
        Command<ScanPage<V>> cmd = Command.create(c, CommandSpecs.SSCAN,
                (ReplyDecoder<ScanPage<V>>) (ReplyDecoder<?>) SCAN_PAGE).key(key).arg(cursor);
        args.appendTo(cmd);
        return cmd;
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]; a limit of 0 is no limit. */
    public static Command<Long> sintercard(RedisCodec<?> c, Collection<String> keys, long limit) {
        return SortedSetAlgebraDefs.cardinality(Command.create(c, CollectionSpecs.SINTERCARD, Decoders.integer()),
                keys, limit);
    }
}
