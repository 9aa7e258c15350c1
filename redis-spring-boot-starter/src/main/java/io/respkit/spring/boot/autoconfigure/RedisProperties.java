package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.ConnectionMode;
import io.respkit.pool.PoolConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration properties for respkit, bound to {@code redis.*}.
 *
 * <p>Not thread-safe while being bound; read-only afterwards.
 */
@ConfigurationProperties(prefix = "redis")
public class RedisProperties {

    /**
     * Connection URL, e.g. redis://user:password@localhost:6379/0, or rediss://... for TLS. When set, it wins over
     * host, port, username, password, database and ssl.enabled.
     */
    private String url;

    /** Redis server host. */
    private String host = "localhost";

    /** Redis server port. */
    private int port = 6379;

    /** ACL user name; the default user when not set. */
    private String username;

    /** Login password. Never logged or exposed. */
    private String password;

    /** Database index selected after connecting. */
    private int database;

    /** Client name set on every connection with CLIENT SETNAME. */
    private String clientName;

    /** Protocol version: resp3 (falls back to resp2 on servers without HELLO) or resp2. */
    private Protocol protocol = Protocol.RESP3;

    /** Read timeout for a reply; blocking commands add their block time. */
    private Duration timeout = Duration.ofSeconds(2);

    /** Connect timeout. */
    private Duration connectTimeout = Duration.ofSeconds(2);

    /**
     * How long a subscriber or multiplexed connection may stay silent before it is sent PING; with no reply within
     * the read timeout the server is taken as gone and the connection replaced (pub/sub listeners resubscribe, queue
     * listeners bound each blocking pop by it). 0 turns it off.
     */
    private Duration healthCheckInterval = Duration.ofSeconds(15);

    /**
     * Which node serves read-only commands in cluster and Sentinel mode: primary (the default), primary-preferred,
     * replica-preferred, replica or any (any spelling ReadFrom.parse reads, e.g. REPLICA_PREFERRED). Writes always go
     * to the primary. Ignored for a single node.
     */
    private String readFrom = "primary";

    /** Charset of String keys, values, channel names and field names. */
    private Charset charset = StandardCharsets.UTF_8;

    /**
     * Whether a read-only command whose connection failed (a timeout included) runs once more on a fresh connection;
     * a write never runs twice.
     */
    private boolean retryReads;

    /**
     * How commands that may share a connection (not blocking, not changing connection state) run: adaptive (the
     * default) borrows a pooled connection for a lone caller and shares one auto-pipelined connection among
     * concurrent callers; pooled always borrows; multiplexed always shares.
     */
    private ConnectionMode connectionMode;

    /** Replaced by connection-mode: true is connection-mode=multiplexed, false is connection-mode=pooled. */
    private Boolean multiplexed;

    private final Ssl ssl = new Ssl();

    @NestedConfigurationProperty
    private final RedisClusterProperties cluster = new RedisClusterProperties();

    @NestedConfigurationProperty
    private final RedisSentinelProperties sentinel = new RedisSentinelProperties();

    private final Pool pool = new Pool();

    @NestedConfigurationProperty
    private final RedisListenerProperties listener = new RedisListenerProperties();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getDatabase() {
        return database;
    }

