package io.respkit.internal.cluster;

import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisServerException;

/**
 * A cluster redirection read from a {@code MOVED} or {@code ASK} error: the slot and the node to ask instead.
 *
 * <p>Immutable and thread-safe.
 *
 * @param moved {@code true} for {@code MOVED} (the slot's owner changed for good), {@code false} for {@code ASK}
 *              (this one command, during a migration)
 * @param slot the key's slot
 * @param target the node to send the command to
 */
public record Redirect(boolean moved, int slot, HostAndPort target) {

    /**
     * Reads a redirection from a server error.
     *
     * @param error the error
     * @param answeredBy the node that sent it: an empty or {@code ?} host in the error means its host
     * @return the redirection, or {@code null} when the error is not a well-formed {@code MOVED} or {@code ASK}
     */
    static Redirect of(RedisServerException error, HostAndPort answeredBy) {
        String code = error.code();
        boolean moved = "MOVED".equals(code);
        if (!moved && !"ASK".equals(code)) {
            return null;
        }
        // "MOVED 3999 127.0.0.1:6381"; the message may or may not still carry the code
        String[] words = error.serverMessage().trim().split(" ");
        if (words.length < 2) {
            return null;
        }
        String endpoint = words[words.length - 1];
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            int slot = Integer.parseInt(words[words.length - 2]);
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            String host = endpoint.substring(0, colon);
            if (host.isEmpty() || host.equals("?")) {
                host = answeredBy.host();
            } else if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (slot < 0 || slot >= SlotHash.SLOTS) {
                return null;
            }
            return new Redirect(moved, slot, new HostAndPort(host, port));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
