package io.respkit.internal;

import java.util.Locale;

/**
 * A Redis URL after its {@code scheme://}, cut into its parts for {@link RedisUrlParser} and
 * {@link ClusterUrlParser}; the fragment is dropped. Nothing is decoded yet.
 *
 * <p>Immutable and thread-safe.
 *
 * @param userInfo the user info before {@code '@'}, or {@code null} when there is none
 * @param hosts the {@code host[:port]} part, a comma-separated list of them in a cluster URL
 * @param path the path after {@code '/'}, or {@code null}
 * @param query the query after {@code '?'}, or {@code null}
 */
record UrlParts(String userInfo, String hosts, String path, String query) {

    /**
     * Cuts a URL after its {@code scheme://} into its parts.
     *
     * @param rest the URL after {@code scheme://}
     * @param masked the masked URL, for messages
     * @return the parts
     */
    static UrlParts split(String rest, String masked) {
        reservedInUserInfo(rest, masked);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String userInfo = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        return new UrlParts(userInfo, rest, path, query);
    }

    /**
     * A host and, when the URL gives one, its port.
     *
     * @param host the host, without brackets
     * @param port the port, or {@code null} when the URL gives none
     */
    record HostPort(String host, Integer port) {
    }

    /**
     * Reads {@code host[:port]} or {@code [ipv6][:port]}.
     *
     * @param hp the text
     * @param masked the masked URL, for messages
     * @return the host and port
     */
    static HostPort hostPort(String hp, String masked) {
        String host;
        String port = null;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            if (close < 0) {
                throw RedisUrlParser.fail(masked, "IPv6 address is missing its closing ']'");
            }
            host = hp.substring(1, close);
            String after = hp.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw RedisUrlParser.fail(masked, "unexpected characters after the IPv6 address");
                }
                port = after.substring(1);
            }
        } else {
            int colon = hp.lastIndexOf(':');
            host = colon >= 0 ? hp.substring(0, colon) : hp;
            port = colon >= 0 ? hp.substring(colon + 1) : null;
            if (host.indexOf(':') >= 0) {
                throw RedisUrlParser.fail(masked,
                        "an IPv6 address must be enclosed in brackets, e.g. redis://[::1]:6379");
            }
        }
        if (host.isEmpty()) {
            throw RedisUrlParser.fail(masked, "the host is missing");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || c == '/' || c == '@' || c == '?') {
                throw RedisUrlParser.fail(masked, "the host contains an illegal character");
            }
        }
        return new HostPort(host, port == null ? null : RedisUrlParser.number(port, "port", masked, 1, 65535));
    }

    /**
     * A {@code #}, {@code /} or {@code ?} in the user info ends the authority early, and what follows is read as a
     * host, path or query, which would end in a misleading "the host is missing": an {@code '@'} after that point
     * (not in an option's value) means the user info went on. Names the part (user name, password, user info) and
     * the escape, never the text.
     */
    private static void reservedInUserInfo(String rest, String masked) {
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        if (end == rest.length() || rest.lastIndexOf('@', end) >= 0) {
            return; // no delimiter, or the user info ended with its '@' before it
        }
        int pairStart = end;
        for (int i = end; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '&' || (c == '?' && i > end)) {
                pairStart = i;
            } else if (c == '@' && (rest.charAt(end) == '#' || rest.indexOf('=', pairStart) < 0
                    || rest.indexOf('=', pairStart) > i)) {
                char reserved = rest.charAt(end);
                int colon = rest.indexOf(':');
                String part = colon < 0 || colon > i ? "user info" : colon < end ? "password" : "user name";
                throw RedisUrlParser.fail(masked, "the " + part + " contains a reserved character ('" + reserved
                        + "') that must be percent-encoded in a URL (as %"
                        + Integer.toHexString(reserved).toUpperCase(Locale.ROOT) + ")");
            }
        }
    }
}
