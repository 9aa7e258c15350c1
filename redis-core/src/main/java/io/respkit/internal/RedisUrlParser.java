package io.respkit.internal;

import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisUrlSyntaxException;
import io.respkit.connection.SslOptions;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Parses {@code redis://} and {@code rediss://} URLs into a {@link RedisConfig.Builder}. Hand-written rather than
 * {@link java.net.URI}, whose exceptions echo the whole input, password included.
 *
 * <p>Stateless and thread-safe.
 */
public final class RedisUrlParser {

    private RedisUrlParser() {
    }

    /**
     * Applies the URL to the builder.
     *
     * @param url the URL
     * @param b the builder to fill
     * @return the builder
     * @throws RedisUrlSyntaxException when the URL is malformed
     */
    public static RedisConfig.Builder parse(String url, RedisConfig.Builder b) {
        if (url == null || url.isBlank()) {
            throw new RedisUrlSyntaxException("Invalid Redis URL: it is empty");
        }
        String masked = mask(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw fail(masked, "it must start with redis:// or rediss://");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "redis" -> b.ssl((SslOptions) null);
            case "rediss" -> b.ssl(true);
            case "unix", "redis+unix", "redis-socket" ->
                    throw fail(masked, "Unix domain sockets are not supported yet; use redis://host:port");
            default -> throw fail(masked, "unknown scheme '" + scheme + "', expected redis or rediss");
        }
        String rest = url.substring(schemeEnd + 3);
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
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo(rest.substring(0, at), masked, b);
            rest = rest.substring(at + 1);
        }
        hostPort(rest, masked, b);
        if (path != null && !path.isEmpty()) {
            b.database(number(path, "database", masked, 0, Integer.MAX_VALUE));
        }
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw fail(masked, "query option '" + pair + "' has no value");
                }
                option(decode(pair.substring(0, eq), masked), decode(pair.substring(eq + 1), masked), masked, b);
            }
        }
        return b;
    }

    private static void userInfo(String info, String masked, RedisConfig.Builder b) {
        int colon = info.indexOf(':');
        if (colon < 0) {
            // redis://password@host is redis-py's reading of a lone user-info part.
            b.password(decode(info, masked));
            return;
        }
        String user = decode(info.substring(0, colon), masked);
        b.username(user.isEmpty() ? null : user);
        String password = decode(info.substring(colon + 1), masked);
        b.password(password.isEmpty() ? null : password);
    }

    private static void hostPort(String hp, String masked, RedisConfig.Builder b) {
        String host;
        String port = null;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            if (close < 0) {
                throw fail(masked, "IPv6 address is missing its closing ']'");
            }
            host = hp.substring(1, close);
            String after = hp.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw fail(masked, "unexpected characters after the IPv6 address");
                }
                port = after.substring(1);
            }
        } else {
            int colon = hp.lastIndexOf(':');
            host = colon >= 0 ? hp.substring(0, colon) : hp;
            port = colon >= 0 ? hp.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw fail(masked, "the host is missing");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || c == '/' || c == '@' || c == '?') {
                throw fail(masked, "the host contains an illegal character");
            }
        }
        b.host(host);
        if (port != null) {
            b.port(number(port, "port", masked, 1, 65535));
        }
    }

    private static void option(String name, String value, String masked, RedisConfig.Builder b) {
        switch (name) {
            case "timeout", "socket_timeout", "socketTimeout" -> b.timeout(duration(value, name, masked));
            case "connectTimeout", "connect_timeout", "socket_connect_timeout" ->
                    b.connectTimeout(duration(value, name, masked));
            case "clientName", "client_name", "name" -> b.clientName(value);
            case "protocol" -> b.protocol(switch (value.toLowerCase(Locale.ROOT)) {
                case "2", "resp2" -> RespVersion.RESP2;
                case "3", "resp3" -> RespVersion.RESP3;
                default -> throw fail(masked, "protocol must be resp2 or resp3");
            });
            case "database", "db" -> b.database(number(value, name, masked, 0, Integer.MAX_VALUE));
            case "maxTotal", "max_connections", "maxConnections" -> {
                int n = number(value, name, masked, 1, Integer.MAX_VALUE);
                PoolConfig p = b.pool();
                b.pool(p.toBuilder().maxTotal(n).maxIdle(Math.min(p.maxIdle() == p.maxTotal() ? n : p.maxIdle(), n))
                        .minIdle(Math.min(p.minIdle(), n)).build());
            }
            case "maxIdle" -> b.pool(b.pool().toBuilder().maxIdle(number(value, name, masked, 0, Integer.MAX_VALUE))
                    .build());
            case "minIdle" -> b.pool(b.pool().toBuilder().minIdle(number(value, name, masked, 0, Integer.MAX_VALUE))
                    .build());
            case "maxWait" -> b.pool(b.pool().toBuilder().maxWait(duration(value, name, masked)).build());
            case "verifyHostname", "ssl_check_hostname" -> {
                boolean verify = bool(value, name, masked);
                b.ssl(new SslOptions(null, verify));
            }
            default -> throw fail(masked, "unknown option '" + name + "'");
        }
    }

    private static int number(String s, String what, String masked, int min, int max) {
        if (s.isEmpty() || s.length() > 10) {
            throw fail(masked, what + " must be a number");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw fail(masked, what + " must be a number");
            }
            n = n * 10 + (c - '0');
        }
        if (n < min || n > max) {
            throw fail(masked, what + " must be between " + min + " and " + max);
        }
        return (int) n;
    }

    private static boolean bool(String s, String what, String masked) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw fail(masked, what + " must be true or false");
        };
    }

    /**
     * Parses a duration: plain seconds ({@code 2}, {@code 0.5}) or a number with a unit ({@code 500ms}, {@code 2s},
     * {@code 1m}).
     *
     * @param s the text
     * @param what the option name, for messages
     * @param masked the masked URL, for messages
     * @return the positive duration
     */
    private static Duration duration(String s, String what, String masked) {
        try {
            Duration d;
            if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            } else if (s.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            } else if (s.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
            }
            if (d.isNegative() || d.isZero()) {
                throw fail(masked, what + " must be positive");
            }
            return d;
        } catch (NumberFormatException e) {
            throw fail(masked, what + " must be a duration such as 2, 0.5, 500ms or 2s");
        }
    }

    private static String decode(String s, String masked) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw fail(masked, "incomplete percent-escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw fail(masked, "invalid percent-escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Returns the URL with the password part of its user info replaced by {@code ****}.
     *
     * @param url the URL
     * @return the masked URL
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        int schemeEnd = url.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int end = url.length();
        for (int i = authorityStart; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < authorityStart) {
            return url;
        }
        int colon = url.indexOf(':', authorityStart);
        String user = colon >= 0 && colon < at ? url.substring(authorityStart, colon) : "";
        return url.substring(0, authorityStart) + user + ":****" + url.substring(at);
    }

    private static RedisUrlSyntaxException fail(String masked, String why) {
        return new RedisUrlSyntaxException("Invalid Redis URL '" + masked + "': " + why);
    }
}
