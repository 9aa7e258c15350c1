package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ExpireCondition;
import io.respkit.commands.FlushMode;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.ScanPage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Definitions of the generic key commands (and {@code DBSIZE}, {@code FLUSHDB}, {@code FLUSHALL}): name, arguments
 * and reply decoder, written once and shared by the synchronous, pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyDefs {

    private static final ReplyDecoder<ScanPage<String>> SCAN_PAGE = Decoders.scanPage(Decoders.stringList());

    private KeyDefs() {
    }

    /** KEYS pattern. */
    public static Command<List<String>> keys(RedisCodec<?> c, String pattern) {
        return Command.create(c, CommandSpecs.KEYS, Decoders.stringList())
                .arg(Objects.requireNonNull(pattern, "pattern"));
    }

    /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]. */
    public static Command<ScanPage<String>> scan(RedisCodec<?> c, String cursor, ScanArgs args) {
        Command<ScanPage<String>> cmd = Command.create(c, CommandSpecs.SCAN, SCAN_PAGE)
                .arg(Objects.requireNonNull(cursor, "cursor"));
        args.appendTo(cmd);
        return cmd;
    }

    /** TYPE key. */
    public static Command<String> type(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.TYPE, Decoders.string()).key(key);
    }

    /** EXISTS key [key ...]. */
    public static Command<Long> exists(RedisCodec<?> c, Collection<String> keys) {
        return Command.create(c, CommandSpecs.EXISTS, Decoders.integer()).keys(nonEmpty(keys, "EXISTS"));
    }

    /** RENAME key newkey. */
    public static Command<Boolean> rename(RedisCodec<?> c, String key, String newKey) {
        return Command.create(c, CommandSpecs.RENAME, Decoders.okOrNull()).key(key).key(newKey);
    }

    /** RENAMENX key newkey. */
    public static Command<Boolean> renamenx(RedisCodec<?> c, String key, String newKey) {
        return Command.create(c, CommandSpecs.RENAMENX, Decoders.bool()).key(key).key(newKey);
    }

    /** DEL key [key ...]. */
    public static Command<Long> del(RedisCodec<?> c, Collection<String> keys) {
        return Command.create(c, CommandSpecs.DEL, Decoders.integer()).keys(nonEmpty(keys, "DEL"));
    }

    /** UNLINK key [key ...]. */
    public static Command<Long> unlink(RedisCodec<?> c, Collection<String> keys) {
        return Command.create(c, CommandSpecs.UNLINK, Decoders.integer()).keys(nonEmpty(keys, "UNLINK"));
    }

    /** EXPIRE key seconds [NX|XX|GT|LT]; {@code condition} may be null. */
    public static Command<Boolean> expire(RedisCodec<?> c, String key, long seconds, ExpireCondition condition) {
        return condition(Command.create(c, CommandSpecs.EXPIRE, Decoders.bool()).key(key).arg(seconds), condition);
    }

    /** EXPIRE key seconds, or PEXPIRE key millis when the duration has a sub-second part. */
    public static Command<Boolean> expire(RedisCodec<?> c, String key, Duration ttl, ExpireCondition condition) {
        long millis = ttl.toMillis();
        return millis % 1000 == 0 ? expire(c, key, millis / 1000, condition) : pexpire(c, key, millis, condition);
    }

    /** PEXPIRE key milliseconds [NX|XX|GT|LT]; {@code condition} may be null. */
    public static Command<Boolean> pexpire(RedisCodec<?> c, String key, long millis, ExpireCondition condition) {
        return condition(Command.create(c, CommandSpecs.PEXPIRE, Decoders.bool()).key(key).arg(millis), condition);
    }

    /** EXPIREAT key unix-seconds [NX|XX|GT|LT]; {@code condition} may be null. */
    public static Command<Boolean> expireat(RedisCodec<?> c, String key, long unixSeconds, ExpireCondition condition) {
        return condition(Command.create(c, CommandSpecs.EXPIREAT, Decoders.bool()).key(key)
                .arg(unixSeconds), condition);
    }

    /** EXPIREAT key unix-seconds, or PEXPIREAT key unix-millis when the instant has a sub-second part. */
    public static Command<Boolean> expireat(RedisCodec<?> c, String key, Instant at, ExpireCondition condition) {
        long millis = at.toEpochMilli();
        return Math.floorMod(millis, 1000L) == 0
                ? expireat(c, key, Math.floorDiv(millis, 1000L), condition)
                : pexpireat(c, key, millis, condition);
    }

    /** PEXPIREAT key unix-milliseconds [NX|XX|GT|LT]; {@code condition} may be null. */
    public static Command<Boolean> pexpireat(RedisCodec<?> c, String key, long unixMillis, ExpireCondition condition) {
        return condition(Command.create(c, CommandSpecs.PEXPIREAT, Decoders.bool()).key(key)
                .arg(unixMillis), condition);
    }

    /** PERSIST key. */
    public static Command<Boolean> persist(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.PERSIST, Decoders.bool()).key(key);
    }

    /** TTL key. */
    public static Command<Long> ttl(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.TTL, Decoders.integer()).key(key);
    }

    /** PTTL key. */
    public static Command<Long> pttl(RedisCodec<?> c, String key) {
        return Command.create(c, CommandSpecs.PTTL, Decoders.integer()).key(key);
    }

    /** DBSIZE. */
    public static Command<Long> dbsize(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.DBSIZE, Decoders.integer());
    }

    /** FLUSHDB [SYNC|ASYNC]; {@code mode} may be null. */
    public static Command<Boolean> flushdb(RedisCodec<?> c, FlushMode mode) {
        Command<Boolean> cmd = Command.create(c, CommandSpecs.FLUSHDB, Decoders.okOrNull());
        return mode == null ? cmd : cmd.arg(mode.name());
    }

    /** FLUSHALL [SYNC|ASYNC]; {@code mode} may be null. */
    public static Command<Boolean> flushall(RedisCodec<?> c, FlushMode mode) {
        Command<Boolean> cmd = Command.create(c, CommandSpecs.FLUSHALL, Decoders.okOrNull());
        return mode == null ? cmd : cmd.arg(mode.name());
    }

    /** RANDOMKEY. */
    public static Command<String> randomkey(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.RANDOMKEY, Decoders.string());
    }

    private static Command<Boolean> condition(Command<Boolean> cmd, ExpireCondition condition) {
        return condition == null ? cmd : cmd.arg(condition.name());
    }

    private static Collection<String> nonEmpty(Collection<String> keys, String command) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(command + " needs at least one key");
        }
        return keys;
    }
}
