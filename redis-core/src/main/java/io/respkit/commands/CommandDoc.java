package io.respkit.commands;

import java.util.Map;

/**
 * A command's documentation as the server gives it ({@code COMMAND DOCS}). Immutable and thread-safe.
 *
 * @param name the command's name, lower case ({@code container|sub} for a subcommand)
 * @param summary the one-line summary
 * @param since the version that introduced it, e.g. {@code "1.0.0"}
 * @param group the group, e.g. {@code string}, {@code server}
 * @param complexity the time complexity, empty when the server gives none
 * @param details every field the server sent (arguments, history, subcommands, doc flags, ...), decoded as text,
 *        numbers, lists and maps
 */
public record CommandDoc(String name, String summary, String since, String group, String complexity,
                         Map<String, Object> details) {

    /**
     * Copies the details.
     *
     * @throws NullPointerException when {@code details} is null
     */
    public CommandDoc {
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
