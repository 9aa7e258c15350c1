package io.respkit.sentinel;

import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.internal.DurationLimit;
import io.respkit.internal.SentinelUrlParser;
import io.respkit.internal.SentinelUrlValues;
import io.respkit.internal.UrlSettings;
import io.respkit.pool.PoolConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to reach a Redis primary and its replicas through Redis Sentinel: the sentinels asked where the
 * primary is, the name the sentinels monitor it under, the settings every data-node connection uses (a
 * {@link RedisConfig} template: credentials, TLS, protocol, timeouts, database, client name, pool, ...), the
 * sentinels' own credentials, which node serves reads, and how often the sentinels are polled for the current
 * primary. Build it by parameters with {@link #builder()}, or from a URL with {@link #fromUrl(String)}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a password, neither the data nodes' nor the
 * sentinels'.
 *
 * <h2>URL</h2>
 * {@code redis-sentinel://[[user]:password@]host1[:port1][,host2[:port2]...]/masterName[/database][?option=value&...]},
 * or {@code rediss-sentinel://...} for TLS on every connection, to the sentinels and to the data nodes.
 * <ul>
 *   <li>The hosts are the sentinels: names, IPv4 addresses or IPv6 addresses in brackets ({@code [::1]:26379}); a
 *       host without a port gets 26379. A sentinel given twice is kept once, at its first place.</li>
 *   <li>The master name, required, is the path's first segment (percent-encoded if need be); a second segment
 *       selects the database on the data nodes (any database, unlike a cluster).</li>
 *   <li>User name and password are the data nodes' (primary and replicas), percent-encoded ({@code %40} for
 *       {@code '@'}, {@code %25} for {@code '%'}), as in {@code redis://}. The sentinels get none of them: they
 *       often have no password or another one, given by the options {@code sentinelUsername} and
 *       {@code sentinelPassword} (percent-encoded; a user name needs a password).</li>
 *   <li>Per-node options: exactly those of {@code redis://} (see {@link RedisConfig#fromUrl(String)}), with their
 *       alternative spellings: {@code timeout}, {@code connectTimeout}, {@code clientName}, {@code protocol},
 *       {@code database} (not with a database in the path), {@code maxTotal}, {@code maxIdle}, {@code minIdle},
 *       {@code maxWait} (the pool of each data node), {@code retryReads}, {@code multiplexed},
 *       {@code healthCheckInterval}, {@code verifyHostname}.</li>
 *   <li>Sentinel options: {@code readFrom} (a {@link ReadFrom} as {@link ReadFrom#parse(String)} reads it, e.g.
 *       {@code replica-preferred}), {@code checkInterval} (a duration, {@code 0} turns the periodic check off),
 *       {@code sentinelUsername}, {@code sentinelPassword}.</li>
 *   <li>Durations are seconds ({@code 2}, {@code 0.5}) or carry a unit ({@code 500ms}, {@code 2s}, {@code 1m}).</li>
 *   <li>As strict as {@code redis://}: an unknown option, an option given twice (in any spelling) or a bad value
 *       is a {@link RedisUrlSyntaxException} that names the option and never shows a password.</li>
 * </ul>
 * Example: {@code rediss-sentinel://app:s%40cret@10.0.0.1,10.0.0.2:26380,[fd00::3]/mymaster/2?timeout=500ms
 * &readFrom=replica-preferred&sentinelPassword=s3nt%21nel}.
 */
public final class SentinelConfig {

    /** The port of a sentinel given without one: Redis Sentinel's default. */
    public static final int DEFAULT_SENTINEL_PORT = SentinelUrlParser.DEFAULT_PORT;

    /** The default {@link #checkInterval()}. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final List<HostAndPort> sentinels;
    private final String masterName;
    private final RedisConfig nodeConfig;
    private final String sentinelUsername;
    private final String sentinelPassword;
    private final ReadFrom readFrom;
    private final Duration checkInterval;
    private final DurableWrites durableWrites;

    private SentinelConfig(Builder b) {
        this.sentinels = List.copyOf(b.sentinels);
        this.masterName = b.masterName;
        this.nodeConfig = b.nodeConfig;
        this.sentinelUsername = b.sentinelUsername;
        this.sentinelPassword = b.sentinelPassword;
        this.readFrom = b.readFrom;
        this.checkInterval = b.checkInterval;
        this.durableWrites = b.durableWrites;
    }

    /**
     * Starts a builder: no sentinels and no master name yet, the {@link RedisConfig#builder()} defaults for every
     * data node, no sentinel credentials, reads from the primary, the sentinels checked every second.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a sentinel URL (see the class description).
     *
     * @param url the URL
     * @return the configuration
     * @throws RedisUrlSyntaxException when the URL is malformed, has no master name, or an option is unknown,
     *         repeated or out of range; the message never shows a password
     */
    public static SentinelConfig fromUrl(String url) {
        return builder().url(url).build();
    }

    /**
     * Returns the sentinels asked where the primary and its replicas are.
     *
     * @return the sentinels, at least one, without duplicates, in the order given; unmodifiable
     */
    public List<HostAndPort> sentinels() {
        return sentinels;
    }

    /**
     * Returns the name the sentinels monitor the primary under ({@code SENTINEL MONITOR <name> ...}).
     *
     * @return the master name, not blank
     */
    public String masterName() {
        return masterName;
    }

    /**
     * Returns the template every data-node connection (to the primary and to the replicas) is configured from. Its
     * host and port mean nothing: each node has its own, see {@link #configFor(HostAndPort)}.
     *
     * @return the data-node template
     */
    public RedisConfig nodeConfig() {
        return nodeConfig;
    }

    /**
     * Returns the configuration for connecting to one data node: the {@linkplain #nodeConfig() template} with that
     * node's host and port.
     *
     * @param node the primary or a replica
     * @return a new configuration
     * @throws NullPointerException when {@code node} is null
     */
    public RedisConfig configFor(HostAndPort node) {
        Objects.requireNonNull(node, "node");
        return nodeConfig.toBuilder().host(node.host()).port(node.port()).build();
    }

    /**
     * Returns the configuration for connecting to one sentinel: the {@linkplain #nodeConfig() template}'s TLS,
     * protocol, timeouts, client name, charset, limits and health check, with that sentinel's host and port, the
     * {@linkplain Builder#sentinelCredentials(String, String) sentinel credentials} (none when none were given: the
     * data nodes' are never sent to a sentinel), database 0 (a sentinel has no other) and the default pool (the data
     * nodes' pool sizes are not meant for sentinels).
     *
     * @param sentinel the sentinel, usually one of {@link #sentinels()} or one they reported
     * @return a new configuration
     * @throws NullPointerException when {@code sentinel} is null
     */
    public RedisConfig sentinelConfig(HostAndPort sentinel) {
        Objects.requireNonNull(sentinel, "sentinel");
        return nodeConfig.toBuilder().host(sentinel.host()).port(sentinel.port())
                .username(sentinelUsername).password(sentinelPassword).database(0).pool(PoolConfig.DEFAULT).build();
    }

    /**
     * Returns the ACL user the sentinels are authenticated as.
     *
     * @return the user name, or {@code null} for the default user (or when the sentinels need no password)
     */
    public String sentinelUsername() {
        return sentinelUsername;
    }

    /**
     * Returns which node serves read-only commands: the primary, or one of the replicas the sentinels report.
     *
     * @return the choice; {@link ReadFrom#PRIMARY} by default
     */
    public ReadFrom readFrom() {
        return readFrom;
    }

    /**
     * Returns how often the sentinels are asked for the current primary when nothing prompts it: the safety net for
     * a missed failover notification.
     *
     * @return the interval, {@link Duration#ZERO} when the periodic check is off; 1 s by default
     */
    public Duration checkInterval() {
        return checkInterval;
    }

    /**
     * Returns the durable-write mode: each write waits for this many replicas ({@code WAIT}).
     *
     * @return the mode, or {@code null} when writes do not wait (the default)
     */
    public DurableWrites durableWrites() {
        return durableWrites;
    }

    /**
     * Returns a builder holding this configuration.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sentinels.addAll(sentinels);
        b.masterName = masterName;
        b.nodeConfig = nodeConfig;
        b.sentinelUsername = sentinelUsername;
        b.sentinelPassword = sentinelPassword;
        b.readFrom = readFrom;
        b.checkInterval = checkInterval;
        b.durableWrites = durableWrites;
        return b;
    }

    /**
     * Describes the configuration with every password masked; the node template's address means nothing.
     *
     * @return e.g. {@code SentinelConfig[masterName=mymaster, sentinels=[s1:26379, s2:26379], readFrom=PRIMARY,
     *         checkInterval=PT1S, sentinelUsername=watch, sentinelPassword=****,
     *         node=RedisConfig[redis://app:****@localhost:6379/0, ...]]}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SentinelConfig[masterName=").append(masterName)
                .append(", sentinels=").append(sentinels).append(", readFrom=").append(readFrom)
                .append(", checkInterval=").append(checkInterval);
        if (sentinelUsername != null) {
            sb.append(", sentinelUsername=").append(sentinelUsername);
        }
        if (sentinelPassword != null) {
            sb.append(", sentinelPassword=****");
        }
        if (durableWrites != null) {
            sb.append(", durableWrites=").append(durableWrites);
        }
        return sb.append(", node=").append(nodeConfig).append(']').toString();
    }

    /**
     * Builds a {@link SentinelConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Set<HostAndPort> sentinels = new LinkedHashSet<>();
        private String masterName;
        private RedisConfig nodeConfig = RedisConfig.builder().build();
        private String sentinelUsername;
        private String sentinelPassword;
        private ReadFrom readFrom = ReadFrom.PRIMARY;
        private Duration checkInterval = DEFAULT_CHECK_INTERVAL;
        private DurableWrites durableWrites;

        private Builder() {
        }

        /**
         * Takes the sentinels, the master name, the data-node settings and the sentinel options from a URL (see
         * {@link SentinelConfig}): the URL's sentinels and master name replace those set so far, its data-node
         * settings go on top of the {@linkplain #nodeConfig(RedisConfig) node template} (its scheme decides TLS),
         * its sentinel options replace those set so far (sentinel credentials only when it gives
         * {@code sentinelPassword}). Nothing changes when the URL is refused.
         *
         * @param url the URL
         * @return this builder
         * @throws RedisUrlSyntaxException when the URL is malformed, has no master name, or an option is unknown,
         *         repeated or out of range; the message never shows a password
         */
        public Builder url(String url) {
            RedisConfig.Builder node = nodeConfig.toBuilder();
            SentinelUrlValues parsed = new SentinelUrlValues();
            SentinelUrlParser.parse(url, UrlSettings.of(node), parsed);
            sentinels.clear();
            sentinels.addAll(parsed.sentinels());
            masterName = parsed.masterName();
            nodeConfig = node.build();
            if (parsed.sentinelPassword() != null) {
                sentinelUsername = parsed.sentinelUsername();
                sentinelPassword = parsed.sentinelPassword();
            }
            if (parsed.readFrom() != null) {
                readFrom = parsed.readFrom();
            }
            if (parsed.checkInterval() != null) {
                checkInterval = parsed.checkInterval();
            }
            return this;
        }

        /**
         * Adds a sentinel; one already added is kept once, at its first place.
         *
         * @param host the host name or IP literal, IPv6 without brackets
         * @param port the port, 1 to 65535 (Redis Sentinel's default is 26379)
         * @return this builder
         * @throws NullPointerException when {@code host} is null
         * @throws IllegalArgumentException when the host is blank or bracketed, or the port out of range
         */
        public Builder sentinel(String host, int port) {
            return sentinel(new HostAndPort(host, port));
        }

        /**
         * Adds a sentinel; one already added is kept once, at its first place.
         *
         * @param sentinel the sentinel
         * @return this builder
         * @throws NullPointerException when {@code sentinel} is null
         */
        public Builder sentinel(HostAndPort sentinel) {
            sentinels.add(Objects.requireNonNull(sentinel, "sentinel"));
            return this;
        }

        /**
         * Replaces the sentinels set so far; duplicates are kept once, at their first place.
         *
         * @param sentinels the sentinels
         * @return this builder
         * @throws NullPointerException when {@code sentinels} or one of them is null (the sentinels are then
         *         unchanged)
         */
        public Builder sentinels(Collection<HostAndPort> sentinels) {
            Objects.requireNonNull(sentinels, "sentinels");
            List<HostAndPort> copy = new ArrayList<>(sentinels.size());
            for (HostAndPort sentinel : sentinels) {
                copy.add(Objects.requireNonNull(sentinel, "a sentinel is null"));
            }
            this.sentinels.clear();
            this.sentinels.addAll(copy);
            return this;
        }

        /**
         * Sets the name the sentinels monitor the primary under.
         *
         * @param masterName the name, as given to {@code SENTINEL MONITOR}
         * @return this builder
         * @throws NullPointerException when it is null
         * @throws IllegalArgumentException when it is blank
         */
        public Builder masterName(String masterName) {
            Objects.requireNonNull(masterName, "masterName");
            if (masterName.isBlank()) {
                throw new IllegalArgumentException("masterName must not be blank");
            }
            this.masterName = masterName;
            return this;
        }

        /**
         * Sets the template every data-node connection (primary and replicas) is configured from; its host and port
         * are ignored. Its TLS, protocol and timeouts apply to the sentinel connections too, its credentials do not.
         *
         * @param nodeConfig the template
         * @return this builder
         * @throws NullPointerException when {@code nodeConfig} is null
         */
        public Builder nodeConfig(RedisConfig nodeConfig) {
            this.nodeConfig = Objects.requireNonNull(nodeConfig, "nodeConfig");
            return this;
        }

        /**
         * Sets the credentials sent to the sentinels, which may differ from the data nodes'.
         *
         * @param username the ACL user, or {@code null} for the default user
         * @param password the password, or {@code null} (with a {@code null} user name) for sentinels without
         *                 authentication
         * @return this builder
         * @throws IllegalArgumentException when a user name comes without a password, or the user name or the
         *         password is empty (the message never shows the password)
         */
        public Builder sentinelCredentials(String username, String password) {
            if (username != null && username.isEmpty()) {
                throw new IllegalArgumentException("sentinel user name must not be empty (null for the default "
                        + "user)");
            }
            if (password == null && username != null) {
                throw new IllegalArgumentException("sentinel user name '" + username + "' needs a password");
            }
            if (password != null && password.isEmpty()) {
                throw new IllegalArgumentException("sentinel password must not be empty (null for none)");
            }
            this.sentinelUsername = username;
            this.sentinelPassword = password;
            return this;
        }

        /**
         * Sets which node serves read-only commands.
         *
         * @param readFrom the choice
         * @return this builder
         * @throws NullPointerException when it is null
         */
        public Builder readFrom(ReadFrom readFrom) {
            this.readFrom = Objects.requireNonNull(readFrom, "readFrom");
            return this;
        }

        /**
         * Sets how often the sentinels are asked for the current primary when nothing prompts it.
         *
         * @param checkInterval the interval; {@link Duration#ZERO} turns the periodic check off
         * @return this builder
         * @throws NullPointerException when it is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder checkInterval(Duration checkInterval) {
            Objects.requireNonNull(checkInterval, "checkInterval");
            if (checkInterval.isNegative()) {
                throw new IllegalArgumentException("checkInterval must not be negative (zero turns the periodic "
                        + "check off), was " + DurationLimit.show(checkInterval));
            }
            this.checkInterval = DurationLimit.check(checkInterval, "checkInterval");
            return this;
        }

        /**
         * Turns the durable-write mode on or off: see {@link DurableWrites}.
         *
         * @param durableWrites how many replicas must confirm each write and how long to wait; {@code null} for
         *        none (the default)
         * @return this builder
         */
        public Builder durableWrites(DurableWrites durableWrites) {
            this.durableWrites = durableWrites;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException when no sentinel or no master name was given
         */
        public SentinelConfig build() {
            if (sentinels.isEmpty()) {
                throw new IllegalArgumentException("a sentinel configuration needs at least one sentinel: call "
                        + "sentinel(host, port), sentinels(...) or url(...)");
            }
            if (masterName == null) {
                throw new IllegalArgumentException("a sentinel configuration needs the master name: call "
                        + "masterName(name) or url(...)");
            }
            return new SentinelConfig(this);
        }
    }
}
