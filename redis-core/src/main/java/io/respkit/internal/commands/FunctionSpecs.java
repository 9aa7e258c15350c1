package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

/**
 * The specs of the Redis 7 functions ({@code FUNCTION ...}, {@code FCALL}, {@code FCALL_RO}) and of the scripting
 * commands beyond the seed's ({@code EVAL_RO}, {@code EVALSHA_RO}, {@code SCRIPT KILL}), registered in
 * {@link CommandSpecs}' catalog when {@link #load()} runs, as the server's {@code COMMAND INFO} flags them.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class FunctionSpecs {

    public static final CommandSpec EVAL_RO = CommandSpecs.read("EVAL_RO");
    public static final CommandSpec EVALSHA_RO = CommandSpecs.read("EVALSHA_RO");
    public static final CommandSpec SCRIPT_KILL = CommandSpecs.add(CommandSpecs.b("SCRIPT KILL"));
    public static final CommandSpec FCALL = CommandSpecs.add(CommandSpecs.b("FCALL"));
    public static final CommandSpec FCALL_RO = CommandSpecs.read("FCALL_RO");
    public static final CommandSpec FUNCTION = CommandSpecs.add(CommandSpecs.b("FUNCTION").subcommands());
    public static final CommandSpec FUNCTION_LOAD = CommandSpecs.write("FUNCTION LOAD");
    public static final CommandSpec FUNCTION_DELETE = CommandSpecs.write("FUNCTION DELETE");
    public static final CommandSpec FUNCTION_FLUSH = CommandSpecs.write("FUNCTION FLUSH");
    public static final CommandSpec FUNCTION_LIST = CommandSpecs.add(CommandSpecs.b("FUNCTION LIST"));
    public static final CommandSpec FUNCTION_DUMP = CommandSpecs.add(CommandSpecs.b("FUNCTION DUMP"));
    public static final CommandSpec FUNCTION_RESTORE = CommandSpecs.write("FUNCTION RESTORE");
    public static final CommandSpec FUNCTION_STATS = CommandSpecs.add(CommandSpecs.b("FUNCTION STATS"));
    public static final CommandSpec FUNCTION_KILL = CommandSpecs.add(CommandSpecs.b("FUNCTION KILL"));

    private FunctionSpecs() {
    }

    /** Initialises the class, registering its specs; called once from {@link CommandSpecs}' static block. */
    static void load() {
    }
}
