package io.respkit.commands;

import java.util.List;

/**
 * A function library, as {@code FUNCTION LIST} describes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the library's name
 * @param engine the engine that runs it, e.g. {@code "LUA"}
 * @param functions its functions
 * @param code its source, or {@code null} unless asked for ({@code WITHCODE})
 */
public record LibraryInfo(String name, String engine, List<FunctionInfo> functions, String code) {

    /**
     * Copies the functions into an unmodifiable list.
     *
     * @throws NullPointerException when the name, engine or functions are null
     */
    public LibraryInfo {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(engine, "engine");
        functions = List.copyOf(functions);
    }
}
