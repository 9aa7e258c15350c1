package io.respkit.internal.connection;

import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;

import io.respkit.internal.Errors;
import io.respkit.protocol.ErrorReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handshake's one rule for a configured client name that cannot be set: forbidden to the user
 * ({@code NOPERM}), or {@code CLIENT} unknown because it was renamed away or disabled in the server's configuration
 * (or a proxy lacks it). Either way, on the RESP3 path ({@code HELLO ... SETNAME}) and the RESP2 path
 * ({@code CLIENT SETNAME}) alike, the connection opens without the name and a warning is logged once per server,
 * user and name: a name is a label for operators, not worth failing every connect over.
 *
 * <p>Stateless and thread-safe.
 */
final class ClientNameFallback {

    private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);

    private ClientNameFallback() {
    }

    /**
     * Returns whether an error to a handshake step that carried the client name means the name cannot be set there.
     * {@code HELLO} itself unknown ({@code 'HELLO'}, or {@code `HELLO`} before Redis 6.2) is not about the name:
     * the handshake falls back to RESP2 then.
     *
     * @param error the server's error, scrubbed
     * @param hello whether the step was {@code HELLO} (else {@code CLIENT SETNAME})
     * @return {@code true} for NOPERM, an unknown {@code CLIENT} or an unknown subcommand
     */
    static boolean unsettable(ErrorReply error, boolean hello) {
        String m = error.message();
        return "NOPERM".equals(error.code()) || m.startsWith("ERR unknown subcommand")
                || (m.startsWith("ERR unknown command") && !(hello && m.regionMatches(true, 21, "HELLO", 0, 5)));
    }

    /**
     * Logs, once per server, user and name, that the connection opens without its name, and why.
     *
     * @param config the configuration, for the user and the name
     * @param address the server's host:port
     * @param error the server's error, scrubbed
     */
    static void refused(RedisConfig config, String address, ErrorReply error) {
        String user = config.username() != null ? config.username() : "default";
        if (OnceLog.first("setname|" + address + '|' + user + '|' + config.clientName())) {
            if ("NOPERM".equals(error.code())) {
                log.warn("Redis user '{}' at {} may not set the client name '{}' ({}); connecting without it",
                        user, address, config.clientName(), Errors.clean(error.message()));
            } else {
                log.warn("Redis at {} cannot set the client name '{}' for user '{}': the command is unknown there, "
                        + "CLIENT renamed or disabled? ({}); connecting without it", address, config.clientName(),
                        user, Errors.clean(error.message()));
            }
        } else {
            log.debug("Connecting to {} without the client name '{}': it cannot be set", address,
                    config.clientName());
        }
    }
}
