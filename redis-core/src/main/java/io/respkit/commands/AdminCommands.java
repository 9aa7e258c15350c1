package io.respkit.commands;

import io.respkit.internal.commands.AdminDefs;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Synchronous server administration commands: configuration ({@code CONFIG RESETSTAT}/{@code REWRITE}), the slow
 * log, memory and latency reports, persistence ({@code SAVE}, {@code BGSAVE}, {@code LASTSAVE},
 * {@code BGREWRITEAOF}), replication ({@code ROLE}, {@code REPLICAOF}, {@code FAILOVER}; {@code WAIT} is in {@link KeyspaceCommands}),
 * {@code SWAPDB}, and {@code COMMAND}/{@code MODULE} introspection. Each method is defined once in
 * {@code io.respkit.internal.commands.AdminDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} when the server refuses (for example
 * {@code NOPERM} for a user without {@code @admin}), and {@link io.respkit.exceptions.RedisConnectionException} when
 * the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Server administration commands")
public interface AdminCommands<V> extends BaseCommands<V> {

    /**
     * Resets the statistics {@code INFO} reports ({@code CONFIG RESETSTAT}).
     *
     * @return {@code true}
     */
    default boolean configResetStat() {
        return execute(AdminDefs.configResetStat(codec()));
    }

    /**
     * Writes the running configuration to the server's configuration file ({@code CONFIG REWRITE}).
     *
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the server was started without a configuration file
     */
    default boolean configRewrite() {
        return execute(AdminDefs.configRewrite(codec()));
    }

    /**
     * Returns the latest 10 entries of the slow log ({@code SLOWLOG GET}).
     *
     * @return the entries, newest first
     */
    default List<SlowLogEntry> slowlogGet() {
        return execute(AdminDefs.slowlogGet(codec(), null));
    }

    /**
     * Returns the latest entries of the slow log ({@code SLOWLOG GET count}).
     *
     * @param count how many; negative for all (0 returns none)
     * @return the entries, newest first
     */
    default List<SlowLogEntry> slowlogGet(int count) {
        return execute(AdminDefs.slowlogGet(codec(), count));
    }

    /**
     * Counts the entries of the slow log ({@code SLOWLOG LEN}).
     *
     * @return the count
     */
    default long slowlogLen() {
        return execute(AdminDefs.slowlogLen(codec()));
    }

    /**
     * Empties the slow log ({@code SLOWLOG RESET}).
     *
     * @return {@code true}
     */
    default boolean slowlogReset() {
        return execute(AdminDefs.slowlogReset(codec()));
    }

    /**
     * Estimates the memory a key and its value use ({@code MEMORY USAGE key}), sampling 5 elements of aggregates.
     *
     * @param key the key
     * @return the bytes, or {@code null} when the key does not exist
     */
    default Long memoryUsage(String key) {
        return execute(AdminDefs.memoryUsage(codec(), key, -1));
    }

    /**
     * Estimates the memory a key and its value use ({@code MEMORY USAGE key SAMPLES count}).
     *
     * @param key the key
     * @param samples how many elements of an aggregate to sample; 0 for all of them
     * @return the bytes, or {@code null} when the key does not exist
     */
    default Long memoryUsage(String key, int samples) {
        return execute(AdminDefs.memoryUsage(codec(), key, Math.max(0, samples)));
    }

    /**
     * Reports the server's memory use ({@code MEMORY STATS}).
     *
     * @return the fields, e.g. {@code peak.allocated}, {@code total.allocated}, {@code dataset.bytes}, with numbers
     *         as {@code Long}/{@code Double} (RESP3) or text (RESP2), and {@code db.N} as nested maps or lists
     */
    default Map<String, Object> memoryStats() {
        return execute(AdminDefs.memoryStats(codec()));
    }

    /**
     * Describes memory problems the server sees, in prose ({@code MEMORY DOCTOR}).
     *
     * @return the report
     */
    default String memoryDoctor() {
        return execute(AdminDefs.memoryDoctor(codec()));
    }

    /**
     * Returns the allocator's statistics, as text ({@code MEMORY MALLOC-STATS}).
     *
     * @return the report
     */
    default String memoryMallocStats() {
        return execute(AdminDefs.memoryMallocStats(codec()));
    }

    /**
     * Asks the allocator to release unused memory ({@code MEMORY PURGE}).
     *
     * @return {@code true}
     */
    default boolean memoryPurge() {
        return execute(AdminDefs.memoryPurge(codec()));
    }

    /**
     * Returns the latest and worst latency spike of each monitored event ({@code LATENCY LATEST}); empty unless
     * {@code latency-monitor-threshold} is set and a spike happened.
     *
     * @return the events
     */
    default List<LatencyEvent> latencyLatest() {
        return execute(AdminDefs.latencyLatest(codec()));
    }

