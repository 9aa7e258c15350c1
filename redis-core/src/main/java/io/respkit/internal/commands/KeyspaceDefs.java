package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.CopyArgs;
import io.respkit.commands.ExpireTime;
import io.respkit.commands.MigrateArgs;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.RestoreArgs;
import io.respkit.commands.SortArgs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Definitions of the keyspace commands beyond the seed's: {@code SORT}/{@code SORT_RO}, {@code COPY}, {@code MOVE},
 * {@code DUMP}/{@code RESTORE}, {@code TOUCH}, {@code OBJECT ...}, {@code EXPIRETIME}/{@code PEXPIRETIME} and
 * {@code WAIT}: name, arguments and reply decoder, written once and shared by the synchronous, pipeline and
 * transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyspaceDefs {

    /** OK when migrated, NOKEY when no key existed. */
    private static final ReplyDecoder<Boolean> MIGRATED = (r, c) -> "OK".equals(Decoders.text(r, c.charset()));

    private KeyspaceDefs() {
    }

    /** SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]. */
    public static <V> Command<List<V>> sort(RedisCodec<V> c, String key, SortArgs args) {
        Command<List<V>> cmd = Command.create(c, KeyspaceSpecs.SORT, Decoders.<V>valueList()).key(key);
        args.appendTo(cmd);
        return cmd;
    }

    /** SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]. */
    public static <V> Command<List<V>> sortReadOnly(RedisCodec<V> c, String key, SortArgs args) {
        Command<List<V>> cmd = Command.create(c, KeyspaceSpecs.SORT_RO, Decoders.<V>valueList()).key(key);
        args.appendTo(cmd);
        return cmd;
    }

    /** SORT key [options] STORE destination: the number of elements stored. */
    public static Command<Long> sortStore(RedisCodec<?> c, String key, SortArgs args, String destination) {
        Command<Long> cmd = Command.create(c, KeyspaceSpecs.SORT, Decoders.integer()).key(key);
        args.appendTo(cmd);
        return cmd.arg("STORE").key(destination);
    }

    /** COPY source destination [DB destination-db] [REPLACE]. */
    public static Command<Boolean> copy(RedisCodec<?> c, String source, String destination, CopyArgs args) {
        Command<Boolean> cmd = Command.create(c, KeyspaceSpecs.COPY, Decoders.bool()).key(source).key(destination);
        args.appendTo(cmd);
        return cmd;
    }

    /** MOVE key db. */
    public static Command<Boolean> move(RedisCodec<?> c, String key, int database) {
        if (database < 0) {
            throw new IllegalArgumentException("MOVE database must not be negative");
        }
        return Command.create(c, KeyspaceSpecs.MOVE, Decoders.bool(), 3).key(key).arg(database);
    }

    /** DUMP key: the serialized value, null when the key does not exist. */
    public static Command<byte[]> dump(RedisCodec<?> c, String key) {
        return Command.create(c, KeyspaceSpecs.DUMP, KeyspaceDecoders.BYTES, 2).key(key);
    }

    /** RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]. */
    public static Command<Boolean> restore(RedisCodec<?> c, String key, byte[] serialized, RestoreArgs args) {
        Command<Boolean> cmd = Command.create(c, KeyspaceSpecs.RESTORE, Decoders.okOrNull()).key(key)
                .arg(args.ttlArgument()).arg(Objects.requireNonNull(serialized, "serialized"));
        args.appendTo(cmd);
        return cmd;
    }

    /** TOUCH key [key ...]. */
    public static Command<Long> touch(RedisCodec<?> c, Collection<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("TOUCH needs at least one key");
        }
        return Command.create(c, KeyspaceSpecs.TOUCH, Decoders.integer()).keys(keys);
    }

    /** OBJECT ENCODING key: null when the key does not exist. */
    public static Command<String> objectEncoding(RedisCodec<?> c, String key) {
        return Command.create(c, KeyspaceSpecs.OBJECT_ENCODING, Decoders.string(), 3).key(key);
    }

    /** OBJECT FREQ key: null when the key does not exist. */
    public static Command<Long> objectFreq(RedisCodec<?> c, String key) {
        return Command.create(c, KeyspaceSpecs.OBJECT_FREQ, Decoders.nullableInteger(), 3).key(key);
    }

    /** OBJECT IDLETIME key: null when the key does not exist. */
    public static Command<Duration> objectIdletime(RedisCodec<?> c, String key) {
        return Command.create(c, KeyspaceSpecs.OBJECT_IDLETIME, KeyspaceDecoders.SECONDS, 3).key(key);
    }

    /** OBJECT REFCOUNT key: null when the key does not exist. */
    public static Command<Long> objectRefcount(RedisCodec<?> c, String key) {
        return Command.create(c, KeyspaceSpecs.OBJECT_REFCOUNT, Decoders.nullableInteger(), 3).key(key);
    }

    /** EXPIRETIME key. */
    public static Command<ExpireTime> expiretime(RedisCodec<?> c, String key) {
        return Command.create(c, KeyspaceSpecs.EXPIRETIME, KeyspaceDecoders.EXPIRE_SECONDS, 2).key(key);
    }

    /** PEXPIRETIME key. */
    public static Command<ExpireTime> pexpiretime(RedisCodec<?> c, String key) {
        return Command.create(c, KeyspaceSpecs.PEXPIRETIME, KeyspaceDecoders.EXPIRE_MILLIS, 2).key(key);
    }

    /** WAIT numreplicas timeout: how many replicas acknowledged the connection's writes. */
    public static Command<Long> waitReplicas(RedisCodec<?> c, int replicas, Duration timeout) {
        if (replicas < 0) {
            throw new IllegalArgumentException("WAIT replicas must not be negative");
        }
        return Command.create(c, CommandSpecs.WAIT, Decoders.integer(), 3).arg(replicas)
                .arg(Durations.millisRoundedUp(timeout))
                .blocking(timeout);
    }

    /**
     * MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH ...|AUTH2 ...] [KEYS key ...]: one key
     * in the key position, several after KEYS. True for OK, false for NOKEY (none of the keys exists).
     */
    public static Command<Boolean> migrate(RedisCodec<?> c, String host, int port, int database, Duration timeout,
            MigrateArgs args, Collection<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("MIGRATE needs at least one key");
        }
        Command<Boolean> cmd = Command.create(c, CommandSpecs.MIGRATE, MIGRATED).arg(Objects.requireNonNull(host,
                "host")).arg(port);
        if (keys.size() == 1) {
            cmd.key(keys.iterator().next());
        } else {
            cmd.arg("");
        }
        cmd.arg(database).arg(timeout.toMillis());
        args.appendTo(cmd);
        return keys.size() == 1 ? cmd : cmd.arg("KEYS").keys(keys);
    }
}
