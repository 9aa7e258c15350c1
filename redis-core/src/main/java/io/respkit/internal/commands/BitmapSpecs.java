package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

/**
 * The specs of the bitmap commands, registered in the {@link CommandSpecs} catalog by its static block.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class BitmapSpecs {

    public static final CommandSpec SETBIT = CommandSpecs.write("SETBIT");
    public static final CommandSpec GETBIT = CommandSpecs.read("GETBIT");
    public static final CommandSpec BITCOUNT = CommandSpecs.read("BITCOUNT");
    public static final CommandSpec BITPOS = CommandSpecs.read("BITPOS");
    public static final CommandSpec BITOP = CommandSpecs.write("BITOP");
    public static final CommandSpec BITFIELD = CommandSpecs.write("BITFIELD");
    public static final CommandSpec BITFIELD_RO = CommandSpecs.read("BITFIELD_RO");

    private BitmapSpecs() {
    }

    /** Initialises this class, registering its constants; called once from {@link CommandSpecs}' static block. */
    static void load() {
    }
}
