package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

/**
 * The specs of the geo commands, registered in the {@link CommandSpecs} catalog by its static block. The deprecated
 * {@code GEORADIUS} and {@code GEORADIUSBYMEMBER} are writes for the server (they may {@code STORE}); their
 * {@code _RO} variants are reads.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class GeoSpecs {

    public static final CommandSpec GEOADD = CommandSpecs.write("GEOADD");
    public static final CommandSpec GEODIST = CommandSpecs.read("GEODIST");
    public static final CommandSpec GEOHASH = CommandSpecs.read("GEOHASH");
    public static final CommandSpec GEOPOS = CommandSpecs.read("GEOPOS");
    public static final CommandSpec GEOSEARCH = CommandSpecs.read("GEOSEARCH");
    public static final CommandSpec GEOSEARCHSTORE = CommandSpecs.write("GEOSEARCHSTORE");
    public static final CommandSpec GEORADIUS = CommandSpecs.write("GEORADIUS");
    public static final CommandSpec GEORADIUSBYMEMBER = CommandSpecs.write("GEORADIUSBYMEMBER");
    public static final CommandSpec GEORADIUS_RO = CommandSpecs.read("GEORADIUS_RO");
    public static final CommandSpec GEORADIUSBYMEMBER_RO = CommandSpecs.read("GEORADIUSBYMEMBER_RO");

    private GeoSpecs() {
    }

    /** Initialises this class, registering its constants; called once from {@link CommandSpecs}' static block. */
    static void load() {
    }
}
