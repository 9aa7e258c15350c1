package io.respkit.commands;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code FUNCTION STATS} reports: the function running now, if any, and per engine how many libraries and
 * functions are loaded.
 *
 * <p>Immutable and thread-safe.
 *
 * @param running the function running now, or {@code null} when none is
 * @param engines per engine name (e.g. {@code "LUA"}), its counts
 */
public record FunctionStats(Running running, Map<String, Engine> engines) {

    /**
     * Copies the engines into an unmodifiable map.
     *
     * @throws NullPointerException when the engines are null
     */
    public FunctionStats {
        engines = Map.copyOf(engines);
    }

    /**
     * A function running now.
     *
     * @param name the function's name
     * @param command the command that called it, e.g. {@code [FCALL, f, 0]}
     * @param duration how long it has been running
     */
    public record Running(String name, List<String> command, Duration duration) {

        /**
         * Copies the command into an unmodifiable list.
         *
         * @throws NullPointerException when an argument is null
         */
        public Running {
            command = List.copyOf(command);
        }
    }

    /**
     * An engine's counts.
     *
     * @param libraries how many libraries it has loaded
     * @param functions how many functions they register
     */
    public record Engine(long libraries, long functions) {
    }
}
