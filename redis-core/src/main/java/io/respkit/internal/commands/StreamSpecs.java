package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

import static io.respkit.internal.commands.CommandSpecs.add;
import static io.respkit.internal.commands.CommandSpecs.b;
import static io.respkit.internal.commands.CommandSpecs.read;
import static io.respkit.internal.commands.CommandSpecs.write;

/**
 * The stream commands' specs, registered in {@link CommandSpecs}' catalog ({@code XREAD} and {@code XREADGROUP},
 * blocking, live in the catalog itself with the other blocking commands). Flags as the server's
 * {@code COMMAND INFO} gives them.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class StreamSpecs {

    public static final CommandSpec XADD = write("XADD");
    public static final CommandSpec XTRIM = write("XTRIM");
    public static final CommandSpec XLEN = read("XLEN");
    public static final CommandSpec XDEL = write("XDEL");
    public static final CommandSpec XRANGE = read("XRANGE");
    public static final CommandSpec XREVRANGE = read("XREVRANGE");
    public static final CommandSpec XSETID = write("XSETID");
    public static final CommandSpec XACK = write("XACK");
    public static final CommandSpec XPENDING = read("XPENDING");
    public static final CommandSpec XCLAIM = write("XCLAIM");
    public static final CommandSpec XAUTOCLAIM = write("XAUTOCLAIM");
    public static final CommandSpec XGROUP = add(b("XGROUP").subcommands());
    public static final CommandSpec XGROUP_CREATE = write("XGROUP CREATE");
    public static final CommandSpec XGROUP_SETID = write("XGROUP SETID");
    public static final CommandSpec XGROUP_DESTROY = write("XGROUP DESTROY");
    public static final CommandSpec XGROUP_CREATECONSUMER = write("XGROUP CREATECONSUMER");
    public static final CommandSpec XGROUP_DELCONSUMER = write("XGROUP DELCONSUMER");
    public static final CommandSpec XINFO = add(b("XINFO").subcommands());
    public static final CommandSpec XINFO_STREAM = read("XINFO STREAM");
    public static final CommandSpec XINFO_GROUPS = read("XINFO GROUPS");
    public static final CommandSpec XINFO_CONSUMERS = read("XINFO CONSUMERS");

    private StreamSpecs() {
    }

    /** Initialises this class, registering its constants; called from {@link CommandSpecs}' static block. */
    static void load() {
    }
}
