package io.respkit.internal;

import io.respkit.exceptions.RedisUrlSyntaxException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses Redis Sentinel URLs,
 * {@code redis-sentinel://[[user]:password@]host1[:port1][,host2[:port2]...]/masterName[/database][?options]}
 * ({@code rediss-sentinel://} for TLS to the sentinels and the data nodes). The user info and the query are read
 * exactly as {@link RedisUrlParser} reads them for {@code redis://}, with the sentinel options ({@code readFrom},
 * {@code checkInterval}, {@code sentinelUsername}, {@code sentinelPassword}) on top.
 *
 * <p>Stateless and thread-safe.
 */
public final class SentinelUrlParser {

    /** The port of a sentinel the URL gives none for: Redis Sentinel's own default. */
    public static final int DEFAULT_PORT = 26379;

    private SentinelUrlParser() {
    }

    /**
     * Parses the URL, handing its per-node settings (the data nodes') to {@code node} and its sentinels, master name
     * and sentinel options to {@code sentinel}.
     *
     * @param url the URL
     * @param node what receives the data nodes' settings (credentials, TLS, database, timeouts, pool, ...); never a
     *             host or port
     * @param sentinel what receives the sentinels, in the URL's order, the master name and the sentinel options
     * @throws RedisUrlSyntaxException when the URL is malformed, has no master name, or a target refused one of its
     *         options; the message never shows a password
     */
    public static void parse(String url, UrlTarget node, SentinelUrlTarget sentinel) {
        if (url == null || url.isBlank()) {
            throw new RedisUrlSyntaxException("Invalid Redis URL: it is empty");
        }
        String masked = UrlMasking.mask(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw RedisUrlParser.fail(masked, "it must start with redis-sentinel:// or rediss-sentinel://");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "redis-sentinel" -> false;
            case "rediss-sentinel" -> true;
            case "redis", "rediss" -> throw RedisUrlParser.fail(masked, "a " + scheme + ":// URL names a Redis "
                    + "server, not sentinels: write " + scheme + "-sentinel://sentinel1:26379,sentinel2:26379/"
                    + "masterName");
            case "redis-cluster", "rediss-cluster" -> throw RedisUrlParser.fail(masked, "a " + scheme + ":// URL "
                    + "names a Redis Cluster: read it with ClusterConfig.fromUrl, not SentinelConfig.fromUrl");
            default -> throw RedisUrlParser.fail(masked, "unknown scheme '" + scheme
                    + "', expected redis-sentinel or rediss-sentinel");
        };
        node.tls(tls);
        UrlParts parts = UrlParts.split(url.substring(schemeEnd + 3), masked);
        if (parts.userInfo() != null) {
            RedisUrlParser.userInfo(parts.userInfo(), masked, node);
        }
        String[] hosts = parts.hosts().split(",", -1);
        for (int i = 0; i < hosts.length; i++) {
            if (hosts[i].isEmpty()) {
                throw RedisUrlParser.fail(masked, hosts.length == 1 ? "the host is missing"
                        : "host " + (i + 1) + " of " + hosts.length + " is empty (a stray ',')");
            }
            UrlParts.HostPort hp = UrlParts.hostPort(hosts[i], masked);
            sentinel.sentinel(hp.host(), hp.port() != null ? hp.port() : DEFAULT_PORT);
        }
        Map<String, String> given = new HashMap<>();
        path(parts.path(), masked, node, sentinel, given);
        RedisUrlParser.query(parts.query(), masked, tls, given, node, null, sentinel);
        if (given.containsKey("sentinelUsername") && !given.containsKey("sentinelPassword")) {
            throw RedisUrlParser.fail(masked, "option 'sentinelUsername' needs option 'sentinelPassword' too");
        }
    }

    /** Reads {@code masterName[/database]}, both optional in the URL's syntax but the master name required here. */
    private static void path(String path, String masked, UrlTarget node, SentinelUrlTarget sentinel,
                             Map<String, String> given) {
        String name = path;
        String database = null;
        int slash = path == null ? -1 : path.indexOf('/');
        if (slash >= 0) {
            name = path.substring(0, slash);
            database = path.substring(slash + 1);
        }
        if (name == null || name.isEmpty()) {
            throw RedisUrlParser.fail(masked, "the master name is missing: write "
                    + "redis-sentinel://sentinel1:26379,sentinel2:26379/masterName[/database]");
        }
        String decoded = RedisUrlParser.decode(name, "the master name", masked);
        if (decoded.isBlank()) {
            throw RedisUrlParser.fail(masked, "the master name is blank");
        }
        sentinel.masterName(decoded);
        if (database != null && !database.isEmpty()) {
            if (database.indexOf('/') >= 0) {
                throw RedisUrlParser.fail(masked, "the path must be /masterName or /masterName/database");
            }
            node.database(RedisUrlParser.number(database, "database", masked, 0, Integer.MAX_VALUE));
            given.put("database", "/" + name + "/" + database);
        }
    }
}