    /**
     * Returns the latency spikes of an event ({@code LATENCY HISTORY event}).
     *
     * @param event the event, e.g. {@code "command"}
     * @return the spikes, oldest first (at most 160)
     */
    default List<LatencySample> latencyHistory(String event) {
        return execute(AdminDefs.latencyHistory(codec(), event));
    }

    /**
     * Forgets the latency spikes of events ({@code LATENCY RESET [event ...]}).
     *
     * @param events the events; none for all
     * @return how many event histories were reset
     */
    default long latencyReset(String... events) {
        return execute(AdminDefs.latencyReset(codec(), Arrays.asList(events)));
    }

    /**
     * Describes latency problems the server sees, in prose ({@code LATENCY DOCTOR}).
     *
     * @return the report
     */
    default String latencyDoctor() {
        return execute(AdminDefs.latencyDoctor(codec()));
    }

    /**
     * Draws an event's latency spikes as ASCII art ({@code LATENCY GRAPH event}).
     *
     * @param event the event
     * @return the graph
     * @throws io.respkit.exceptions.RedisServerException when the event has no samples
     */
    default String latencyGraph(String event) {
        return execute(AdminDefs.latencyGraph(codec(), event));
    }

    /**
     * Returns per-command latency histograms ({@code LATENCY HISTOGRAM [command ...]}, Redis 7.0+).
     *
     * @param commands the commands; none for every command that ran
     * @return command name to its {@code calls} and {@code histogram_usec} (bucket upper bound to count), as maps
     *         (RESP3) or name/value lists (RESP2)
     */
    default Map<String, Object> latencyHistogram(String... commands) {
        return execute(AdminDefs.latencyHistogram(codec(), Arrays.asList(commands)));
    }

    /**
     * Returns the server's replication role ({@code ROLE}).
     *
     * @return a {@link Role.Primary}, {@link Role.Replica} or {@link Role.Sentinel}
     */
    default Role role() {
        return execute(AdminDefs.role(codec()));
    }

    /**
     * Returns when the last successful save to disk happened ({@code LASTSAVE}).
     *
     * @return the time, second precision (server start when it never saved)
     */
    default Instant lastSave() {
        return execute(AdminDefs.lastSave(codec()));
    }

    /**
     * Saves the dataset to disk, blocking the server meanwhile ({@code SAVE}); prefer {@link #bgSave()}.
     *
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when a background save is in progress or saving failed
     */
    default boolean save() {
        return execute(AdminDefs.save(codec()));
    }

    /**
     * Saves the dataset to disk in a background process ({@code BGSAVE}).
     *
     * @return the server's status, e.g. {@code "Background saving started"}
     * @throws io.respkit.exceptions.RedisServerException when a save or AOF rewrite is already running
     */
    default String bgSave() {
        return execute(AdminDefs.bgSave(codec(), false));
    }

    /**
     * Saves in the background now, or as soon as a running AOF rewrite ends ({@code BGSAVE SCHEDULE}).
     *
     * @return the server's status, e.g. {@code "Background saving scheduled"}
     */
    default String bgSaveSchedule() {
        return execute(AdminDefs.bgSave(codec(), true));
    }

    /**
     * Rewrites the append-only file in a background process ({@code BGREWRITEAOF}).
     *
     * @return the server's status, e.g. {@code "Background append only file rewriting started"}
     */
    default String bgRewriteAof() {
        return execute(AdminDefs.bgRewriteAof(codec()));
    }

    /**
     * Swaps two databases, for every connection ({@code SWAPDB}).
     *
     * @param first a database index
     * @param second another database index
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException for an index out of range
     */
    default boolean swapDb(int first, int second) {
        return execute(AdminDefs.swapDb(codec(), first, second));
    }

    /**
     * Makes the server a replica of another ({@code REPLICAOF host port}): it drops its dataset for the primary's.
     *
     * @param host the primary's host
     * @param port the primary's port
     * @return {@code true}
     */
    default boolean replicaOf(String host, int port) {
        return execute(AdminDefs.replicaOf(codec(), host, port));
    }

    /**
     * Makes a replica a primary, keeping its dataset ({@code REPLICAOF NO ONE}); harmless on a primary.
     *
     * @return {@code true}
     */
    default boolean replicaOfNoOne() {
        return execute(AdminDefs.replicaOfNoOne(codec()));
    }

    /**
     * Starts a coordinated failover to one of the primary's replicas ({@code FAILOVER}).
     *
     * @return {@code true} once started; follow it with {@link #role()} or {@code INFO replication}
     * @throws io.respkit.exceptions.RedisServerException when the server is not a primary with connected replicas
     */
    default boolean failover() {
        return execute(AdminDefs.failover(codec(), null, 0, false, null));
    }

