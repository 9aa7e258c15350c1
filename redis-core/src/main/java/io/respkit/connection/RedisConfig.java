package io.respkit.connection;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.internal.UrlMasking;
import io.respkit.internal.UrlSettings;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespLimits;
import io.respkit.protocol.RespVersion;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to connect to one Redis server: address, credentials, database, client name, protocol,
 * timeouts, TLS, charset, protocol limits and pool settings. Build it by parameters with {@link #builder()}, or
 * from a URL with {@link #fromUrl(String)}:
 * {@code redis://[[username]:password@]host[:port][/database][?option=value&...]} or {@code rediss://...} for TLS.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password.
 */
public final class RedisConfig {

    /** The default {@link #healthCheckInterval()}: with the default 2 s read timeout, dead peers are found in 17 s. */
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(15);

    /**
     * The longest duration a timeout, wait or interval setting (here and in {@link io.respkit.pool.PoolConfig})
     * accepts: 2<sup>62</sup> nanoseconds, about 146 years, so that deadlines can be counted in nanoseconds. There is
     * no "forever": {@code ChronoUnit.FOREVER} is refused.
     */
    public static final Duration MAX_DURATION = Duration.ofNanos(1L << 62);

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final int database;
    private final String clientName;
    private final RespVersion protocol;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final SslOptions ssl;
    private final Charset charset;
    private final RespLimits limits;
    private final PoolConfig pool;
    private final boolean retryReads;
    private final ConnectionMode connectionMode;
    private final Duration healthCheckInterval;

    private RedisConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.database = b.database;
        this.clientName = b.clientName;
        this.protocol = b.protocol;
        this.connectTimeout = b.connectTimeout;
        this.timeout = b.timeout;
        this.ssl = b.ssl;
        this.charset = b.charset;
        this.limits = b.limits;
        this.pool = b.pool;
        this.retryReads = b.retryReads;
        this.connectionMode = b.connectionMode;
        this.healthCheckInterval = b.healthCheckInterval;
    }

    /**
     * Starts a builder: {@code localhost:6379}, database 0, RESP3 (falling back to RESP2), 2 s connect and read
     * timeouts, a 15 s health-check interval, no TLS, UTF-8.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a Redis URL. Options in the query: {@code timeout}, {@code connectTimeout}, {@code clientName},
     * {@code protocol} ({@code resp2}/{@code resp3}), {@code database}, {@code maxTotal} (or
     * {@code max_connections}), {@code maxIdle}, {@code minIdle}, {@code maxWait}, {@code verifyHostname},
     * {@code retryReads} ({@code true}/{@code false}), {@code healthCheckInterval} (or
     * {@code health_check_interval}; {@code 0} turns it off).
     * Durations are seconds ({@code 2}, {@code 0.5}) or carry a unit ({@code 500ms}, {@code 2s}, {@code 1m}).
     *
     * @param url the URL
     * @return the configuration
     * @throws RedisUrlSyntaxException when the URL is malformed, or is a {@code redis-cluster://} URL (read by
     *         {@code io.respkit.cluster.ClusterConfig.fromUrl}) or a {@code redis-sentinel://} URL (read by
     *         {@code io.respkit.sentinel.SentinelConfig.fromUrl}); the message never shows the password
     */
    public static RedisConfig fromUrl(String url) {
        return UrlSettings.apply(url, builder()).build();
    }

    /**
     * Returns a Redis URL fit for messages and logs: the password in its user info, and the values of query options
     * whose names suggest a secret ({@code password}, {@code token}, ...), replaced by {@code ****}. Works on any
     * text, malformed URLs included, masking too much rather than too little.
     *
     * @param url the URL, may be {@code null}
     * @return the masked URL, or {@code null} for {@code null}
     */
    public static String maskUrl(String url) {
        return UrlMasking.mask(url);
    }

    /** @return the host name or IP address */
    public String host() {
        return host;
    }

    /** @return the TCP port */
    public int port() {
        return port;
    }

    /** @return the ACL user name, or {@code null} for the default user */
    public String username() {
        return username;
    }

    /** @return the password, or {@code null}; never logged */
    public String password() {
        return password;
    }

    /** @return the database index selected after connecting */
    public int database() {
        return database;
    }

    /** @return the client name set with {@code CLIENT SETNAME}, or {@code null} */
    public String clientName() {
        return clientName;
    }

    /** @return the preferred protocol version */
    public RespVersion protocol() {
        return protocol;
    }

    /** @return the connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the read timeout for a reply (blocking commands add their block time) */
    public Duration timeout() {
        return timeout;
    }

    /** @return the TLS options, or {@code null} for plain TCP */
    public SslOptions ssl() {
        return ssl;
    }

    /** @return the charset for keys and text values */
    public Charset charset() {
        return charset;
    }

    /** @return the limits on what the server may send */
    public RespLimits limits() {
        return limits;
    }

    /** @return the pool settings */
    public PoolConfig pool() {
        return pool;
    }

    /**
     * Returns whether a read-only command ({@link io.respkit.commands.Command#isReadOnly()}) that failed with a
     * connection error is retried once on a fresh connection. Writes are never retried.
     *
     * @return {@code true} when reads are retried; off by default
     */
    public boolean retryReads() {
        return retryReads;
    }

    /**
     * Returns whether ordinary commands always share one auto-pipelined connection instead of borrowing pooled ones:
     * {@link #connectionMode()} is {@link ConnectionMode#MULTIPLEXED}.
     *
     * @return {@code true} for the multiplexed mode
     */
    public boolean multiplexed() {
        return connectionMode == ConnectionMode.MULTIPLEXED;
    }

    /**
     * Returns how ordinary commands run: pooled, multiplexed, or (the default) pooled for a lone caller and
     * multiplexed under concurrency.
     *
     * @return the mode; {@link ConnectionMode#ADAPTIVE} by default
     */
    public ConnectionMode connectionMode() {
        return connectionMode;
    }

    /**
     * Returns how long a subscriber or multiplexed connection may stay silent before it is sent {@code PING}; when
     * no reply comes within the read timeout after that, the peer is taken as dead (gone without FIN or RST, which
     * TCP alone notices only after hours) and the connection is replaced.
     *
     * @return the interval, {@link Duration#ZERO} when the health check is off; 15 s by default
     */
    public Duration healthCheckInterval() {
        return healthCheckInterval;
    }

    /**
     * Returns {@code host:port}, the address used in messages.
     *
     * @return the address
     */
    public String address() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /**
     * Returns a builder holding this configuration.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.username = username;
        b.password = password;
        b.database = database;
        b.clientName = clientName;
        b.protocol = protocol;
        b.connectTimeout = connectTimeout;
        b.timeout = timeout;
        b.ssl = ssl;
        b.charset = charset;
        b.limits = limits;
        b.pool = pool;
        b.retryReads = retryReads;
        b.connectionMode = connectionMode;
        b.healthCheckInterval = healthCheckInterval;
        return b;
    }

    /**
     * Describes the configuration with the password masked.
     *
     * @return e.g. {@code RedisConfig[redis://:****@127.0.0.1:6379/0, RESP3, timeout=PT2S]}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RedisConfig[").append(ssl != null ? "rediss://" : "redis://");
        if (username != null || password != null) {
            if (username != null) {
                sb.append(username);
            }
            if (password != null) {
                sb.append(":****");
            }
            sb.append('@');
        }
        sb.append(address()).append('/').append(database).append(", ").append(protocol)
                .append(", timeout=").append(timeout);
        if (clientName != null) {
            sb.append(", clientName=").append(clientName);
        }
        if (connectionMode != ConnectionMode.ADAPTIVE) {
            sb.append(connectionMode == ConnectionMode.POOLED ? ", pooled" : ", multiplexed");
        }
        if (retryReads) {
            sb.append(", retryReads");
        }
        if (!healthCheckInterval.equals(DEFAULT_HEALTH_CHECK_INTERVAL)) {
            sb.append(", healthCheckInterval=").append(healthCheckInterval);
        }
        return sb.append(']').toString();
    }

    /**
     * Builds a {@link RedisConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private String host = "localhost";
        private int port = 6379;
        private String username;
        private String password;
        private int database;
        private String clientName;
        private RespVersion protocol = RespVersion.RESP3;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration timeout = Duration.ofSeconds(2);
        private SslOptions ssl;
        private Charset charset = StandardCharsets.UTF_8;
        private RespLimits limits = RespLimits.DEFAULT;
        private PoolConfig pool = PoolConfig.DEFAULT;
        private boolean retryReads;
        private ConnectionMode connectionMode = ConnectionMode.ADAPTIVE;
        private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;

        private Builder() {
        }

        /**
         * Takes host, port, credentials, database, TLS and options from a URL, on top of what is set already.
         *
         * @param url the URL, see {@link RedisConfig#fromUrl(String)}
         * @return this builder
         * @throws RedisUrlSyntaxException when the URL is malformed
         */
        public Builder url(String url) {
            return UrlSettings.apply(url, this);
        }

        /**
         * @param host the host name or IP address
         * @return this builder
         * @throws NullPointerException when the host is null
         * @throws IllegalArgumentException when it holds a {@code '@'} or {@code '/'}, as a URL or user info does
         *         ({@link #url(String)} takes a URL); the message never shows a password
         */
        public Builder host(String host) {
            this.host = ConfigChecks.host(host);
            return this;
        }

        /**
         * @param port the TCP port, 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            this.port = ConfigChecks.port(port);
            return this;
        }

        /**
         * @param username the ACL user, or {@code null} for the default user
         * @return this builder
         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * @param password the password, or {@code null} for none
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * @param database the database index, 0 or more
         * @return this builder
         */
        public Builder database(int database) {
            this.database = ConfigChecks.database(database);
            return this;
        }

        /**
         * @param clientName the name for {@code CLIENT SETNAME}, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException when the name is empty or holds a character Redis refuses (anything but
         *         ASCII {@code '!'} to {@code '~'})
         */
        public Builder clientName(String clientName) {
            this.clientName = ConfigChecks.clientName(clientName);
            return this;
        }

        /**
         * @param protocol RESP3 (falls back to RESP2 on old servers) or RESP2
         * @return this builder
         */
        public Builder protocol(RespVersion protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * @param connectTimeout a positive connect timeout
         * @return this builder
         * @throws IllegalArgumentException when it is zero or negative
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = ConfigChecks.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * @param timeout a positive read timeout for replies
         * @return this builder
         * @throws IllegalArgumentException when it is zero or negative
         */
        public Builder timeout(Duration timeout) {
            this.timeout = ConfigChecks.positive(timeout, "timeout");
            return this;
        }

        /**
         * @param ssl TLS options, or {@code null} for plain TCP
         * @return this builder
         */
        public Builder ssl(SslOptions ssl) {
            this.ssl = ssl;
            return this;
        }

        /**
         * @param enabled {@code true} for TLS with the JVM defaults
         * @return this builder
         */
        public Builder ssl(boolean enabled) {
            this.ssl = enabled ? (ssl != null ? ssl : SslOptions.DEFAULT) : null;
            return this;
        }

        /**
         * @param charset the charset for keys and text values
         * @return this builder
         */
        public Builder charset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /**
         * @param limits the limits on what the server may send
         * @return this builder
         */
        public Builder limits(RespLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * @param pool the pool settings
         * @return this builder
         */
        public Builder pool(PoolConfig pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * Sets whether a read-only command (GET, MGET, EXISTS, TTL, HGETALL, LRANGE, SMEMBERS, ZRANGE, ...; see
         * {@link io.respkit.commands.Command#readOnly()}) that failed with a {@link io.respkit.exceptions.RedisConnectionException}
         * (a timeout included) is run once more on a fresh connection. Off by default. Writes are never retried:
         * a write whose reply was lost may already have been applied, and running it again (INCR, LPUSH, ...)
         * would apply it twice. Pipelines, transactions and {@code withConnection} are never retried either.
         *
         * @param retryReads whether to retry reads once
         * @return this builder
         */
        public Builder retryReads(boolean retryReads) {
            this.retryReads = retryReads;
            return this;
        }

        /**
         * Sets whether the client always runs ordinary commands on one shared connection with automatic pipelining
         * ({@link ConnectionMode#MULTIPLEXED}) or always on pooled ones ({@link ConnectionMode#POOLED}); see
         * {@link #connectionMode(ConnectionMode)}, whose default, {@link ConnectionMode#ADAPTIVE}, is neither.
         *
         * @param multiplexed {@code true} for {@code MULTIPLEXED}, {@code false} for {@code POOLED}
         * @return this builder
         */
        public Builder multiplexed(boolean multiplexed) {
            this.connectionMode = multiplexed ? ConnectionMode.MULTIPLEXED : ConnectionMode.POOLED;
            return this;
        }

        /**
         * Sets how the client runs ordinary commands. With {@link ConnectionMode#MULTIPLEXED} many threads'
         * commands are coalesced into single socket writes on one shared connection; with
         * {@link ConnectionMode#POOLED} each command borrows a pooled connection; {@link ConnectionMode#ADAPTIVE},
         * the default, borrows for a lone caller and shares under concurrency. Blocking commands, transactions,
         * WATCH, SELECT, pub/sub and other stateful commands always run on dedicated pooled connections, and
         * pipelines keep their own pooled connection.
         *
         * @param mode the mode
         * @return this builder
         * @throws NullPointerException when {@code mode} is null
         */
        public Builder connectionMode(ConnectionMode mode) {
            this.connectionMode = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the dead-peer health check of connections that wait for the server rather than for a reply:
         * subscribers (the core {@link io.respkit.pubsub.Subscriber} and the starter's pub/sub listeners), the
         * multiplexed connection, and (as a bound on each blocking wait) the starter's queue listeners. A
         * connection silent for {@code interval} is sent {@code PING}; with no reply within the read timeout
         * ({@link #timeout(Duration)}) after that, it is taken as lost: a subscriber reconnects and resubscribes, a
         * multiplexed connection fails what is in flight and the next command opens a fresh one. A peer that vanished
         * without FIN or RST is so detected within {@code interval} plus the read timeout (17 s with the defaults).
         *
         * @param interval the silence before a {@code PING}; {@link Duration#ZERO} turns the check off
         * @return this builder
         * @throws NullPointerException when {@code interval} is null
         * @throws IllegalArgumentException when {@code interval} is negative
         */
        public Builder healthCheckInterval(Duration interval) {
            this.healthCheckInterval = ConfigChecks.healthCheckInterval(interval);
            return this;
        }

        /**
         * Returns the pool settings set so far, for adjusting one of them.
         *
         * @return the pool settings
         */
        public PoolConfig pool() {
            return pool;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public RedisConfig build() {
            return new RedisConfig(this);
        }
    }
}
