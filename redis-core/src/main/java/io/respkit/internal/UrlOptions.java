package io.respkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query options of a Redis URL, each under its canonical name and its accepted spellings (redis-py's among
 * them), for {@link RedisUrlParser}: which option a spelling means, and messages for unknown and repeated options.
 *
 * <p>Immutable and thread-safe.
 */
final class UrlOptions {

    /** Spelling to canonical name, canonical names first. */
    private static final Map<String, String> SPELLINGS = new LinkedHashMap<>();

    /** The options only a cluster URL takes, on top of {@link #SPELLINGS}. */
    private static final Map<String, String> CLUSTER_SPELLINGS = new LinkedHashMap<>();

    /** The options only a sentinel URL takes, on top of {@link #SPELLINGS}. */
    private static final Map<String, String> SENTINEL_SPELLINGS = new LinkedHashMap<>();

    /** Which URL the options are read from: each kind takes the {@code redis://} options and its own. */
    enum Kind {
        /** {@code redis://}, {@code rediss://}. */
        REDIS,
        /** {@code redis-cluster://}, {@code rediss-cluster://}. */
        CLUSTER,
        /** {@code redis-sentinel://}, {@code rediss-sentinel://}. */
        SENTINEL
    }

    static {
        spell("timeout", "socket_timeout", "socketTimeout");
        spell("connectTimeout", "connect_timeout", "socket_connect_timeout");
        spell("clientName", "client_name", "name");
        spell("protocol");
        spell("database", "db");
        spell("maxTotal", "max_connections", "maxConnections");
        spell("maxIdle");
        spell("minIdle");
        spell("maxWait");
        spell("retryReads", "retry_reads");
        spell("multiplexed");
        spell("connectionMode", "connection_mode");
        spell("healthCheckInterval", "health_check_interval");
        spell("verifyHostname", "ssl_check_hostname");
        CLUSTER_SPELLINGS.putAll(SPELLINGS);
        for (String cluster : new String[] {"maxRedirects", "refreshPeriod", "refreshMinInterval", "readFrom"}) {
            CLUSTER_SPELLINGS.put(cluster, cluster);
        }
        SENTINEL_SPELLINGS.putAll(SPELLINGS);
        for (String sentinel : new String[] {"readFrom", "checkInterval", "sentinelUsername", "sentinelPassword"}) {
            SENTINEL_SPELLINGS.put(sentinel, sentinel);
        }
    }

    private static Map<String, String> spellings(Kind kind) {
        return switch (kind) {
            case REDIS -> SPELLINGS;
            case CLUSTER -> CLUSTER_SPELLINGS;
            case SENTINEL -> SENTINEL_SPELLINGS;
        };
    }

    private UrlOptions() {
    }

    private static void spell(String canonical, String... others) {
        SPELLINGS.put(canonical, canonical);
        for (String other : others) {
            SPELLINGS.put(other, canonical);
        }
    }

    /**
     * Returns the canonical name of an option.
     *
     * @param name the option as spelled in the URL
     * @param kind which URL it is read from
     * @return the canonical name, or {@code null} when no option is spelled so
     */
    static String canonical(String name, Kind kind) {
        return spellings(kind).get(name);
    }

    /**
     * Returns whether any URL, of any kind, takes an option so spelled.
     *
     * @param name the option as spelled
     * @return {@code true} for a known spelling
     */
    static boolean isKnown(String name) {
        return CLUSTER_SPELLINGS.containsKey(name) || SENTINEL_SPELLINGS.containsKey(name);
    }

    /**
     * Explains an unknown option: a spelling that differs only in case, or else the list of known options.
     *
     * @param name the option as spelled
     * @param kind which URL it is read from
     * @return e.g. {@code unknown option 'Timeout' (did you mean 'timeout'?)}
     */
    static String unknown(String name, Kind kind) {
        Map<String, String> spellings = spellings(kind);
        for (String spelling : spellings.keySet()) {
            if (spelling.equalsIgnoreCase(name)) {
                return "unknown option '" + name + "' (did you mean '" + spelling + "'?)";
            }
        }
        boolean cluster = CLUSTER_SPELLINGS.containsKey(name);
        boolean sentinel = SENTINEL_SPELLINGS.containsKey(name);
        if (cluster && kind != Kind.CLUSTER) {
            return "option '" + name + "' is for a Redis Cluster: use a redis-cluster:// URL with "
                    + "ClusterConfig.fromUrl" + (sentinel ? " (or a redis-sentinel:// URL with "
                    + "SentinelConfig.fromUrl)" : "");
        }
        if (sentinel && kind != Kind.SENTINEL) {
            return "option '" + name + "' is for Redis Sentinel: use a redis-sentinel:// URL with "
                    + "SentinelConfig.fromUrl";
        }
        StringBuilder known = new StringBuilder();
        for (Map.Entry<String, String> e : spellings.entrySet()) {
            if (e.getKey().equals(e.getValue())) {
                known.append(known.length() == 0 ? "" : ", ").append(e.getKey());
            }
        }
        return "unknown option '" + name + "'; known options: " + known;
    }

    /**
     * Explains an option given twice, in the same or another spelling, or a database given by path and option.
     *
     * @param name the option as spelled the second time
     * @param canonical its canonical name
     * @param before how it was given the first time: its spelling, or {@code /path} for the database path
     * @return the message
     */
    static String duplicate(String name, String canonical, String before) {
        if (before.startsWith("/")) {
            return "option '" + name + "' sets the database, which the path (" + before + ") sets too";
        }
        if (before.equals(name)) {
            return "option '" + name + "' is given twice";
        }
        return "option '" + name + "' sets the same as '" + before + "', which is given too";
    }
}