    public void setDatabase(int database) {
        this.database = database;
    }

    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public void setProtocol(Protocol protocol) {
        this.protocol = protocol;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Charset getCharset() {
        return charset;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    public boolean isRetryReads() {
        return retryReads;
    }

    public void setRetryReads(boolean retryReads) {
        this.retryReads = retryReads;
    }

    public ConnectionMode getConnectionMode() {
        return connectionMode;
    }

    public void setConnectionMode(ConnectionMode connectionMode) {
        this.connectionMode = connectionMode;
    }

    @Deprecated(since = "0.2.0")
    @DeprecatedConfigurationProperty(replacement = "redis.connection-mode", since = "0.2.0")
    public Boolean getMultiplexed() {
        return multiplexed;
    }

    @Deprecated(since = "0.2.0")
    public void setMultiplexed(Boolean multiplexed) {
        this.multiplexed = multiplexed;
    }

    /**
     * Returns the connection mode that {@code connection-mode}, or else the deprecated {@code multiplexed}, asks
     * for.
     *
     * @return the mode, or {@code null} for the client's default
     */
    @SuppressWarnings("deprecation")
    ConnectionMode effectiveConnectionMode() {
        if (connectionMode != null || multiplexed == null) {
            return connectionMode;
        }
        return multiplexed ? ConnectionMode.MULTIPLEXED : ConnectionMode.POOLED;
    }

    public Duration getHealthCheckInterval() {
        return healthCheckInterval;
    }

    public void setHealthCheckInterval(Duration healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public String getReadFrom() {
        return readFrom;
    }

    public void setReadFrom(String readFrom) {
        this.readFrom = readFrom;
    }

    public Ssl getSsl() {
        return ssl;
    }

    public RedisClusterProperties getCluster() {
        return cluster;
    }

    public RedisSentinelProperties getSentinel() {
        return sentinel;
    }

    public Pool getPool() {
        return pool;
    }

    public RedisListenerProperties getListener() {
        return listener;
    }

    /** Describes the properties without the passwords (nor one in a URL given as a node). */
    @Override
    public String toString() {
        return "RedisProperties[url=" + (url == null ? null : io.respkit.connection.RedisConfig.maskUrl(url))
                + ", host=" + RedisPropertyChecks.shown(host) + ", port=" + port + ", database="
                + database + ", password=" + (password == null ? null : "****") + ", cluster.nodes="
                + RedisPropertyChecks.shown(cluster.getNodes()) + ", sentinel.master=" + sentinel.getMaster()
                + ", sentinel.nodes=" + RedisPropertyChecks.shown(sentinel.getNodes()) + "]";
    }

    /** The RESP protocol version. */
    public enum Protocol {
        /** RESP2. */
        RESP2,
        /** RESP3, falling back to RESP2 on servers without HELLO. */
        RESP3
    }

    /** TLS settings. */
    public static class Ssl {

        /** Whether to use TLS. Implied by a rediss:// URL or by a bundle. */
        private boolean enabled;

        /** Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) providing trust and key material. */
        private String bundle;

        /** Whether the server certificate must match the host name. Turning this off is logged as a warning. */
        private boolean verifyHostname = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getBundle() {
            return bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        public boolean isVerifyHostname() {
            return verifyHostname;
        }

        public void setVerifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
        }
    }

    /** Connection pool settings. */
    public static class Pool {

        /** Maximum number of connections open at once. */
        private int maxTotal = 16;

        /** Maximum number of idle connections kept. Defaults to max-total. */
        private Integer maxIdle;

        /** Idle connections kept open even when unused. */
        private int minIdle;

        /** How long a caller waits for a connection when the pool is exhausted. Always finite. */
        private Duration maxWait = Duration.ofSeconds(2);

        /** Whether idle connections are checked with PING by the evictor. */
        private boolean testWhileIdle = true;

        /** Whether every connection is checked with PING as it is borrowed (costs a round trip per borrow). */
        private boolean testOnBorrow;

        /** How often the idle-connection evictor runs. */
        private Duration timeBetweenEvictionRuns = Duration.ofSeconds(30);

        /** A connection idle at least this long is checked with PING as it is borrowed. 0 turns the check off. */
        private Duration validateAfterIdle = PoolConfig.DEFAULT_VALIDATE_AFTER_IDLE;

        /**
         * A connection idle at least this long is probed as it is borrowed, by a 1 ms read that writes nothing, so that
         * one the server closed (a restart) is replaced before a command is sent on it. 0 turns the probe off.
         */
        private Duration probeAfterIdle = PoolConfig.DEFAULT_PROBE_AFTER_IDLE;

        public Duration getValidateAfterIdle() {
            return validateAfterIdle;
        }

        public void setValidateAfterIdle(Duration validateAfterIdle) {
            this.validateAfterIdle = validateAfterIdle;
        }

        public Duration getProbeAfterIdle() {
            return probeAfterIdle;
        }

        public void setProbeAfterIdle(Duration probeAfterIdle) {
            this.probeAfterIdle = probeAfterIdle;
        }

        public int getMaxTotal() {
            return maxTotal;
        }

        public void setMaxTotal(int maxTotal) {
            this.maxTotal = maxTotal;
        }

        public Integer getMaxIdle() {
            return maxIdle;
        }

        public void setMaxIdle(Integer maxIdle) {
            this.maxIdle = maxIdle;
        }

        public int getMinIdle() {
            return minIdle;
        }

        public void setMinIdle(int minIdle) {
            this.minIdle = minIdle;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

        public boolean isTestOnBorrow() {
            return testOnBorrow;
        }

        public void setTestOnBorrow(boolean testOnBorrow) {
            this.testOnBorrow = testOnBorrow;
        }

        public boolean isTestWhileIdle() {
            return testWhileIdle;
        }

        public void setTestWhileIdle(boolean testWhileIdle) {
            this.testWhileIdle = testWhileIdle;
        }

        public Duration getTimeBetweenEvictionRuns() {
            return timeBetweenEvictionRuns;
        }

        public void setTimeBetweenEvictionRuns(Duration timeBetweenEvictionRuns) {
            this.timeBetweenEvictionRuns = timeBetweenEvictionRuns;
        }
    }
}
