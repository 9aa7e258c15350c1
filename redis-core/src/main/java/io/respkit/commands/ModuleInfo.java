package io.respkit.commands;

import java.util.List;

/**
 * A loaded server module ({@code MODULE LIST}). Immutable and thread-safe.
 *
 * @param name the module's name
 * @param version its version number
 * @param path the file it was loaded from (Redis 7+, empty before)
 * @param arguments the arguments it was loaded with (Redis 7+, empty before)
 */
public record ModuleInfo(String name, long version, String path, List<String> arguments) {

    /**
     * Copies the arguments.
     *
     * @throws NullPointerException when {@code arguments} is null
     */
    public ModuleInfo {
        arguments = List.copyOf(arguments);
    }
}
