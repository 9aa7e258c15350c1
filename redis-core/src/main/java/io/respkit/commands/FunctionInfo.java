package io.respkit.commands;

import java.util.Set;

/**
 * One function of a library, as {@code FUNCTION LIST} describes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the function's name, what {@code FCALL} takes
 * @param description its description, or {@code null} when it registered none
 * @param flags its flags, e.g. {@code no-writes}, {@code allow-oom}; empty for none
 */
public record FunctionInfo(String name, String description, Set<String> flags) {

    /**
     * Copies the flags into an unmodifiable set.
     *
     * @throws NullPointerException when the name or the flags are null
     */
    public FunctionInfo {
        java.util.Objects.requireNonNull(name, "name");
        flags = Set.copyOf(flags);
    }
}
