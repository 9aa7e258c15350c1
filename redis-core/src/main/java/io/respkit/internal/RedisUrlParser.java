package io.respkit.internal;

import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.protocol.RespVersion;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code redis://} and {@code rediss://} URLs, handing each setting, in the order the URL gives it, to a
 * {@link UrlTarget} (the configuration builder's adapter, {@code io.respkit.connection.UrlSettings}): the parser knows
 * URLs, not configurations, so that the configuration depends on it and not the other way round. Hand-written
 * rather than {@link java.net.URI}, whose exceptions echo the whole input, password included. {@link ClusterUrlParser}
 * and {@link SentinelUrlParser} read the user info and the query of cluster and sentinel URLs with the same code, so
 * that all accept exactly the same per-node options.
 *
 * <p>Stateless and thread-safe.
 */
public final class RedisUrlParser {

    private RedisUrlParser() {
    }

    /**
     * Parses the URL and hands its settings to {@code b}.
     *
     * @param url the URL
     * @param b what receives the settings
     * @throws RedisUrlSyntaxException when the URL is malformed, or {@code b} refused one of its options
     */
    public static void parse(String url, UrlTarget b) {
        if (url == null || url.isBlank()) {
            throw new RedisUrlSyntaxException("Invalid Redis URL: it is empty");
        }
        String masked = UrlMasking.mask(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw fail(masked, "it must start with redis:// or rediss://");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean tls;
        switch (scheme) {
            case "redis" -> tls = false;
            case "rediss" -> tls = true;
            case "redis-cluster", "rediss-cluster" -> throw fail(masked, "a " + scheme + ":// URL names a Redis "
                    + "Cluster: read it with ClusterConfig.fromUrl, not RedisConfig.fromUrl");
            case "redis-sentinel", "rediss-sentinel" -> throw fail(masked, "a " + scheme + ":// URL names Redis "
                    + "Sentinels: read it with SentinelConfig.fromUrl, not RedisConfig.fromUrl");
            case "unix", "redis+unix", "redis-socket" ->
                    throw fail(masked, "Unix domain sockets are not supported yet; use redis://host:port");
            default -> throw fail(masked, "unknown scheme '" + scheme + "', expected redis or rediss");
        }
        b.tls(tls);
        UrlParts parts = UrlParts.split(url.substring(schemeEnd + 3), masked);
        if (parts.userInfo() != null) {
            userInfo(parts.userInfo(), masked, b);
        }
        UrlParts.HostPort hp = UrlParts.hostPort(parts.hosts(), masked);
        b.host(hp.host());
        if (hp.port() != null) {
            b.port(hp.port());
        }
        Map<String, String> given = new HashMap<>();
        String path = parts.path();
        if (path != null && !path.isEmpty()) {
            b.database(number(path, "database", masked, 0, Integer.MAX_VALUE));
            given.put("database", "/" + path);
        }
        query(parts.query(), masked, tls, given, b, null);
    }

    /**
     * Reads the query: each option in turn, refusing unknown and repeated ones, the pool options together at the end.
     *
     * @param query the query after {@code '?'}, or {@code null}
     * @param masked the masked URL, for messages
     * @param tls whether the URL's scheme is the TLS one
     * @param given the options given so far (canonical name to spelling), {@code database} for a database path
     * @param b what receives the per-node settings
     * @param cluster what receives the cluster options, {@code null} for a {@code redis://} URL (which has none)
     */
    static void query(String query, String masked, boolean tls, Map<String, String> given, UrlTarget b,
                      ClusterUrlTarget cluster) {
        query(query, masked, tls, given, b, cluster, null);
    }

    /**
     * Reads the query of a {@code redis://}, cluster or sentinel URL: as
     * {@link #query(String, String, boolean, Map, UrlTarget, ClusterUrlTarget)}, with the sentinel options going to
     * {@code sentinel}. At most one of {@code cluster} and {@code sentinel} is given; which one decides the options
     * the URL takes.
     */
    static void query(String query, String masked, boolean tls, Map<String, String> given, UrlTarget b,
                      ClusterUrlTarget cluster, SentinelUrlTarget sentinel) {
        UrlOptions.Kind kind = cluster != null ? UrlOptions.Kind.CLUSTER
                : sentinel != null ? UrlOptions.Kind.SENTINEL : UrlOptions.Kind.REDIS;
        if (query != null && !query.isEmpty()) {
            PoolOptions pool = new PoolOptions();
            // The option before, when its value is a secret: a raw '&' in that secret makes its tail read as the
            // next option, whose name must then not be shown.
            String secretBefore = null;
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    if (secretBefore != null) {
                        throw fail(masked, "a query option after '" + secretBefore + "' has no value" + AMPERSAND);
                    }
                    throw fail(masked, "query option '" + decode(pair, "a query option", masked)
                            + "' has no value");
                }
                if (eq == 0) {
                    throw fail(masked, "a query option has a value but no name");
                }
                String name = decode(pair.substring(0, eq), "a query option", masked);
                String canonical = UrlOptions.canonical(name, kind);
                if (canonical == null) {
                    if (secretBefore != null) {
                        throw fail(masked, "an unknown query option follows '" + secretBefore + "'" + AMPERSAND);
                    }
                    throw fail(masked, UrlOptions.unknown(name, kind));
                }
                String value = decode(pair.substring(eq + 1), "option '" + name + "'", masked);
                secretBefore = UrlMasking.isSecretOption(name) ? name : null;
                // multiplexed=true|false is the older spelling of connectionMode: one of the two, never both
                String before = given.put(canonical.equals("multiplexed") ? "connectionMode" : canonical, name);
                if (before != null) {
                    throw fail(masked, UrlOptions.duplicate(name, canonical, before));
                }
                try {
                    option(canonical, name, value, masked, tls, pool, b, cluster, sentinel);
                } catch (RedisUrlSyntaxException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    // The builder's own checks (client name, ...) must still surface as a URL syntax error.
                    throw fail(masked, "option '" + name + "': " + e.getMessage());
                }
            }
            pool.apply(masked, b);
        }
    }

    /** Why the tail of a secret may have been read as an option. */
    private static final String AMPERSAND = ": if it is part of the password, percent-encode the '&' in it (as %26)";

    /**
     * Pool options are collected and applied together, so that their order in the query does not matter
     * ({@code minIdle=20&maxTotal=32} is as valid as {@code maxTotal=32&minIdle=20}).
     */
    private static final class PoolOptions {
        private Integer maxTotal;
        private Integer maxIdle;
        private Integer minIdle;
        private Duration maxWait;

        void apply(String masked, UrlTarget b) {
            if (maxTotal == null && maxIdle == null && minIdle == null && maxWait == null) {
                return;
            }
            try {
                b.pool(maxTotal, maxIdle, minIdle, maxWait);
            } catch (IllegalArgumentException e) {
                throw fail(masked, e.getMessage());
            }
        }
    }

    static void userInfo(String info, String masked, UrlTarget b) {
        int colon = info.indexOf(':');
        if (colon < 0) {
            // redis://password@host is redis-py's reading of a lone user-info part.
            b.password(decode(info, "the password", masked));
            return;
        }
        String user = decode(info.substring(0, colon), "the user name", masked);
        String password = decode(info.substring(colon + 1), "the password", masked);
        b.credentials(user.isEmpty() ? null : user, password.isEmpty() ? null : password);
    }

    private static void option(String canonical, String name, String value, String masked, boolean tls,
                               PoolOptions pool, UrlTarget b, ClusterUrlTarget cluster,
                               SentinelUrlTarget sentinel) {
        switch (canonical) {
            case "timeout" -> b.timeout(duration(value, name, masked));
            case "connectTimeout" -> b.connectTimeout(duration(value, name, masked));
            case "clientName" -> b.clientName(value);
            case "protocol" -> b.protocol(switch (value.toLowerCase(Locale.ROOT)) {
                case "2", "resp2" -> RespVersion.RESP2;
                case "3", "resp3" -> RespVersion.RESP3;
                default -> throw fail(masked, "protocol must be resp2 or resp3 (or 2, 3), " + was(value));
            });
            case "database" -> {
                int database = number(value, name, masked, 0, Integer.MAX_VALUE);
                if (cluster != null && database != 0) {
                    throw fail(masked, "option '" + name + "': a Redis Cluster has only database 0, was "
                            + database);
                }
                b.database(database);
            }
            case "maxTotal" -> pool.maxTotal = number(value, name, masked, 1, Integer.MAX_VALUE);
            case "maxIdle" -> pool.maxIdle = number(value, name, masked, 0, Integer.MAX_VALUE);
            case "minIdle" -> pool.minIdle = number(value, name, masked, 0, Integer.MAX_VALUE);
            case "maxWait" -> pool.maxWait = duration(value, name, masked);
            case "retryReads" -> b.retryReads(bool(value, name, masked));
            case "multiplexed" -> b.multiplexed(bool(value, name, masked));
            case "connectionMode" -> {
                try {
                    b.connectionMode(io.respkit.connection.ConnectionMode.parse(value));
                } catch (IllegalArgumentException e) {
                    throw fail(masked, "option '" + name + "' must be pooled, multiplexed or adaptive, "
                            + was(value));
                }
            }
            case "healthCheckInterval" -> b.healthCheckInterval(offOrDuration(value, name, masked));
            case "verifyHostname" -> {
                boolean verify = bool(value, name, masked);
                // Only meaningful for rediss://; it must never switch TLS on.
                if (tls) {
                    b.verifyHostname(verify);
                }
            }
            // UrlOptions knows the cluster options only when asked for a cluster URL's, which has a cluster target,
            // and the sentinel options only for a sentinel URL's, which has a sentinel target.
            case "maxRedirects" -> cluster.maxRedirects(number(value, name, masked, 0, Integer.MAX_VALUE));
            case "refreshPeriod" -> cluster.refreshPeriod(offOrDuration(value, name, masked));
            case "refreshMinInterval" -> cluster.refreshMinInterval(offOrDuration(value, name, masked));
            case "readFrom" -> {
                if (cluster != null) {
                    cluster.readFrom(value);
                } else {
                    sentinel.readFrom(value);
                }
            }
            case "checkInterval" -> sentinel.checkInterval(offOrDuration(value, name, masked));
            case "sentinelUsername" -> sentinel.sentinelUsername(value);
            case "sentinelPassword" -> sentinel.sentinelPassword(value);
            default -> throw new IllegalStateException("unhandled option " + canonical);
        }
    }

    /** {@code was 'text'}, or {@code but is empty}: what a message shows of a value it refuses. */
    private static String was(String value) {
        return value.isEmpty() ? "but is empty" : "was '" + value + "'";
    }

    static int number(String s, String what, String masked, int min, int max) {
        boolean negative = s.startsWith("-") && s.length() > 1;
        long n = 0;
        for (int i = negative ? 1 : 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                // The port is not shown: "redis://user:password" without '@' puts the password there.
                throw fail(masked, what + " must be a number from " + min + " to " + max
                        + ("port".equals(what) ? "" : ", " + was(s)));
            }
            n = Math.min(n * 10 + (c - '0'), Integer.MAX_VALUE + 1L); // saturate: no overflow on long inputs
        }
        if (s.isEmpty()) {
            throw fail(masked, what + " must be a number from " + min + " to " + max + ", but is empty");
        }
        n = negative ? -n : n;
        if (n < min || n > max) {
            throw fail(masked, what + " must be between " + min + " and " + max + ("port".equals(what) ? ""
                    : ", was " + s + (n == -1 && POOL_SIZES.contains(what) ? UNLIMITED : "")));
        }
        return (int) n;
    }

    private static final Set<String> POOL_SIZES = Set.of("maxTotal", "max_connections",
            "maxConnections", "maxIdle");

    /** Why {@code -1}, commons-pool2's "unlimited", is refused. */
    private static final String UNLIMITED = ": -1 (unlimited in commons-pool2) is not supported; an unbounded pool "
            + "can open connections until the server refuses them (maxclients)";

    private static boolean bool(String s, String what, String masked) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw fail(masked, what + " must be true or false (or yes/no, 1/0), " + was(s));
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
        String number;
        long unitNanos;
        if (s.endsWith("ms")) {
            number = s.substring(0, s.length() - 2);
            unitNanos = 1_000_000L;
        } else if (s.endsWith("s")) {
            number = s.substring(0, s.length() - 1);
            unitNanos = 1_000_000_000L;
        } else if (s.endsWith("m")) {
            number = s.substring(0, s.length() - 1);
            unitNanos = 60_000_000_000L;
        } else {
            number = s;
            unitNanos = 1_000_000_000L;
        }
        // Strict: Double.parseDouble would also take "2d", "0x1p3", " 2", "Infinity" and "NaN".
        if (!isDecimal(number)) {
            throw fail(masked, what + " must be a duration such as 2, 0.5, 500ms or 2s, " + was(s));
        }
        BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos))
                .setScale(0, RoundingMode.HALF_UP);
        if (nanos.signum() <= 0) {
            String why = "maxWait".equals(what) ? (s.equals("-1") ? WAIT_FOREVER : "")
                    : nanos.signum() == 0 ? " (there is no 'no timeout')" : "";
            throw fail(masked, what + " must be positive, was " + s + why);
        }
        if (nanos.compareTo(MAX_DURATION_NANOS) > 0) {
            throw fail(masked, what + " is too long, was " + s + " (at most about 292 years)");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** A {@link #duration}, or zero ({@code 0}, {@code 0s}, {@code 0ms}) for "off". */
    private static Duration offOrDuration(String s, String what, String masked) {
        String n = s.endsWith("ms") ? s.substring(0, s.length() - 2)
                : s.endsWith("s") || s.endsWith("m") ? s.substring(0, s.length() - 1) : s;
        int sign = isDecimal(n) ? new BigDecimal(n).signum() : 1;
        if (sign < 0) {
            throw fail(masked, what + " must be 0 (off) or positive, was " + s);
        }
        return sign == 0 ? Duration.ZERO : duration(s, what, masked);
    }

    private static final BigDecimal MAX_DURATION_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Why {@code maxWait=-1}, commons-pool2's "wait forever", is refused. */
    private static final String WAIT_FOREVER = ": -1 (wait forever in commons-pool2) is not supported; a caller "
            + "would hang for good when the pool is exhausted";

    /** Digits with an optional leading minus and at most one decimal point, and at least one digit. */
    private static boolean isDecimal(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        boolean digit = false;
        boolean point = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    static String decode(String s, String what, String masked) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw fail(masked, "incomplete percent-escape in " + what + " (write a literal '%' as %25)");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw fail(masked, "invalid percent-escape in " + what + " (write a literal '%' as %25)");
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

    static RedisUrlSyntaxException fail(String masked, String why) {
        return new RedisUrlSyntaxException("Invalid Redis URL '" + masked + "': " + why);
    }
}
