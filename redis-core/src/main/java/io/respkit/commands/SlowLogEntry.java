package io.respkit.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the slow log ({@code SLOWLOG GET}). Immutable and thread-safe.
 *
 * @param id the entry's unique, increasing id
 * @param time when the command ran (second precision)
 * @param duration how long it ran (microsecond precision)
 * @param arguments the command and its arguments, as the server logged them (long ones shortened, at most 32)
 * @param clientAddress the client's {@code ip:port}
 * @param clientName the client's name, empty when none
 */
public record SlowLogEntry(long id, Instant time, Duration duration, List<String> arguments, String clientAddress,
                           String clientName) {

    /**
     * Copies the arguments.
     *
     * @throws NullPointerException when {@code arguments} is null
     */
    public SlowLogEntry {
        arguments = List.copyOf(arguments);
    }
}
