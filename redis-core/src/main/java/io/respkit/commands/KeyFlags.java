package io.respkit.commands;

import java.util.Set;

/**
 * A key of a command with the flags of its access ({@code COMMAND GETKEYSANDFLAGS}). Immutable and thread-safe.
 *
 * @param key the key
 * @param flags e.g. {@code RW}, {@code RO}, {@code OW}, {@code access}, {@code update}, {@code insert}
 */
public record KeyFlags(String key, Set<String> flags) {

    /**
     * Copies the flags.
     *
     * @throws NullPointerException when {@code flags} is null
     */
    public KeyFlags {
        flags = Set.copyOf(flags);
    }
}
