package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.CommandDetails;
import io.respkit.commands.CommandDoc;
import io.respkit.commands.KeyFlags;
import io.respkit.commands.LatencyEvent;
import io.respkit.commands.LatencySample;
import io.respkit.commands.ModuleInfo;
import io.respkit.commands.Role;
import io.respkit.commands.SlowLogEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Definitions of the server administration commands: configuration, slow log, memory and latency reports,
 * persistence, replication role, {@code COMMAND} introspection, {@code MODULE}, {@code WAIT}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AdminDefs {

    private AdminDefs() {
    }

    /** CONFIG RESETSTAT. */
    public static Command<Boolean> configResetStat(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CONFIG_RESETSTAT, Decoders.okOrNull());
    }

    /** CONFIG REWRITE. */
    public static Command<Boolean> configRewrite(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CONFIG_REWRITE, Decoders.okOrNull());
    }

    /** SLOWLOG GET [count]; {@code count} null for the server's default (10), negative for every entry. */
    public static Command<List<SlowLogEntry>> slowlogGet(RedisCodec<?> c, Integer count) {
        Command<List<SlowLogEntry>> cmd = Command.create(c, AdminSpecs.SLOWLOG_GET, AdminDecoders.SLOWLOG);
        return count == null ? cmd : cmd.arg(count < 0 ? -1L : count.longValue());
    }

    /** SLOWLOG LEN. */
    public static Command<Long> slowlogLen(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.SLOWLOG_LEN, Decoders.integer());
    }

    /** SLOWLOG RESET. */
    public static Command<Boolean> slowlogReset(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.SLOWLOG_RESET, Decoders.okOrNull());
    }

    /** MEMORY USAGE key [SAMPLES count]; {@code samples} negative for the server's default (5), 0 for all. */
    public static Command<Long> memoryUsage(RedisCodec<?> c, String key, int samples) {
        Command<Long> cmd = Command.create(c, AdminSpecs.MEMORY_USAGE, Decoders.nullableInteger()).key(key);
        return samples < 0 ? cmd : cmd.arg("SAMPLES").arg(samples);
    }

    /** MEMORY STATS. */
    public static Command<Map<String, Object>> memoryStats(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.MEMORY_STATS, AdminDecoders.FIELDS);
    }

    /** MEMORY DOCTOR. */
    public static Command<String> memoryDoctor(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.MEMORY_DOCTOR, Decoders.string());
    }

    /** MEMORY MALLOC-STATS. */
    public static Command<String> memoryMallocStats(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.MEMORY_MALLOC_STATS, Decoders.string());
    }

    /** MEMORY PURGE. */
    public static Command<Boolean> memoryPurge(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.MEMORY_PURGE, Decoders.okOrNull());
    }

    /** LATENCY LATEST. */
    public static Command<List<LatencyEvent>> latencyLatest(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.LATENCY_LATEST, AdminDecoders.LATENCY_LATEST);
    }

    /** LATENCY HISTORY event. */
    public static Command<List<LatencySample>> latencyHistory(RedisCodec<?> c, String event) {
        return Command.create(c, AdminSpecs.LATENCY_HISTORY, AdminDecoders.LATENCY_HISTORY)
                .arg(Objects.requireNonNull(event, "event"));
    }

    /** LATENCY RESET [event ...]. */
    public static Command<Long> latencyReset(RedisCodec<?> c, Collection<String> events) {
        Command<Long> cmd = Command.create(c, AdminSpecs.LATENCY_RESET, Decoders.integer());
        events.forEach(e -> cmd.arg(Objects.requireNonNull(e, "event")));
        return cmd;
    }

    /** LATENCY DOCTOR. */
    public static Command<String> latencyDoctor(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.LATENCY_DOCTOR, Decoders.string());
    }

    /** LATENCY GRAPH event. */
    public static Command<String> latencyGraph(RedisCodec<?> c, String event) {
        return Command.create(c, AdminSpecs.LATENCY_GRAPH, Decoders.string())
                .arg(Objects.requireNonNull(event, "event"));
    }

    /** LATENCY HISTOGRAM [command ...]: command to its {@code calls} and {@code histogram_usec}, as plain Java. */
    public static Command<Map<String, Object>> latencyHistogram(RedisCodec<?> c, Collection<String> commands) {
        Command<Map<String, Object>> cmd = Command.create(c, AdminSpecs.LATENCY_HISTOGRAM, AdminDecoders.FIELDS);
        commands.forEach(name -> cmd.arg(Objects.requireNonNull(name, "command")));
        return cmd;
    }

    /** ROLE. */
    public static Command<Role> role(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.ROLE, AdminDecoders.ROLE);
    }

    /** LASTSAVE. */
    public static Command<Instant> lastSave(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.LASTSAVE, AdminDecoders.EPOCH_SECONDS);
    }

    /** SAVE. */
    public static Command<Boolean> save(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.SAVE, Decoders.okOrNull());
    }

    /** BGSAVE [SCHEDULE]: the server's status text. */
    public static Command<String> bgSave(RedisCodec<?> c, boolean schedule) {
        Command<String> cmd = Command.create(c, AdminSpecs.BGSAVE, Decoders.string());
        return schedule ? cmd.arg("SCHEDULE") : cmd;
    }

    /** BGREWRITEAOF: the server's status text. */
    public static Command<String> bgRewriteAof(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.BGREWRITEAOF, Decoders.string());
    }

    /** SWAPDB index1 index2. */
    public static Command<Boolean> swapDb(RedisCodec<?> c, int first, int second) {
        return Command.create(c, CommandSpecs.SWAPDB, Decoders.okOrNull()).arg(first).arg(second);
    }

    /** REPLICAOF host port. */
    public static Command<Boolean> replicaOf(RedisCodec<?> c, String host, int port) {
        return Command.create(c, AdminSpecs.REPLICAOF, Decoders.okOrNull()).arg(Objects.requireNonNull(host, "host"))
                .arg(port);
    }

    /** REPLICAOF NO ONE. */
    public static Command<Boolean> replicaOfNoOne(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.REPLICAOF, Decoders.okOrNull()).arg("NO").arg("ONE");
    }

    /** FAILOVER [TO host port [FORCE]] [TIMEOUT ms]; {@code host} null for any replica, {@code timeout} null for none. */
    public static Command<Boolean> failover(RedisCodec<?> c, String host, int port, boolean force, Duration timeout) {
        if (force && (host == null || timeout == null)) {
            throw new IllegalArgumentException("FAILOVER FORCE needs a target replica and a timeout");
        }
        Command<Boolean> cmd = Command.create(c, AdminSpecs.FAILOVER, Decoders.okOrNull());
        if (host != null) {
            cmd.arg("TO").arg(host).arg(port);
            if (force) {
                cmd.arg("FORCE");
            }
        }
        return timeout == null ? cmd : cmd.arg("TIMEOUT").arg(timeout.toMillis());
    }

    /** FAILOVER ABORT. */
    public static Command<Boolean> failoverAbort(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.FAILOVER, Decoders.okOrNull()).arg("ABORT");
    }

    /** COMMAND COUNT. */
    public static Command<Long> commandCount(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.COMMAND_COUNT, Decoders.integer());
    }

    /** COMMAND LIST [FILTERBY MODULE|ACLCAT|PATTERN value]; {@code filter} null for none. */
    public static Command<List<String>> commandList(RedisCodec<?> c, String filter, String value) {
        Command<List<String>> cmd = Command.create(c, AdminSpecs.COMMAND_LIST, AdminDecoders.STRINGS);
        return filter == null ? cmd : cmd.arg("FILTERBY").arg(filter).arg(Objects.requireNonNull(value, "value"));
    }

    /** COMMAND DOCS [command ...]. */
    public static Command<Map<String, CommandDoc>> commandDocs(RedisCodec<?> c, Collection<String> commands) {
        Command<Map<String, CommandDoc>> cmd = Command.create(c, AdminSpecs.COMMAND_DOCS, AdminDecoders.COMMAND_DOCS);
        commands.forEach(name -> cmd.arg(Objects.requireNonNull(name, "command")));
        return cmd;
    }

    /** COMMAND INFO [command ...]: unknown names are left out. */
    public static Command<List<CommandDetails>> commandInfo(RedisCodec<?> c, Collection<String> commands) {
        Command<List<CommandDetails>> cmd = Command.create(c, AdminSpecs.COMMAND_INFO, AdminDecoders.COMMAND_INFO);
        commands.forEach(name -> cmd.arg(Objects.requireNonNull(name, "command")));
        return cmd;
    }

    /** COMMAND GETKEYS command [arg ...]. */
    public static Command<List<String>> commandGetKeys(RedisCodec<?> c, List<String> command) {
        return words(Command.create(c, AdminSpecs.COMMAND_GETKEYS, AdminDecoders.STRINGS), command);
    }

    /** COMMAND GETKEYSANDFLAGS command [arg ...]. */
    public static Command<List<KeyFlags>> commandGetKeysAndFlags(RedisCodec<?> c, List<String> command) {
        return words(Command.create(c, AdminSpecs.COMMAND_GETKEYSANDFLAGS, AdminDecoders.KEYS_AND_FLAGS), command);
    }

    /** MODULE LIST. */
    public static Command<List<ModuleInfo>> moduleList(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.MODULE_LIST, AdminDecoders.MODULES);
    }

    /** MODULE LOAD path [arg ...]. */
    public static Command<Boolean> moduleLoad(RedisCodec<?> c, String path, List<String> args) {
        Command<Boolean> cmd = Command.create(c, AdminSpecs.MODULE_LOAD, Decoders.okOrNull())
                .arg(Objects.requireNonNull(path, "path"));
        args.forEach(a -> cmd.arg(Objects.requireNonNull(a, "argument")));
        return cmd;
    }

    /** MODULE LOADEX path [CONFIG name value ...] [ARGS arg ...]. */
    public static Command<Boolean> moduleLoadEx(RedisCodec<?> c, String path, Map<String, String> configs,
            List<String> args) {
        Command<Boolean> cmd = Command.create(c, AdminSpecs.MODULE_LOADEX, Decoders.okOrNull())
                .arg(Objects.requireNonNull(path, "path"));
        configs.forEach((name, value) -> cmd.arg("CONFIG").arg(Objects.requireNonNull(name, "config"))
                .arg(Objects.requireNonNull(value, "value")));
        if (!args.isEmpty()) {
            cmd.arg("ARGS");
            args.forEach(a -> cmd.arg(Objects.requireNonNull(a, "argument")));
        }
        return cmd;
    }

    /** MODULE UNLOAD name. */
    public static Command<Boolean> moduleUnload(RedisCodec<?> c, String name) {
        return Command.create(c, AdminSpecs.MODULE_UNLOAD, Decoders.okOrNull())
                .arg(Objects.requireNonNull(name, "name"));
    }

    private static <T> Command<T> words(Command<T> cmd, List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command name is needed");
        }
        command.forEach(word -> cmd.arg(Objects.requireNonNull(word, "argument")));
        return cmd;
    }
}
