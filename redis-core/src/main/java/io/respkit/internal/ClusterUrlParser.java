package io.respkit.internal;

import io.respkit.exceptions.RedisUrlSyntaxException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses Redis Cluster URLs, {@code redis-cluster://[[user]:password@]host1[:port1][,host2[:port2]...][/0][?options]}
 * ({@code rediss-cluster://} for TLS), and single-host {@code redis://} and {@code rediss://} URLs read as one seed.
 * The user info and the query are read exactly as {@link RedisUrlParser} reads them for {@code redis://}, with the
 * cluster options ({@code maxRedirects}, {@code refreshPeriod}, {@code refreshMinInterval}, {@code readFrom}) on
 * top; a cluster has only database 0, so the path and the {@code database} option may only say 0.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClusterUrlParser {

    /** The port of a host the URL gives none for. */
    private static final int DEFAULT_PORT = 6379;

    private ClusterUrlParser() {
    }

    /**
     * Parses the URL, handing its per-node settings to {@code node} and its seeds and cluster options to
     * {@code cluster}.
     *
     * @param url the URL
     * @param node what receives the per-node settings (credentials, TLS, timeouts, pool, ...); never a host, port
     *             or a database other than 0
     * @param cluster what receives the seeds, in the URL's order, and the cluster options
     * @throws RedisUrlSyntaxException when the URL is malformed, or a target refused one of its options
     */
    public static void parse(String url, UrlTarget node, ClusterUrlTarget cluster) {
        if (url == null || url.isBlank()) {
            throw new RedisUrlSyntaxException("Invalid Redis URL: it is empty");
        }
        String masked = UrlMasking.mask(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw RedisUrlParser.fail(masked, "it must start with redis-cluster:// or rediss-cluster://");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean tls = scheme.startsWith("rediss");
        boolean single = switch (scheme) {
            case "redis-cluster", "rediss-cluster" -> false;
            case "redis", "rediss" -> true;
            case "redis-sentinel", "rediss-sentinel" -> throw RedisUrlParser.fail(masked, "a " + scheme + ":// URL "
                    + "names Redis Sentinels: read it with SentinelConfig.fromUrl, not ClusterConfig.fromUrl");
            default -> throw RedisUrlParser.fail(masked, "unknown scheme '" + scheme
                    + "', expected redis-cluster or rediss-cluster (or redis, rediss for a single seed)");
        };
        node.tls(tls);
        UrlParts parts = UrlParts.split(url.substring(schemeEnd + 3), masked);
        if (parts.userInfo() != null) {
            RedisUrlParser.userInfo(parts.userInfo(), masked, node);
        }
        String[] hosts = parts.hosts().split(",", -1);
        if (single && hosts.length > 1) {
            throw RedisUrlParser.fail(masked, "a " + scheme + ":// URL names one server; write "
                    + (tls ? "rediss-cluster" : "redis-cluster") + "://host1:port1,host2:port2 for several seeds");
        }
        for (int i = 0; i < hosts.length; i++) {
            if (hosts[i].isEmpty()) {
                throw RedisUrlParser.fail(masked, hosts.length == 1 ? "the host is missing"
                        : "host " + (i + 1) + " of " + hosts.length + " is empty (a stray ',')");
            }
            UrlParts.HostPort hp = UrlParts.hostPort(hosts[i], masked);
            cluster.seed(hp.host(), hp.port() != null ? hp.port() : DEFAULT_PORT);
        }
        Map<String, String> given = new HashMap<>();
        String path = parts.path();
        if (path != null && !path.isEmpty()) {
            if (!path.equals("0")) {
                // The path is not shown: a malformed user info can leave part of the password there.
                throw RedisUrlParser.fail(masked, "a Redis Cluster has only database 0: remove the path, or "
                        + "write /0");
            }
            given.put("database", "/" + path);
        }
        RedisUrlParser.query(parts.query(), masked, tls, given, node, cluster);
    }
}
