package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

/**
 * The specs of the HyperLogLog commands, registered in the {@link CommandSpecs} catalog by its static block.
 * {@code PFDEBUG} and {@code PFSELFTEST} are not listed: they are for testing the server, not for clients.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class HyperLogLogSpecs {

    public static final CommandSpec PFADD = CommandSpecs.write("PFADD");
    /** A read for the server, although it may rewrite the key's internal representation (its cached cardinality). */
    public static final CommandSpec PFCOUNT = CommandSpecs.read("PFCOUNT");
    public static final CommandSpec PFMERGE = CommandSpecs.write("PFMERGE");

    private HyperLogLogSpecs() {
    }

    /** Initialises this class, registering its constants; called once from {@link CommandSpecs}' static block. */
    static void load() {
    }
}
