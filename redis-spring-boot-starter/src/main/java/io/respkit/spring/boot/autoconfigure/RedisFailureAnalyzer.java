package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisAuthenticationException;
import io.respkit.RedisConnectionException;
import io.respkit.RedisTimeoutException;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisUrlSyntaxException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Explains in plain words why an application failed to start because of Redis: a malformed {@code redis.url}, a
 * server that cannot be reached, or credentials the server refused. Descriptions quote respkit's exception messages,
 * which never contain the password, and never print the password themselves. Registered in
 * {@code META-INF/spring.factories}.
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
            if (t instanceof RedisUrlSyntaxException e) {
                return badUrl(e);
            }
            if (t instanceof RedisAuthenticationException e) {
                return refusedCredentials(e);
            }
            if (t instanceof RedisConnectionException e) {
                return unreachable(e);
            }
        }
        return null;
    }

    private FailureAnalysis badUrl(RedisUrlSyntaxException e) {
        return new FailureAnalysis("The redis.url property is invalid: " + e.getMessage(),
                "Fix redis.url. Its form is redis://[[username]:password@]host[:port][/database][?option=value] "
                        + "(rediss:// for TLS); characters such as '@', ':' or '/' in the password must be "
                        + "percent-encoded. Alternatively, set redis.host, redis.port, redis.username and "
                        + "redis.password separately.", e);
    }

    private FailureAnalysis refusedCredentials(RedisAuthenticationException e) {
        String address = configuredAddress();
        return new FailureAnalysis("The Redis server" + (address != null ? " at " + address : "")
                + " refused the credentials (" + e.code() + "): " + e.getMessage(),
                "Check redis.username and redis.password (or the credentials in redis.url) against the server's "
                        + "requirepass or ACL users; the user also needs permission for the commands the "
                        + "application runs.", e);
    }

    private FailureAnalysis unreachable(RedisConnectionException e) {
        String address = configuredAddress();
        String where = address != null ? address : "the configured address";
        String what = e instanceof RedisTimeoutException ? "did not answer in time" : "could not be reached";
        return new FailureAnalysis("The Redis server at " + where + " " + what + ": " + e.getMessage(),
                "Is redis-server running and listening on " + where + "? Check redis.url (or redis.host and "
                        + "redis.port), that a firewall or container network lets the application reach it, and, "
                        + "for TLS servers, that redis.ssl settings match.", e);
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
