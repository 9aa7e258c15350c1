package io.respkit.commands;

import io.respkit.internal.commands.KeyspaceDefs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Synchronous keyspace commands beyond {@link KeyCommands}: sorting ({@code SORT}, {@code SORT_RO}), copying and
 * moving keys, serialising them ({@code DUMP}/{@code RESTORE}), touching them, introspecting them ({@code OBJECT},
 * {@code EXPIRETIME}) and waiting for replicas ({@code WAIT}). Each method is defined once in
 * {@code io.respkit.internal.commands.KeyspaceDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method may throw {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Keyspace commands (SORT, COPY, DUMP/RESTORE, OBJECT, EXPIRETIME, WAIT)")
public interface KeyspaceCommands<V> extends BaseCommands<V> {

    /**
     * Returns the elements of a list, set or sorted set, sorted numerically, lowest first ({@code SORT key}).
     *
     * @param key the key
     * @return the sorted elements; empty when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when an element is not a number;
     *         {@code WRONGTYPE} when the key holds a string or hash
     */
    default List<V> sort(String key) {
        return execute(KeyspaceDefs.sort(codec(), key, SortArgs.NONE));
    }

    /**
     * Returns the elements of a list, set or sorted set sorted as {@code args} says ({@code SORT key [BY pattern]
     * [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]}). With {@code GET} patterns the reply holds, for
     * each element in order, one entry per pattern, {@code null} where the named key or field does not exist.
     *
     * @param key the key
     * @param args the options; {@link SortArgs#NONE} for none
     * @return the sorted elements, or the values the {@code GET} patterns name
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when an element is not a number and
     *         {@code ALPHA} is not given; {@code WRONGTYPE} when the key holds a string or hash
     */
    default List<V> sort(String key, SortArgs args) {
        return execute(KeyspaceDefs.sort(codec(), key, args));
    }

    /**
     * Like {@link #sort(String, SortArgs)}, as the read-only {@code SORT_RO} (Redis 7.0+), which replicas and
     * read-only ACLs accept.
     *
     * @param key the key
     * @param args the options; {@link SortArgs#NONE} for none
     * @return the sorted elements, or the values the {@code GET} patterns name
     * @throws io.respkit.exceptions.RedisServerException as {@link #sort(String, SortArgs)}
     */
    default List<V> sortReadOnly(String key, SortArgs args) {
        return execute(KeyspaceDefs.sortReadOnly(codec(), key, args));
    }

    /**
     * Sorts as {@link #sort(String, SortArgs)} and stores the result as a list at {@code destination}
     * ({@code SORT ... STORE destination}), replacing it; an empty result deletes {@code destination}.
     *
     * @param key the key to sort
     * @param args the options; {@link SortArgs#NONE} for none
     * @param destination the list to write
     * @return the number of elements stored
     * @throws io.respkit.exceptions.RedisServerException as {@link #sort(String, SortArgs)}
     */
    default long sortStore(String key, SortArgs args, String destination) {
        return execute(KeyspaceDefs.sortStore(codec(), key, args, destination));
    }

    /**
     * Copies the value at {@code source} to {@code destination} ({@code COPY}, Redis 6.2+), unless the destination
     * exists.
     *
     * @param source the key to copy
     * @param destination the new key
     * @return {@code true} when copied; {@code false} when the source does not exist or the destination does
     */
    default boolean copy(String source, String destination) {
        return execute(KeyspaceDefs.copy(codec(), source, destination, CopyArgs.NONE));
    }

    /**
     * Copies the value at {@code source} to {@code destination} with options ({@code COPY ... [DB db] [REPLACE]}).
     *
     * @param source the key to copy
     * @param destination the new key
     * @param args the destination database and {@code REPLACE}
     * @return {@code true} when copied; {@code false} when the source does not exist, or the destination exists and
     *         {@code REPLACE} is not given
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the database is out of range
     */
    default boolean copy(String source, String destination, CopyArgs args) {
        return execute(KeyspaceDefs.copy(codec(), source, destination, args));
    }

    /**
     * Moves a key to another database ({@code MOVE}).
     *
     * @param key the key
     * @param database the target database
     * @return {@code true} when moved; {@code false} when the key does not exist or already exists in the target
     * @throws IllegalArgumentException when the database is negative
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when the database is out of range or the
     *         connection's own
     */
    default boolean move(String key, int database) {
        return execute(KeyspaceDefs.move(codec(), key, database));
    }

    /**
     * Serialises the value at {@code key} in Redis's own format ({@code DUMP}), for {@link #restore}.
     *
     * @param key the key
     * @return the serialized value (with its RDB version and checksum), or {@code null} when the key does not exist
     */
    default byte[] dump(String key) {
        return execute(KeyspaceDefs.dump(codec(), key));
    }

    /**
     * Creates {@code key} from a value {@link #dump} serialised ({@code RESTORE key 0 value}), with no expiry.
     *
     * @param key the key to create
     * @param serialized the serialized value
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code BUSYKEY} when the key exists; {@code ERR} when the
     *         payload's version or checksum is invalid
     */
    default boolean restore(String key, byte[] serialized) {
        return execute(KeyspaceDefs.restore(codec(), key, serialized, RestoreArgs.NONE));
    }

    /**
     * Creates {@code key} from a value {@link #dump} serialised, with options ({@code RESTORE key ttl value
     * [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]}).
     *
     * @param key the key to create
     * @param serialized the serialized value
     * @param args the time to live or absolute expiry, {@code REPLACE} and eviction hints
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code BUSYKEY} when the key exists without
     *         {@code REPLACE}; {@code ERR} when the payload is invalid
     */
    default boolean restore(String key, byte[] serialized, RestoreArgs args) {
        return execute(KeyspaceDefs.restore(codec(), key, serialized, args));
    }

    /**
     * Updates the last access time of keys ({@code TOUCH}), as a read would.
     *
     * @param keys the keys, at least one
     * @return how many of them exist
     * @throws IllegalArgumentException when no key is given
     */
    default long touch(String... keys) {
        return touch(Arrays.asList(keys));
    }

    /**
     * Updates the last access time of keys ({@code TOUCH}), as a read would.
     *
     * @param keys the keys, at least one
     * @return how many of them exist
     * @throws IllegalArgumentException when {@code keys} is empty
     */
    default long touch(Collection<String> keys) {
        return execute(KeyspaceDefs.touch(codec(), keys));
    }

    /**
     * Returns the internal encoding of the value at {@code key} ({@code OBJECT ENCODING}).
     *
     * @param key the key
     * @return e.g. {@code "listpack"}, {@code "hashtable"}, {@code "int"}, {@code "embstr"}; {@code null} when the
     *         key does not exist
     */
    default String objectEncoding(String key) {
        return execute(KeyspaceDefs.objectEncoding(codec(), key));
    }

    /**
     * Returns the logarithmic access frequency counter of {@code key} ({@code OBJECT FREQ}).
     *
     * @param key the key
     * @return the counter, 0 to 255; {@code null} when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} unless {@code maxmemory-policy} is an LFU one
     */
    default Long objectFreq(String key) {
        return execute(KeyspaceDefs.objectFreq(codec(), key));
    }

    /**
     * Returns how long {@code key} has gone unread and unwritten ({@code OBJECT IDLETIME}), in whole seconds.
     *
     * @param key the key
     * @return the idle time; {@code null} when the key does not exist
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when {@code maxmemory-policy} is an LFU one
     */
    default Duration objectIdletime(String key) {
        return execute(KeyspaceDefs.objectIdletime(codec(), key));
    }

    /**
     * Returns the reference count of the value at {@code key} ({@code OBJECT REFCOUNT}), for debugging.
     *
     * @param key the key
     * @return the count; {@code null} when the key does not exist
     */
    default Long objectRefcount(String key) {
        return execute(KeyspaceDefs.objectRefcount(codec(), key));
    }

    /**
     * Returns when {@code key} expires, to the second ({@code EXPIRETIME}, Redis 7.0+).
     *
     * @param key the key
     * @return the instant; {@link ExpireTime#NO_EXPIRY} when the key has none; {@link ExpireTime#NO_KEY} when it
     *         does not exist
     */
    default ExpireTime expiretime(String key) {
        return execute(KeyspaceDefs.expiretime(codec(), key));
    }

    /**
     * Returns when {@code key} expires, to the millisecond ({@code PEXPIRETIME}, Redis 7.0+).
     *
     * @param key the key
     * @return the instant; {@link ExpireTime#NO_EXPIRY} when the key has none; {@link ExpireTime#NO_KEY} when it
     *         does not exist
     */
    default ExpireTime pexpiretime(String key) {
        return execute(KeyspaceDefs.pexpiretime(codec(), key));
    }

    /**
     * Waits until {@code replicas} replicas have acknowledged every write sent before it on the same connection, or
     * the timeout passes ({@code WAIT}). Its read timeout is extended by {@code timeout}. Through a pooled client
     * the writes to wait for must be on the same connection: use it in a pipeline, a transaction or a dedicated
     * connection.
     *
     * @param replicas how many replicas to wait for
     * @param timeout how long to wait at most; {@link Duration#ZERO} waits forever
     * @return how many replicas acknowledged, possibly fewer than asked when the timeout passed
     * @throws IllegalArgumentException when {@code replicas} or the timeout is negative
     * @throws io.respkit.exceptions.RedisServerException {@code ERR} when sent to a replica
     */
    default long waitReplicas(int replicas, Duration timeout) {
        return execute(KeyspaceDefs.waitReplicas(codec(), replicas, timeout));
    }

    /**
     * Moves keys to another Redis server ({@code MIGRATE}): serialised here, restored there, then deleted here
     * (kept with {@link MigrateArgs#copy()}). Credentials in {@code args} are masked in logs and errors.
     *
     * @param host the target's host
     * @param port the target's port
     * @param database the target database
     * @param timeout the longest idle time of the transfer
     * @param args {@code COPY}, {@code REPLACE} and credentials; {@link MigrateArgs#NONE} for none
     * @param keys the keys, at least one
     * @return {@code true} when migrated; {@code false} when none of the keys exists ({@code NOKEY})
     * @throws IllegalArgumentException when no key is given
     * @throws io.respkit.exceptions.RedisServerException {@code BUSYKEY} when a key exists on the target and
     *         {@code REPLACE} is not given; {@code IOERR} when the target cannot be reached in time
     */
    default boolean migrate(String host, int port, int database, Duration timeout, MigrateArgs args,
            String... keys) {
        return migrate(host, port, database, timeout, args, Arrays.asList(keys));
    }

    /**
     * Moves keys to another Redis server ({@code MIGRATE}), as
     * {@link #migrate(String, int, int, Duration, MigrateArgs, String...)}.
     *
     * @param host the target's host
     * @param port the target's port
     * @param database the target database
     * @param timeout the longest idle time of the transfer
     * @param args {@code COPY}, {@code REPLACE} and credentials; {@link MigrateArgs#NONE} for none
     * @param keys the keys, at least one
     * @return {@code true} when migrated; {@code false} when none of the keys exists ({@code NOKEY})
     * @throws IllegalArgumentException when {@code keys} is empty
     * @throws io.respkit.exceptions.RedisServerException {@code BUSYKEY} when a key exists on the target and
     *         {@code REPLACE} is not given; {@code IOERR} when the target cannot be reached in time
     */
    default boolean migrate(String host, int port, int database, Duration timeout, MigrateArgs args,
            Collection<String> keys) {
        return execute(KeyspaceDefs.migrate(codec(), host, port, database, timeout, args, keys));
    }
}
