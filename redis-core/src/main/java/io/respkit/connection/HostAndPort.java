package io.respkit.connection;

import java.util.Objects;

/**
 * A server's address: a host name or IP literal and a TCP port, as cluster seeds, cluster nodes and sentinels are
 * named. IPv6 literals are kept without brackets and printed with them ({@code [::1]:7000}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the host name or IP literal, without brackets, not blank
 * @param port the port, 1 to 65535
 */
public record HostAndPort(String host, int port) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException when {@code host} is null
     * @throws IllegalArgumentException when {@code host} is blank or bracketed, holds a {@code '@'} or {@code '/'} (a
     *         URL or user info, whose password would be shown wherever the address is; the message masks it), or the
     *         port is outside 1 to 65535
     */
    public HostAndPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.startsWith("[") || host.indexOf('@') >= 0 || host.indexOf('/') >= 0) {
            throw new IllegalArgumentException("host must be a name or an IP literal without brackets: '"
                    + RedisConfig.maskUrl(host) + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
    }

    /**
     * Parses {@code host:port}, {@code [ipv6]:port} or an unbracketed IPv6 literal followed by {@code :port} (the
     * last colon separates the port, as {@code CLUSTER NODES} and {@code MOVED} write it).
     *
     * @param text the address
     * @return the address
     * @throws NullPointerException when {@code text} is null
     * @throws IllegalArgumentException when there is no port, it is not a number in range, the host is empty, or the
     *         text is a URL or holds user info (a {@code '/'} or {@code '@'}); the message shows the text with any
     *         password masked
     */
    public static HostAndPort parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.indexOf('@') >= 0 || s.indexOf('/') >= 0) {
            // redis://user:password@host:port would otherwise parse, its host holding the password.
            throw new IllegalArgumentException("expected host:port, got a URL or user info in '"
                    + RedisConfig.maskUrl(text) + "' (credentials belong in the configuration's password)");
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + RedisConfig.maskUrl(text) + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + RedisConfig.maskUrl(text) + "'");
        }
        return new HostAndPort(host, port);
    }

    /**
     * Returns {@code host:port}, with the host in brackets when it is an IPv6 literal.
     *
     * @return the address as text
     */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
