package io.respkit.commands;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client connection as {@code CLIENT LIST} and {@code CLIENT INFO} describe it: the fields most tools read, and
 * every field the server sent (newer servers add some) in {@link #fields()}. Immutable and thread-safe.
 *
 * @param id the connection's unique id
 * @param address the client's address, {@code ip:port}
 * @param localAddress the server-side address it connected to, {@code ip:port}
 * @param name the name it set with {@code CLIENT SETNAME}, empty when none
 * @param age how long it has been connected
 * @param idle how long since its last command
 * @param flags its flags, e.g. {@code N} (normal), {@code S} (replica), {@code P} (subscriber), {@code x} (in MULTI)
 * @param db its selected database
 * @param lastCommand its last command, e.g. {@code client|list}
 * @param user its authenticated user
 * @param fields every field, by name, as the server wrote it
 */
public record ClientInfo(long id, String address, String localAddress, String name, Duration age, Duration idle,
                         String flags, int db, String lastCommand, String user, Map<String, String> fields) {

    /**
     * Copies the fields.
     *
     * @throws NullPointerException when {@code fields} is null
     */
    public ClientInfo {
        fields = Map.copyOf(fields);
    }

    /**
     * Parses one line of {@code CLIENT LIST} ({@code id=7 addr=127.0.0.1:52555 ... cmd=client|list ...}).
     *
     * @param line the line, without its line break
     * @return the client
     * @throws IllegalArgumentException when a numeric field is not a number
     */
    public static ClientInfo parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.trim().split(" ")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        return new ClientInfo(number(fields, "id"), fields.getOrDefault("addr", ""),
                fields.getOrDefault("laddr", ""), fields.getOrDefault("name", ""),
                Duration.ofSeconds(number(fields, "age")), Duration.ofSeconds(number(fields, "idle")),
                fields.getOrDefault("flags", ""), (int) number(fields, "db"), fields.getOrDefault("cmd", ""),
                fields.getOrDefault("user", ""), fields);
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        try {
            return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CLIENT LIST field " + name + " is not a number: " + value, e);
        }
    }
}
