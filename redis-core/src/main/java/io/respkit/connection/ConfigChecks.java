package io.respkit.connection;

import io.respkit.internal.DurationLimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks {@link RedisConfig.Builder} runs on each setting, so that a configuration that cannot work fails where
 * it is built, not at the first connect. Stateless and thread-safe.
 */
final class ConfigChecks {

    private ConfigChecks() {
    }

    /**
     * @throws NullPointerException when the host is null
     * @throws IllegalArgumentException when the host holds a {@code '@'} or {@code '/'}: a URL or user info, whose
     *         password would otherwise be shown in every address, message and log; the message masks it
     */
    static String host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.indexOf('@') >= 0 || host.indexOf('/') >= 0) {
            throw new IllegalArgumentException("host must be a host name or an IP address, not a URL or user info: '"
                    + RedisConfig.maskUrl(host) + "' (use url(...) for a URL, password(...) for the password)");
        }
        return host;
    }

    /** @throws IllegalArgumentException when the port is not 1 to 65535 */
    static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        return port;
    }

    /** @throws IllegalArgumentException when the database is negative */
    static int database(int database) {
        if (database < 0) {
            throw new IllegalArgumentException("database must not be negative, was " + database);
        }
        return database;
    }

    /**
     * @throws IllegalArgumentException when the name is empty or holds a character Redis refuses in
     *         {@code CLIENT SETNAME} (anything but ASCII {@code '!'} to {@code '~'})
     */
    static String clientName(String clientName) {
        if (clientName != null && clientName.isEmpty()) {
            throw new IllegalArgumentException("client name must not be empty (use null for none)");
        }
        for (int i = 0; clientName != null && i < clientName.length(); i++) {
            char c = clientName.charAt(i);
            if (c < '!' || c > '~') {
                // Redis refuses the rest in CLIENT SETNAME, and the connect would fail on it.
                throw new IllegalArgumentException("client name must contain only printable characters other "
                        + "than space, was '" + clientName + "': Redis accepts ASCII '!' to '~'");
            }
        }
        return clientName;
    }

    /**
     * @throws NullPointerException when the duration is null
     * @throws IllegalArgumentException when it is zero or negative (there is no "no timeout"), or longer than
     *         {@link RedisConfig#MAX_DURATION}
     */
    static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + DurationLimit.show(d)
                    + (d.isZero() ? " (there is no 'no timeout')" : ""));
        }
        return DurationLimit.check(d, what);
    }

    /**
     * @throws NullPointerException when the interval is null
     * @throws IllegalArgumentException when it is negative (zero turns the health check off) or longer than
     *         {@link RedisConfig#MAX_DURATION}
     */
    static Duration healthCheckInterval(Duration interval) {
        Objects.requireNonNull(interval, "healthCheckInterval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("healthCheckInterval must not be negative (zero turns it off), was "
                    + DurationLimit.show(interval));
        }
        return DurationLimit.check(interval, "healthCheckInterval");
    }
}
