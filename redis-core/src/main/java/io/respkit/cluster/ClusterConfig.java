package io.respkit.cluster;

import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.internal.ClusterUrlParser;
import io.respkit.internal.ClusterUrlTarget;
import io.respkit.internal.DurationLimit;
import io.respkit.internal.UrlSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to reach a Redis Cluster: the seed nodes the topology is first read from, the settings every
 * node connection uses (a {@link RedisConfig} template: credentials, TLS, protocol, timeouts, client name, charset,
 * limits, the pool of each node, retried reads, multiplexing, health check), how many redirections a command may
 * follow, how often the topology is refreshed, and which node serves reads. Build it by parameters with
 * {@link #builder()}, or from a URL with {@link #fromUrl(String)}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password.
 *
 * <h2>URL</h2>
 * {@code redis-cluster://[[user]:password@]host1[:port1][,host2[:port2]...][/0][?option=value&...]}, or
 * {@code rediss-cluster://...} for TLS on every node connection.
 * <ul>
 *   <li>Hosts are names, IPv4 addresses or IPv6 addresses in brackets ({@code [::1]:7000}); a host without a port
 *       gets 6379. A seed given twice is kept once, at its first place.</li>
 *   <li>User name and password are percent-encoded ({@code %40} for {@code '@'}, {@code %25} for {@code '%'}), as
 *       in {@code redis://}, and apply to every node.</li>
 *   <li>A cluster has only database 0: no path, or {@code /0}; any other database is refused.</li>
 *   <li>Per-node options: exactly those of {@code redis://} (see {@link RedisConfig#fromUrl(String)}), with their
 *       alternative spellings: {@code timeout}, {@code connectTimeout}, {@code clientName}, {@code protocol},
 *       {@code database} (0 only), {@code maxTotal}, {@code maxIdle}, {@code minIdle}, {@code maxWait} (the pool of
 *       each node), {@code retryReads}, {@code multiplexed}, {@code healthCheckInterval}, {@code verifyHostname}.</li>
 *   <li>Cluster options: {@code maxRedirects} (a number, 0 or more), {@code refreshPeriod} (a duration, {@code 0}
 *       turns periodic refresh off), {@code refreshMinInterval} (a duration, {@code 0} or more), {@code readFrom}
 *       (a {@link ReadFrom} as {@link ReadFrom#parse(String)} reads it, e.g. {@code replica-preferred}).</li>
 *   <li>Durations are seconds ({@code 2}, {@code 0.5}) or carry a unit ({@code 500ms}, {@code 2s}, {@code 1m}).</li>
 *   <li>As strict as {@code redis://}: an unknown option, an option given twice (in any spelling) or a bad value
 *       is a {@link RedisUrlSyntaxException} that names the option and never shows the password.</li>
 *   <li>A single-host {@code redis://} or {@code rediss://} URL is accepted too, as one seed with the same options
 *       (the form most configurations already hold); several hosts need {@code redis-cluster://}.</li>
 * </ul>
 * Example:
 * {@code rediss-cluster://app:s%40cret@10.0.0.1:7000,10.0.0.2:7000,[fd00::3]:7000?timeout=500ms&readFrom=replica}.
 */
public final class ClusterConfig {

    /** The default {@link #maxRedirects()}. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;

    /** The default {@link #refreshPeriod()}. */
    public static final Duration DEFAULT_REFRESH_PERIOD = Duration.ofSeconds(30);

    /** The default {@link #refreshMinInterval()}. */
    public static final Duration DEFAULT_REFRESH_MIN_INTERVAL = Duration.ofMillis(250);

    private final List<HostAndPort> seeds;
    private final RedisConfig nodeConfig;
    private final int maxRedirects;
    private final Duration refreshPeriod;
    private final Duration refreshMinInterval;
    private final ReadFrom readFrom;

    private ClusterConfig(Builder b) {
        this.seeds = List.copyOf(b.seeds);
        this.nodeConfig = b.nodeConfig;
        this.maxRedirects = b.maxRedirects;
        this.refreshPeriod = b.refreshPeriod;
        this.refreshMinInterval = b.refreshMinInterval;
        this.readFrom = b.readFrom;
    }

    /**
     * Starts a builder: no seeds yet, the {@link RedisConfig#builder()} defaults for every node, 5 redirections,
     * a topology refresh every 30 s and at most every 250 ms, reads from the primary.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a cluster URL (see the class description).
     *
     * @param url the URL
     * @return the configuration
     * @throws RedisUrlSyntaxException when the URL is malformed, an option unknown, repeated or out of range; the
     *         message never shows the password
     */
    public static ClusterConfig fromUrl(String url) {
        return builder().url(url).build();
    }

    /**
     * Returns the nodes the topology is first read from; the cluster may have many more.
     *
     * @return the seeds, at least one, without duplicates, in the order given; unmodifiable
     */
    public List<HostAndPort> seeds() {
        return seeds;
    }

    /**
     * Returns the template every node connection is configured from. Its host and port mean nothing (each node has
     * its own, see {@link #configFor(HostAndPort)}); its database is 0.
     *
     * @return the per-node template
     */
    public RedisConfig nodeConfig() {
        return nodeConfig;
    }

    /**
     * Returns the configuration for connecting to one node: the {@linkplain #nodeConfig() template} with that
     * node's host and port.
     *
     * @param node the node
     * @return a new configuration
     * @throws NullPointerException when {@code node} is null
     */
    public RedisConfig configFor(HostAndPort node) {
        Objects.requireNonNull(node, "node");
        return nodeConfig.toBuilder().host(node.host()).port(node.port()).build();
    }

    /**
     * Returns how many {@code MOVED} and {@code ASK} redirections one command may follow before it fails.
     *
     * @return the limit, 0 or more (0: the first redirection fails the command); 5 by default
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /**
     * Returns how often the topology is read again when nothing prompts it.
     *
     * @return the period, {@link Duration#ZERO} when periodic refresh is off; 30 s by default
     */
    public Duration refreshPeriod() {
        return refreshPeriod;
    }

    /**
     * Returns the shortest time between two refreshes prompted by events ({@code MOVED}, connection failures), so
     * that a burst of them reads the topology once rather than once per command.
     *
     * @return the interval, 0 or more; 250 ms by default
     */
    public Duration refreshMinInterval() {
        return refreshMinInterval;
    }

    /**
     * Returns which node serves read-only commands.
     *
     * @return the choice; {@link ReadFrom#PRIMARY} by default
     */
    public ReadFrom readFrom() {
        return readFrom;
    }

    /**
     * Returns a builder holding this configuration.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seeds.addAll(seeds);
        b.nodeConfig = nodeConfig;
        b.maxRedirects = maxRedirects;
        b.refreshPeriod = refreshPeriod;
        b.refreshMinInterval = refreshMinInterval;
        b.readFrom = readFrom;
        return b;
    }

    /**
     * Describes the configuration with the password masked; the node template is shown as it applies to the first
     * seed.
     *
     * @return e.g. {@code ClusterConfig[seeds=[h1:7000, h2:7000], readFrom=PRIMARY, maxRedirects=5,
     *         refreshPeriod=PT30S, refreshMinInterval=PT0.25S, node=RedisConfig[redis://:****@h1:7000/0, ...]]}
     */
    @Override
    public String toString() {
        return "ClusterConfig[seeds=" + seeds + ", readFrom=" + readFrom + ", maxRedirects=" + maxRedirects
                + ", refreshPeriod=" + refreshPeriod + ", refreshMinInterval=" + refreshMinInterval
                + ", node=" + configFor(seeds.get(0)) + "]";
    }

    /**
     * Builds a {@link ClusterConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Set<HostAndPort> seeds = new LinkedHashSet<>();
        private RedisConfig nodeConfig = RedisConfig.builder().build();
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;
        private Duration refreshPeriod = DEFAULT_REFRESH_PERIOD;
        private Duration refreshMinInterval = DEFAULT_REFRESH_MIN_INTERVAL;
        private ReadFrom readFrom = ReadFrom.PRIMARY;

        private Builder() {
        }

        /**
         * Takes the seeds, the per-node settings and the cluster options from a URL (see {@link ClusterConfig}):
         * the URL's hosts replace the seeds set so far, its per-node settings go on top of the
         * {@linkplain #nodeConfig(RedisConfig) node template} (its scheme decides TLS), its cluster options replace
         * those set so far. Nothing changes when the URL is refused.
         *
         * @param url the URL
         * @return this builder
         * @throws RedisUrlSyntaxException when the URL is malformed, an option unknown, repeated or out of range;
         *         the message never shows the password
         */
        public Builder url(String url) {
            RedisConfig.Builder node = nodeConfig.toBuilder();
            FromUrl parsed = new FromUrl();
            ClusterUrlParser.parse(url, UrlSettings.of(node), parsed);
            seeds.clear();
            seeds.addAll(parsed.seeds);
            nodeConfig = node.build();
            if (parsed.maxRedirects != null) {
                maxRedirects = parsed.maxRedirects;
            }
            if (parsed.refreshPeriod != null) {
                refreshPeriod = parsed.refreshPeriod;
            }
            if (parsed.refreshMinInterval != null) {
                refreshMinInterval = parsed.refreshMinInterval;
            }
            if (parsed.readFrom != null) {
                readFrom = parsed.readFrom;
            }
            return this;
        }

        /**
         * Adds a seed; one already added is kept once, at its first place.
         *
         * @param host the host name or IP literal, IPv6 without brackets
         * @param port the port, 1 to 65535
         * @return this builder
         * @throws NullPointerException when {@code host} is null
         * @throws IllegalArgumentException when the host is blank or bracketed, or the port out of range
         */
        public Builder seed(String host, int port) {
            return seed(new HostAndPort(host, port));
        }

        /**
         * Adds a seed; one already added is kept once, at its first place.
         *
         * @param seed the seed
         * @return this builder
         * @throws NullPointerException when {@code seed} is null
         */
        public Builder seed(HostAndPort seed) {
            seeds.add(Objects.requireNonNull(seed, "seed"));
            return this;
        }

        /**
         * Replaces the seeds set so far; duplicates are kept once, at their first place.
         *
         * @param seeds the seeds
         * @return this builder
         * @throws NullPointerException when {@code seeds} or one of them is null (the seeds are then unchanged)
         */
        public Builder seeds(Collection<HostAndPort> seeds) {
            Objects.requireNonNull(seeds, "seeds");
            List<HostAndPort> copy = new ArrayList<>(seeds.size());
            for (HostAndPort seed : seeds) {
                copy.add(Objects.requireNonNull(seed, "a seed is null"));
            }
            this.seeds.clear();
            this.seeds.addAll(copy);
            return this;
        }

        /**
         * Sets the template every node connection is configured from; its host and port are ignored.
         *
         * @param nodeConfig the template
         * @return this builder
         * @throws NullPointerException when {@code nodeConfig} is null
         * @throws IllegalArgumentException when its database is not 0: a Redis Cluster has only database 0
         */
        public Builder nodeConfig(RedisConfig nodeConfig) {
            Objects.requireNonNull(nodeConfig, "nodeConfig");
            if (nodeConfig.database() != 0) {
                throw new IllegalArgumentException("a Redis Cluster has only database 0, but nodeConfig selects "
                        + "database " + nodeConfig.database());
            }
            this.nodeConfig = nodeConfig;
            return this;
        }

        /**
         * Sets how many {@code MOVED} and {@code ASK} redirections one command may follow before it fails.
         *
         * @param maxRedirects 0 or more
         * @return this builder
         * @throws IllegalArgumentException when it is negative
         */
        public Builder maxRedirects(int maxRedirects) {
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative, was " + maxRedirects);
            }
            this.maxRedirects = maxRedirects;
            return this;
        }

        /**
         * Sets how often the topology is read again when nothing prompts it.
         *
         * @param refreshPeriod the period; {@link Duration#ZERO} turns periodic refresh off
         * @return this builder
         * @throws NullPointerException when it is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder refreshPeriod(Duration refreshPeriod) {
            this.refreshPeriod = notNegative(refreshPeriod, "refreshPeriod", " (zero turns periodic refresh off)");
            return this;
        }

        /**
         * Sets the shortest time between two refreshes prompted by events ({@code MOVED}, connection failures).
         *
         * @param refreshMinInterval the interval; {@link Duration#ZERO} for no limit
         * @return this builder
         * @throws NullPointerException when it is null
         * @throws IllegalArgumentException when it is negative
         */
        public Builder refreshMinInterval(Duration refreshMinInterval) {
            this.refreshMinInterval = notNegative(refreshMinInterval, "refreshMinInterval", "");
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
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException when no seed was given
         */
        public ClusterConfig build() {
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("a cluster configuration needs at least one seed node: call "
                        + "seed(host, port), seeds(...) or url(...)");
            }
            return new ClusterConfig(this);
        }

        private static Duration notNegative(Duration d, String what, String hint) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative" + hint + ", was "
                        + DurationLimit.show(d));
            }
            return DurationLimit.check(d, what);
        }
    }

    /**
     * What a URL sets beyond the node template, held until the whole URL is read so that a refused URL leaves the
     * builder as it was. Not thread-safe: one parse, one thread.
     */
    private static final class FromUrl implements ClusterUrlTarget {
        private final Set<HostAndPort> seeds = new LinkedHashSet<>();
        private Integer maxRedirects;
        private Duration refreshPeriod;
        private Duration refreshMinInterval;
        private ReadFrom readFrom;

        @Override
        public void seed(String host, int port) {
            seeds.add(new HostAndPort(host, port));
        }

        @Override
        public void maxRedirects(int maxRedirects) {
            this.maxRedirects = maxRedirects;
        }

        @Override
        public void refreshPeriod(Duration period) {
            this.refreshPeriod = period;
        }

        @Override
        public void refreshMinInterval(Duration interval) {
            this.refreshMinInterval = interval;
        }

        @Override
        public void readFrom(String readFrom) {
            this.readFrom = ReadFrom.parse(readFrom);
        }
    }
}
