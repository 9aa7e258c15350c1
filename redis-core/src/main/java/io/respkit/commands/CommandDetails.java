package io.respkit.commands;

import java.util.List;
import java.util.Set;

/**
 * A command's description as the server gives it ({@code COMMAND INFO}). Immutable and thread-safe.
 *
 * @param name the command's name, lower case ({@code container|sub} for a subcommand)
 * @param arity the argument count including the name when positive; the minimum count when negative
 * @param flags the flags, e.g. {@code readonly}, {@code write}, {@code blocking}, {@code fast}
 * @param firstKey the position of the first key (0 when none)
 * @param lastKey the position of the last key (negative: counted from the end)
 * @param step the distance between keys
 * @param aclCategories the ACL categories, e.g. {@code @read}, {@code @string}
 * @param subcommands the subcommands (Redis 7), empty when none
 */
public record CommandDetails(String name, int arity, Set<String> flags, int firstKey, int lastKey, int step,
                             Set<String> aclCategories, List<CommandDetails> subcommands) {

    /**
     * Copies the collections.
     *
     * @throws NullPointerException when a collection is null
     */
    public CommandDetails {
        flags = Set.copyOf(flags);
        aclCategories = Set.copyOf(aclCategories);
        subcommands = List.copyOf(subcommands);
    }
}
