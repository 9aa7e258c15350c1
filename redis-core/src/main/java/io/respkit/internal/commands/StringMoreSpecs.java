package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

/**
 * The specs of the string commands added after the first catalog ({@code LCS}, and {@code SUBSTR}, the deprecated
 * alias of {@code GETRANGE}), registered in the {@link CommandSpecs} catalog by its static block.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class StringMoreSpecs {

    public static final CommandSpec LCS = CommandSpecs.read("LCS");
    public static final CommandSpec SUBSTR = CommandSpecs.read("SUBSTR");

    private StringMoreSpecs() {
    }

    /** Initialises this class, registering its constants; called once from {@link CommandSpecs}' static block. */
    static void load() {
    }
}
