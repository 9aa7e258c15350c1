package io.respkit.connection;

import java.util.Locale;

/**
 * How a client runs ordinary commands (those that neither block nor change connection state): on pooled
 * connections, on one shared auto-pipelined connection, or on whichever suits the moment. Blocking commands,
 * transactions, {@code WATCH}, {@code SELECT}, pipelines and pub/sub always use dedicated connections.
 *
 * <p>Immutable and thread-safe.
 */
public enum ConnectionMode {

    /**
     * Each command borrows a pooled connection for its round trip. A command waits only for its own reply, and a
     * connection failure costs only the command on it; throughput under many threads is bounded by one round trip
     * per connection.
     */
    POOLED,

    /**
     * Every thread's commands share one connection, coalesced into single socket writes and reads: the fastest
     * under many threads, and the pool stays small. A large reply delays the replies behind it, and a failure of
     * the shared connection fails every command in flight on it.
     */
    MULTIPLEXED,

    /**
     * The default: a command issued while no other command of the client is in flight runs on a pooled
     * connection (a lone caller waits only for its own reply), one issued while others are in flight shares the
     * multiplexed connection. The shared connection opens when commands first overlap.
     */
    ADAPTIVE;

    /**
     * Parses a mode's name, in any case, as in a URL or a property.
     *
     * @param text {@code pooled}, {@code multiplexed} or {@code adaptive}
     * @return the mode
     * @throws IllegalArgumentException when the text names none
     */
    public static ConnectionMode parse(String text) {
        String upper = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (ConnectionMode mode : values()) {
            if (mode.name().equals(upper)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("connection mode must be pooled, multiplexed or adaptive, was '"
                + text + "'");
    }
}
