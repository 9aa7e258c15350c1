package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;
import io.respkit.commands.ResponsePolicy;

import static io.respkit.commands.RequestPolicy.ALL_SHARDS;
import static io.respkit.commands.ResponsePolicy.ALL_SUCCEEDED;
import static io.respkit.commands.ResponsePolicy.ONE_SUCCEEDED;

/**
 * The specs of the Redis 7 functions ({@code FUNCTION ...}, {@code FCALL}, {@code FCALL_RO}) and of the scripting
 * commands beyond the seed's ({@code EVAL_RO}, {@code EVALSHA_RO}, {@code SCRIPT KILL}), registered in
 * {@link CommandSpecs}' catalog when {@link #load()} runs, as the server's {@code COMMAND INFO} flags them, with the
 * cluster policies its tips state (the library's writes go to every master, all of which must succeed).
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class FunctionSpecs {

    public static final CommandSpec EVAL_RO = CommandSpecs.read("EVAL_RO");
    public static final CommandSpec EVALSHA_RO = CommandSpecs.read("EVALSHA_RO");
    public static final CommandSpec SCRIPT_KILL = CommandSpecs.add(CommandSpecs.b("SCRIPT KILL", ALL_SHARDS,
            ONE_SUCCEEDED));
    public static final CommandSpec FCALL = CommandSpecs.add(CommandSpecs.b("FCALL"));
    public static final CommandSpec FCALL_RO = CommandSpecs.read("FCALL_RO");
    public static final CommandSpec FUNCTION = CommandSpecs.add(CommandSpecs.b("FUNCTION").subcommands());
    public static final CommandSpec FUNCTION_LOAD = everyShard("FUNCTION LOAD");
    public static final CommandSpec FUNCTION_DELETE = everyShard("FUNCTION DELETE");
    public static final CommandSpec FUNCTION_FLUSH = everyShard("FUNCTION FLUSH");
    public static final CommandSpec FUNCTION_LIST = CommandSpecs.add(CommandSpecs.b("FUNCTION LIST"));
    public static final CommandSpec FUNCTION_DUMP = CommandSpecs.add(CommandSpecs.b("FUNCTION DUMP"));
    public static final CommandSpec FUNCTION_RESTORE = everyShard("FUNCTION RESTORE");
    public static final CommandSpec FUNCTION_STATS = CommandSpecs.add(CommandSpecs.b("FUNCTION STATS", ALL_SHARDS,
            ResponsePolicy.SPECIAL));
    public static final CommandSpec FUNCTION_KILL = CommandSpecs.add(CommandSpecs.b("FUNCTION KILL", ALL_SHARDS,
            ONE_SUCCEEDED));

    private FunctionSpecs() {
    }

    /** Initialises the class, registering its specs; called once from {@link CommandSpecs}' static block. */
    static void load() {
    }

    /** A write of the function library, which every master must apply for the cluster to agree on it. */
    private static CommandSpec everyShard(String name) {
        return CommandSpecs.add(CommandSpecs.b(name, ALL_SHARDS, ALL_SUCCEEDED).write());
    }
}
