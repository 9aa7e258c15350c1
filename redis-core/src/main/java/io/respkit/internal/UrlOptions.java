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
        spell("healthCheckInterval", "health_check_interval");
        spell("verifyHostname", "ssl_check_hostname");
        CLUSTER_SPELLINGS.putAll(SPELLINGS);
        for (String cluster : new String[] {"maxRedirects", "refreshPeriod", "refreshMinInterval", "readFrom"}) {
            CLUSTER_SPELLINGS.put(cluster, cluster);
        }
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
     * @param cluster whether the URL is a cluster URL, which takes the cluster options too
     * @return the canonical name, or {@code null} when no option is spelled so
     */
    static String canonical(String name, boolean cluster) {
        return (cluster ? CLUSTER_SPELLINGS : SPELLINGS).get(name);
    }

    /**
     * Explains an unknown option: a spelling that differs only in case, or else the list of known options.
     *
     * @param name the option as spelled
     * @param cluster whether the URL is a cluster URL, which takes the cluster options too
     * @return e.g. {@code unknown option 'Timeout' (did you mean 'timeout'?)}
     */
    static String unknown(String name, boolean cluster) {
        Map<String, String> spellings = cluster ? CLUSTER_SPELLINGS : SPELLINGS;
        for (String spelling : spellings.keySet()) {
            if (spelling.equalsIgnoreCase(name)) {
                return "unknown option '" + name + "' (did you mean '" + spelling + "'?)";
            }
        }
        if (!cluster && CLUSTER_SPELLINGS.containsKey(name)) {
            return "option '" + name + "' is for a Redis Cluster: use a redis-cluster:// URL with "
                    + "ClusterConfig.fromUrl";
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
