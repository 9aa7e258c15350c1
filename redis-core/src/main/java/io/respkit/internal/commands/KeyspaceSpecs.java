package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

import static io.respkit.commands.RequestPolicy.MULTI_SHARD;
import static io.respkit.commands.ResponsePolicy.AGG_SUM;

/**
 * The specs of the keyspace commands beyond the seed's (copying, moving, serialising, sorting, introspecting keys),
 * registered in {@link CommandSpecs}' catalog when {@link #load()} runs, as the server's {@code COMMAND INFO} flags
 * them. {@code WAIT} is in the catalog itself.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class KeyspaceSpecs {

    public static final CommandSpec COPY = CommandSpecs.write("COPY");
    public static final CommandSpec DUMP = CommandSpecs.read("DUMP");
    public static final CommandSpec EXPIRETIME = CommandSpecs.read("EXPIRETIME");
    public static final CommandSpec PEXPIRETIME = CommandSpecs.read("PEXPIRETIME");
    public static final CommandSpec MOVE = CommandSpecs.write("MOVE");
    public static final CommandSpec RESTORE = CommandSpecs.write("RESTORE");
    public static final CommandSpec SORT = CommandSpecs.write("SORT");
    public static final CommandSpec SORT_RO = CommandSpecs.read("SORT_RO");
    public static final CommandSpec TOUCH = CommandSpecs.add(CommandSpecs.b("TOUCH", MULTI_SHARD, AGG_SUM).readOnly());
    public static final CommandSpec OBJECT = CommandSpecs.add(CommandSpecs.b("OBJECT").subcommands());
    public static final CommandSpec OBJECT_ENCODING = CommandSpecs.read("OBJECT ENCODING");
    public static final CommandSpec OBJECT_FREQ = CommandSpecs.read("OBJECT FREQ");
    public static final CommandSpec OBJECT_IDLETIME = CommandSpecs.read("OBJECT IDLETIME");
    public static final CommandSpec OBJECT_REFCOUNT = CommandSpecs.read("OBJECT REFCOUNT");

    private KeyspaceSpecs() {
    }

    /** Initialises the class, registering its specs; called once from {@link CommandSpecs}' static block. */
    static void load() {
    }
}
