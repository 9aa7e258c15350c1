package io.respkit.spring.boot.autoconfigure;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisUrlSyntaxException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Explains in plain words why an application failed to start because of its {@code redis.*} properties: a
 * property out of range ({@link InvalidRedisPropertyException}), a malformed {@code redis.url}, a server (or, in
 * Sentinel mode, sentinels or a primary) that cannot be reached, credentials the server refused, a database index the
 * server does not have, or a pool too small for the start-up's needs. Each analysis has a description and an action. Descriptions quote respkit's exception
 * messages, which never contain the password, and never print the password themselves. Registered in
 * {@code META-INF/spring.factories}; {@link RedisListenerFailureAnalyzer} covers {@code @RedisListener}
 * definitions.
 *
 * <p>Thread-safe (stateless apart from the environment it reads).
 */
public final class RedisFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    /**
     * Creates the analyzer; Spring Boot passes the application's environment.
     *
     * @param environment the environment, to name the configured server; may be {@code null}
     */
    public RedisFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /**
     * Analyzes the first respkit failure in the cause chain.
     *
     * @param failure the startup failure
     * @return the analysis, or {@code null} when no Redis failure caused it
     */
    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidRedisPropertyException e) {
                return invalidProperty(e);
            }
            if (t instanceof RedisUrlSyntaxException e) {
                return badUrl(e);
            }
            if (t instanceof RedisAuthenticationException e) {
                return refusedCredentials(e);
            }
            if (t instanceof RedisServerException e && isSelectFailure(e)) {
                FailureAnalysis analysis = databaseRefused(e);
                if (analysis != null) {
                    return analysis;
                }
            }
            if (t instanceof RedisPoolExhaustedException e) {
                return exhausted(e);
            }
            if (t instanceof RedisConnectionException e) {
                return unreachable(e);
            }
        }
        return null;
    }

    private FailureAnalysis invalidProperty(InvalidRedisPropertyException e) {
        String raw = environment == null || e.property().endsWith("password") ? null
                : environment.getProperty(e.property()); // a password is never shown, whatever the check
        if (raw != null && ("redis.url".equals(e.property()) || "redis.host".equals(e.property()))) {
            raw = RedisConfig.maskUrl(raw); // the configured URL may hold the password, so may a URL given as host
        } else if (raw != null && e.property().endsWith(".nodes")) {
            raw = RedisPropertyChecks.masked(raw); // so may a URL given as a node
        }
        String origin = origin(e.property());
        return new FailureAnalysis("Invalid value '" + (raw != null ? raw : e.value()) + "' for configuration "
                + "property '" + e.property() + "'" + (origin != null ? " (from " + origin + ")" : "")
                + ": it must be " + e.requirement() + ".", e.action(), e);
    }

    /** Where a property was set, e.g. {@code class path resource [application.properties] - 3:12}, if known. */
    private String origin(String property) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (source.containsProperty(property)) {
                Origin origin = OriginLookup.getOrigin(source, property);
                return origin != null ? origin.toString() : null;
            }
        }
        return null;
    }

    /** The handshake's SELECT failed; respkit's messages name the command they ran. */
    private static boolean isSelectFailure(RedisServerException e) {
        String message = e.getMessage();
        return message != null && message.contains("(command SELECT on ");
    }

    private FailureAnalysis databaseRefused(RedisServerException e) {
        String property = "redis.database";
        Integer database = null;
        if (environment != null) {
            String url = environment.getProperty("redis.url");
            try {
                if (StringUtils.hasText(url)) {
                    property = "redis.url";
                    database = RedisConfig.fromUrl(url).database();
                } else {
                    database = environment.getProperty("redis.database", Integer.class, 0);
                }
            } catch (RuntimeException ignored) {
                database = null;
            }
            if (database != null && database == 0) {
                return null; // not the configuration's SELECT: the application's own
            }
        }
        String address = configuredAddress();
        return new FailureAnalysis("The Redis server" + (address != null ? " at " + address : "")
                + " refused to select database " + (database != null ? database : "") + ", which " + property
                + " selects: " + e.getMessage(),
                "A Redis server has 16 databases, numbered 0 to 15, unless its 'databases' setting says otherwise "
                        + "(CONFIG GET databases shows it; Redis Cluster has only database 0). Choose a database "
                        + "in that range in " + property
                        + ("redis.url".equals(property) ? " (its path, e.g. redis://host:6379/0)" : "")
                        + ", or raise 'databases' in the server's redis.conf.", e);
    }

    private FailureAnalysis exhausted(RedisPoolExhaustedException e) {
        return new FailureAnalysis("No pooled Redis connection became free in time: " + e.getMessage(),
                "Raise redis.pool.max-total (connections) or redis.pool.max-wait (how long a caller waits), and "
                        + "make sure the application gives connections back: close every Transaction and "
                        + "Subscriber it opens, and do not hold connections in long-running start-up work.", e);
    }

    private FailureAnalysis badUrl(RedisUrlSyntaxException e) {
        return new FailureAnalysis("The redis.url property is invalid: " + e.getMessage(),
                "Fix redis.url. Its form is redis://[[username]:password@]host[:port][/database][?option=value] "
                        + "(rediss:// for TLS); characters such as '@', ':' or '/' in the password must be "
                        + "percent-encoded. Alternatively, set redis.host, redis.port, redis.username and "
                        + "redis.password separately.", e);
    }

    private FailureAnalysis refusedCredentials(RedisAuthenticationException e) {
        String master = sentinelMaster();
        if (master != null) {
            return new FailureAnalysis("A Redis node of Sentinel master '" + master + "' refused the credentials ("
                    + e.code() + "): " + e.getMessage(),
                    "Check redis.username and redis.password against the primary's and replicas' requirepass or "
                            + "ACL users, and redis.sentinel.username and redis.sentinel.password against the "
                            + "sentinels'; the users also need permission for the commands the application runs.", e);
        }
        String address = configuredAddress();
        return new FailureAnalysis("The Redis server" + (address != null ? " at " + address : "")
                + " refused the credentials (" + e.code() + "): " + e.getMessage(),
                "Check redis.username and redis.password (or the credentials in redis.url) against the server's "
                        + "requirepass or ACL users; the user also needs permission for the commands the "
                        + "application runs.", e);
    }

    private FailureAnalysis unreachable(RedisConnectionException e) {
        String master = sentinelMaster();
        if (master != null) {
            return sentinelUnreachable(master, e);
        }
        String address = configuredAddress();
        String where = address != null ? address : "the configured address";
        String what = e instanceof RedisTimeoutException ? "did not answer in time" : "could not be reached";
        return new FailureAnalysis("The Redis server at " + where + " " + what + ": " + e.getMessage(),
                "Is redis-server running and listening on " + where + "? Check redis.url (or redis.host and "
                        + "redis.port), that a firewall or container network lets the application reach it, and, "
                        + "for TLS servers, that redis.ssl settings match.", e);
    }

    /**
     * Sentinel mode: the primary could not be found through the sentinels, or did not answer. respkit's message says
     * which sentinel or node failed and why (a refused password included), never showing the password.
     */
    private FailureAnalysis sentinelUnreachable(String master, RedisConnectionException e) {
        String nodes = environment.getProperty("redis.sentinel.nodes");
        String sentinels = StringUtils.hasText(nodes) ? " (" + nodes.strip() + ")" : "";
        String what = e instanceof RedisTimeoutException ? "did not answer in time" : "could not be reached";
        return new FailureAnalysis("The primary of Redis Sentinel master '" + master + "' " + what + " through the "
                + "sentinels in redis.sentinel.nodes" + sentinels + ": " + e.getMessage(),
                "Are the sentinels running and listening on redis.sentinel.nodes, and does one of them monitor a "
                        + "master named '" + master + "' (SENTINEL MASTERS on a sentinel lists them)? Check "
                        + "redis.sentinel.master; that a firewall or container network lets the application reach "
                        + "the sentinels and the primary they report (at the address it was registered with); the "
                        + "sentinels' credentials in redis.sentinel.username and redis.sentinel.password, the data "
                        + "nodes' in redis.username and redis.password; and, for TLS, the redis.ssl settings, which "
                        + "apply to the sentinels too.", e);
    }

    /** The Sentinel master name when Sentinel mode is configured (and cluster mode is not), else {@code null}. */
    private String sentinelMaster() {
        if (environment == null || StringUtils.hasText(environment.getProperty("redis.cluster.nodes"))
                || StringUtils.hasText(environment.getProperty("redis.cluster.nodes[0]"))) {
            return null;
        }
        String master = environment.getProperty("redis.sentinel.master");
        return StringUtils.hasText(master) ? master.strip() : null;
    }

    /** Returns host:port from the properties, or {@code null} when they cannot say. Never includes credentials. */
    private String configuredAddress() {
        if (environment == null) {
            return null;
        }
        String url = environment.getProperty("redis.url");
        if (StringUtils.hasText(url)) {
            try {
                return RedisConfig.fromUrl(url).address();
            } catch (RuntimeException ignored) {
                return null;
            }
        }
        String host = environment.getProperty("redis.host", "localhost");
        String port = environment.getProperty("redis.port", "6379");
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