    /**
     * Starts a coordinated failover to the given replica ({@code FAILOVER TO host port [FORCE] TIMEOUT ms}).
     *
     * @param host the replica's host
     * @param port the replica's port
     * @param force whether to fail over even when the replica has not caught up when the timeout expires
     * @param timeout how long to wait for the replica to catch up
     * @return {@code true} once started
     * @throws io.respkit.exceptions.RedisServerException when the server is not a primary, or the replica unknown
     */
    default boolean failover(String host, int port, boolean force, Duration timeout) {
        return execute(AdminDefs.failover(codec(), host, port, force, timeout));
    }

    /**
     * Aborts a failover in progress ({@code FAILOVER ABORT}).
     *
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when no failover is in progress
     */
    default boolean failoverAbort() {
        return execute(AdminDefs.failoverAbort(codec()));
    }

    /**
     * Counts the server's commands ({@code COMMAND COUNT}).
     *
     * @return the count of top-level commands
     */
    default long commandCount() {
        return execute(AdminDefs.commandCount(codec()));
    }

    /**
     * Lists the server's command names ({@code COMMAND LIST}, Redis 7.0+).
     *
     * @return the names, lower case
     */
    default List<String> commandList() {
        return execute(AdminDefs.commandList(codec(), null, null));
    }

    /**
     * Lists the server's command names that match a filter ({@code COMMAND LIST FILTERBY kind value}).
     *
     * @param kind {@code "MODULE"} (a module's name), {@code "ACLCAT"} (an ACL category) or {@code "PATTERN"} (a
     *        glob)
     * @param value the module, category or pattern
     * @return the names, lower case
     */
    default List<String> commandList(String kind, String value) {
        return execute(AdminDefs.commandList(codec(), kind, value));
    }

    /**
     * Returns the documentation of commands ({@code COMMAND DOCS [name ...]}, Redis 7.0+).
     *
     * @param names the commands; none for all
     * @return command name to its documentation
     */
    default Map<String, CommandDoc> commandDocs(String... names) {
        return execute(AdminDefs.commandDocs(codec(), Arrays.asList(names)));
    }

    /**
     * Describes commands ({@code COMMAND INFO [name ...]}); with no names, every command.
     *
     * @param names the commands, e.g. {@code "get"} or {@code "client|kill"}
     * @return the descriptions, unknown names left out
     */
    default List<CommandDetails> commandInfo(String... names) {
        return execute(AdminDefs.commandInfo(codec(), Arrays.asList(names)));
    }

    /**
     * Asks the server which arguments of a command are keys ({@code COMMAND GETKEYS}).
     *
     * @param command the command name and its arguments
     * @return the keys, in order
     * @throws IllegalArgumentException when no command is given
     * @throws io.respkit.exceptions.RedisServerException for an unknown command, a wrong argument count, or a
     *         command without keys
     */
    default List<String> commandGetKeys(String... command) {
        return execute(AdminDefs.commandGetKeys(codec(), Arrays.asList(command)));
    }

    /**
     * Asks the server which arguments of a command are keys and how it accesses them
     * ({@code COMMAND GETKEYSANDFLAGS}, Redis 7.0+).
     *
     * @param command the command name and its arguments
     * @return the keys with their flags, in order
     * @throws IllegalArgumentException when no command is given
     * @throws io.respkit.exceptions.RedisServerException for an unknown command or a wrong argument count
     */
    default List<KeyFlags> commandGetKeysAndFlags(String... command) {
        return execute(AdminDefs.commandGetKeysAndFlags(codec(), Arrays.asList(command)));
    }

    /**
     * Lists the loaded modules ({@code MODULE LIST}).
     *
     * @return the modules; empty when none
     */
    default List<ModuleInfo> moduleList() {
        return execute(AdminDefs.moduleList(codec()));
    }

    /**
     * Loads a module from a shared library on the server's machine ({@code MODULE LOAD path [arg ...]}).
     *
     * @param path the library's path, as the server sees it
     * @param args the module's arguments
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the library cannot be loaded, or the server refuses
     *         module commands ({@code enable-module-command no}, the default from Redis 7.0 for remote clients)
     */
    default boolean moduleLoad(String path, String... args) {
        return execute(AdminDefs.moduleLoad(codec(), path, Arrays.asList(args)));
    }

    /**
     * Loads a module with configuration values ({@code MODULE LOADEX path [CONFIG name value ...] [ARGS arg ...]},
     * Redis 7.0+).
     *
     * @param path the library's path, as the server sees it
     * @param configs the module's configuration values, by name
     * @param args the module's arguments
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the library cannot be loaded or a value is refused
     */
    default boolean moduleLoadEx(String path, Map<String, String> configs, List<String> args) {
        return execute(AdminDefs.moduleLoadEx(codec(), path, configs, args));
    }

    /**
     * Unloads a module ({@code MODULE UNLOAD name}).
     *
     * @param name the module's name, as {@link #moduleList()} shows it
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when no such module is loaded, or it cannot be unloaded
     */
    default boolean moduleUnload(String name) {
        return execute(AdminDefs.moduleUnload(codec(), name));
    }
}
