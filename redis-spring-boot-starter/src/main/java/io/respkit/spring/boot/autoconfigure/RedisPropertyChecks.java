package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;
import io.respkit.connection.RedisConfig;
import io.respkit.sentinel.SentinelConfig;
import org.springframework.util.StringUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code redis.*} properties before they reach respkit, so that a value out of range fails the startup with
 * an {@link InvalidRedisPropertyException} naming the property, not an {@link IllegalArgumentException} about a
 * builder method the user never called. The rules are respkit's own (see {@code RedisConfig}, {@code PoolConfig},
 * {@code ListenerContainerSettings}); passwords and usernames are never checked, so never shown.
 *
 * <p>Stateless and thread-safe.
 */
final class RedisPropertyChecks {

    /** Shown as the value of a required property that is missing. */
    private static final String NOT_SET = "(not set)";

    private RedisPropertyChecks() {
    }

    /**
     * Checks the connection and pool properties.
     *
     * @param p the properties
     * @throws InvalidRedisPropertyException for the first property out of range
     */
    static void connection(RedisProperties p) {
        mode(p);
        if (!StringUtils.hasText(p.getUrl())) {
            // redis.url, when set, wins over these: their values do not matter then
            String host = p.getHost();
            if (host != null && (host.indexOf('@') >= 0 || host.indexOf('/') >= 0)) {
                throw invalid("redis.host", RedisConfig.maskUrl(host), "a host name or an IP address, not a URL",
                        "Set redis.host to the server's name or address, e.g. localhost, and the password with "
                                + "redis.password; or give the whole URL with redis.url instead.");
            }
            if (p.getPort() < 1 || p.getPort() > 65535) {
                throw invalid("redis.port", p.getPort(), "between 1 and 65535",
                        "Set redis.port to the port redis-server listens on (6379 by default).");
            }
            if (p.getDatabase() < 0) {
                throw invalid("redis.database", p.getDatabase(), "0 or more",
                        "Set redis.database to a database index from 0 to 15 (a server has 16 unless its "
                                + "'databases' setting says otherwise), or remove it for database 0.");
            }
        }
        positive("redis.timeout", p.getTimeout(), "how long a command may wait for its reply, e.g. 2s");
        positive("redis.connect-timeout", p.getConnectTimeout(), "how long connecting may take, e.g. 2s");
        String name = p.getClientName();
        if (StringUtils.hasText(name) && !printableWithoutSpaces(name)) {
            throw invalid("redis.client-name", name, "printable ASCII without spaces ('!' to '~')",
                    "Set redis.client-name to a name such as 'orders-service' (the server shows it in CLIENT "
                            + "LIST; Redis refuses spaces, newlines and non-ASCII characters), or remove it.");
        }
        RedisProperties.Pool pool = p.getPool();
        int maxTotal = pool.getMaxTotal();
        if (maxTotal < 1) {
            throw invalid("redis.pool.max-total", maxTotal, "at least 1",
                    "Set redis.pool.max-total to the most connections the application may open (16 by default).");
        }
        Integer maxIdle = pool.getMaxIdle();
        if (maxIdle != null && maxIdle < 0) {
            throw invalid("redis.pool.max-idle", maxIdle, "0 or more",
                    "Set redis.pool.max-idle between 0 and redis.pool.max-total, or remove it to keep up to "
                            + "redis.pool.max-total idle connections.");
        }
        if (maxIdle != null && maxIdle > maxTotal) {
            throw invalid("redis.pool.max-idle", maxIdle, "at most " + maxTotal + " (redis.pool.max-total)",
                    "Lower redis.pool.max-idle to at most redis.pool.max-total, or raise redis.pool.max-total.");
        }
        int idleLimit = maxIdle != null ? maxIdle : maxTotal;
        if (pool.getMinIdle() < 0 || pool.getMinIdle() > idleLimit) {
            throw invalid("redis.pool.min-idle", pool.getMinIdle(), pool.getMinIdle() < 0 ? "0 or more"
                    : "at most " + idleLimit + " (redis.pool.max-idle, which defaults to redis.pool.max-total)",
                    "Set redis.pool.min-idle between 0 and redis.pool.max-idle.");
        }
        positive("redis.pool.max-wait", pool.getMaxWait(), "how long a caller waits for a free connection, e.g. 2s");
        notNegative("redis.pool.validate-after-idle", pool.getValidateAfterIdle(),
                "how long a connection sits idle before it is checked with PING on borrow (0 turns it off), e.g. 30s");
        notNegative("redis.pool.probe-after-idle", pool.getProbeAfterIdle(),
                "how long a connection sits idle before it is probed for a server restart on borrow (0 turns it "
                        + "off), e.g. 50ms");
        notNegative("redis.health-check-interval", p.getHealthCheckInterval(),
                "how long a subscriber or listener stays silent before it PINGs (0 turns it off), e.g. 15s");
    }

    /**
     * Refuses properties of two modes at once, and sentinels without the master name they are to be asked about.
     * {@link RedisModeCondition} has chosen the mode by then (cluster over Sentinel over one server).
     *
     * @param p the properties
     * @throws InvalidRedisPropertyException when {@code redis.cluster.nodes} is set together with
     *         {@code redis.sentinel.master} or {@code redis.sentinel.nodes}, or {@code redis.sentinel.nodes} without
     *         {@code redis.sentinel.master}
     */
    private static void mode(RedisProperties p) {
        RedisSentinelProperties s = p.getSentinel();
        boolean master = StringUtils.hasText(s.getMaster());
        boolean sentinels = hasEntries(s.getNodes());
        if (clusterMode(p) && (master || sentinels)) {
            throw invalid(master ? "redis.sentinel.master" : "redis.sentinel.nodes",
                    master ? s.getMaster() : masked(s.getNodes()), "unset when redis.cluster.nodes is set",
                    "Use either redis.cluster.nodes (a Redis Cluster) or redis.sentinel.master with "
                            + "redis.sentinel.nodes (a primary and its replicas watched by Redis Sentinel), not both: "
                            + "remove the redis.sentinel.* properties or redis.cluster.nodes.");
        }
        if (sentinels && !master) {
            throw invalid("redis.sentinel.master", NOT_SET, "set when redis.sentinel.nodes is set",
                    "Set redis.sentinel.master to the name the sentinels monitor the primary under (SENTINEL "
                            + "MASTERS on a sentinel lists it, e.g. mymaster), or remove redis.sentinel.nodes to "
                            + "connect to one server.");
        }
    }

    /**
     * Tells whether cluster mode is on: {@code redis.cluster.nodes} has at least one non-blank entry.
     *
     * @param p the properties
     * @return {@code true} in cluster mode
     */
    static boolean clusterMode(RedisProperties p) {
        return hasEntries(p.getCluster().getNodes());
    }

    private static boolean hasEntries(List<String> nodes) {
        return nodes != null && nodes.stream().anyMatch(StringUtils::hasText);
    }

    /**
     * Checks the Sentinel properties and parses the sentinels; call in Sentinel mode only, after
     * {@link #connection(RedisProperties)}. Never shows the sentinels' password.
     *
     * @param p the properties
     * @return the sentinels, in the order given; a sentinel without a port gets
     *         {@link SentinelConfig#DEFAULT_SENTINEL_PORT}
     * @throws InvalidRedisPropertyException when {@code redis.url} is set too, no sentinel is given, a sentinel is
     *         not host:port, a sentinel user name comes without a password, or a Sentinel option is out of range
     */
    static List<HostAndPort> sentinel(RedisProperties p) {
        if (StringUtils.hasText(p.getUrl())) {
            throw invalid("redis.url", RedisConfig.maskUrl(p.getUrl()), "unset when redis.sentinel.master is set",
                    "Use either redis.url (one server) or redis.sentinel.master with redis.sentinel.nodes (a "
                            + "primary watched by Redis Sentinel), not both. With Sentinel, remove redis.url and give "
                            + "the data nodes' credentials with redis.username and redis.password, the database "
                            + "with redis.database and TLS with redis.ssl.enabled.");
        }
        RedisSentinelProperties s = p.getSentinel();
        List<HostAndPort> sentinels = sentinelNodes(p);
        if (sentinels.isEmpty()) {
            throw invalid("redis.sentinel.nodes", NOT_SET, "at least one sentinel (host:port) when "
                    + "redis.sentinel.master is set", "Set redis.sentinel.nodes to the sentinels that monitor '"
                    + s.getMaster().strip() + "', separated by commas, e.g. "
                    + "10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379, or remove redis.sentinel.master to connect to "
                    + "one server.");
        }
        if (StringUtils.hasText(s.getUsername()) && !StringUtils.hasLength(s.getPassword())) {
            // Named after the missing password: the analysis shows the named property's value, and a user name
            // is not shown either.
            throw invalid("redis.sentinel.password", NOT_SET, "set when redis.sentinel.username is set (a user "
                    + "name needs a password)", "Set redis.sentinel.password to the password of the sentinels' "
                    + "ACL user, or remove redis.sentinel.username to authenticate as the default user.");
        }
        sentinelOptions(p);
        return sentinels;
    }

    /**
     * Parses {@code redis.sentinel.nodes}, blank entries skipped.
     *
     * @param p the properties
     * @return the sentinels, in the order given (none when none are set); a sentinel without a port gets
     *         {@link SentinelConfig#DEFAULT_SENTINEL_PORT}
     * @throws InvalidRedisPropertyException when a sentinel is not host:port
     */
    static List<HostAndPort> sentinelNodes(RedisProperties p) {
        List<String> nodes = p.getSentinel().getNodes();
        List<HostAndPort> sentinels = new ArrayList<>();
        for (String node : nodes == null ? List.<String>of() : nodes) {
            if (StringUtils.hasText(node)) {
                sentinels.add(sentinelAddress(node));
            }
        }
        return sentinels;
    }

    /**
     * Checks the Sentinel options that apply whatever gives the sentinels (the properties or a
     * {@link RedisConnectionDetails} bean): {@code redis.sentinel.check-interval} and {@code redis.read-from}.
     *
     * @param p the properties
     * @throws InvalidRedisPropertyException when one is out of range
     */
    static void sentinelOptions(RedisProperties p) {
        notNegative("redis.sentinel.check-interval", p.getSentinel().getCheckInterval(),
                "how often the sentinels are asked for the current primary (0 turns it off), e.g. 1s");
        readFrom(p);
    }

    /** Parses one sentinel: host:port, [ipv6]:port, or a host alone for the default sentinel port. */
    private static HostAndPort sentinelAddress(String node) {
        String s = node.strip();
        try {
            if (s.indexOf(':') < 0) {
                return new HostAndPort(s, SentinelConfig.DEFAULT_SENTINEL_PORT);
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                return new HostAndPort(s.substring(1, s.length() - 1), SentinelConfig.DEFAULT_SENTINEL_PORT);
            }
            return HostAndPort.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidRedisPropertyException("redis.sentinel.nodes", RedisConfig.maskUrl(node), "a list of "
                    + "host:port entries (" + e.getMessage() + ")", "Set redis.sentinel.nodes to the sentinels as "
                    + "host:port, separated by commas, e.g. 10.0.0.1:26379,10.0.0.2:26379 ([::1]:26379 for IPv6; a "
                    + "host without a port gets " + SentinelConfig.DEFAULT_SENTINEL_PORT + ").", e);
        }
    }

    /**
     * Checks the cluster properties and parses the seed nodes; call in cluster mode only, after
     * {@link #connection(RedisProperties)}.
     *
     * @param p the properties
     * @return the seeds, in the order given
     * @throws InvalidRedisPropertyException when {@code redis.url} or a database other than 0 is set with
     *         {@code redis.cluster.nodes}, a node is not host:port, or a cluster option is out of range
     */
    static List<HostAndPort> cluster(RedisProperties p) {
        if (StringUtils.hasText(p.getUrl())) {
            throw invalid("redis.url", RedisConfig.maskUrl(p.getUrl()), "unset when redis.cluster.nodes is set",
                    "Use either redis.url (one server) or redis.cluster.nodes (a Redis Cluster), not both. For a "
                            + "cluster, remove redis.url and give the credentials with redis.username and "
                            + "redis.password, TLS with redis.ssl.enabled; they apply to every node.");
        }
        if (p.getDatabase() != 0) {
            throw invalid("redis.database", p.getDatabase(), "0 with redis.cluster.nodes (a Redis Cluster has only "
                    + "database 0)", "Remove redis.database, or set it to 0.");
        }
        List<HostAndPort> seeds = clusterNodes(p);
        clusterOptions(p);
        return seeds;
    }

    /**
     * Parses {@code redis.cluster.nodes}, blank entries skipped.
     *
     * @param p the properties
     * @return the seeds, in the order given (none when none are set)
     * @throws InvalidRedisPropertyException when a node is not host:port
     */
    static List<HostAndPort> clusterNodes(RedisProperties p) {
        List<String> nodes = p.getCluster().getNodes();
        List<HostAndPort> seeds = new ArrayList<>();
        for (String node : nodes == null ? List.<String>of() : nodes) {
            if (!StringUtils.hasText(node)) {
                continue;
            }
            try {
                seeds.add(HostAndPort.parse(node));
            } catch (IllegalArgumentException e) {
                throw new InvalidRedisPropertyException("redis.cluster.nodes", RedisConfig.maskUrl(node), "a list of "
                        + "host:port entries (" + e.getMessage() + ")", "Set redis.cluster.nodes to some of the "
                        + "cluster's nodes as host:port, separated by commas, e.g. 10.0.0.1:7000,10.0.0.2:7000 "
                        + "([::1]:7000 for IPv6).", e);
            }
        }
        return seeds;
    }

    /**
     * Checks the cluster options that apply whatever gives the nodes (the properties or a
     * {@link RedisConnectionDetails} bean): {@code redis.cluster.max-redirects}, {@code redis.cluster.refresh.*}
     * and {@code redis.read-from}.
     *
     * @param p the properties
     * @throws InvalidRedisPropertyException when one is out of range
     */
    static void clusterOptions(RedisProperties p) {
        RedisClusterProperties c = p.getCluster();
        if (c.getMaxRedirects() < 0) {
            throw invalid("redis.cluster.max-redirects", c.getMaxRedirects(), "0 or more",
                    "Set redis.cluster.max-redirects to how many MOVED/ASK redirections a command may follow (5 "
                            + "by default).");
        }
        notNegative("redis.cluster.refresh.period", c.getRefresh().getPeriod(),
                "how often the cluster topology is read again (0 turns it off), e.g. 30s");
        notNegative("redis.cluster.refresh.min-interval", c.getRefresh().getMinInterval(),
                "the shortest time between two refreshes prompted by MOVED replies or failed nodes, e.g. 250ms");
        readFrom(p);
    }

    /**
     * Parses {@code redis.read-from}.
     *
     * @param p the properties
     * @return the choice, {@link ReadFrom#PRIMARY} when unset
     * @throws InvalidRedisPropertyException when it names no choice
     */
    static ReadFrom readFrom(RedisProperties p) {
        String text = p.getReadFrom();
        if (!StringUtils.hasText(text)) {
            return ReadFrom.PRIMARY;
        }
        try {
            return ReadFrom.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRedisPropertyException("redis.read-from", text, "one of primary, primary-preferred, "
                    + "replica-preferred, replica, any", "Set redis.read-from to primary (the default: every read "
                    + "sees the latest write), replica-preferred, replica, primary-preferred or any.", e);
        }
    }

    /**
     * Checks the listener properties.
     *
     * @param l the {@code redis.listener} properties
     * @throws InvalidRedisPropertyException for the first property out of range
     */
    static void listener(RedisListenerProperties l) {
        atLeastOne("redis.listener.concurrency", l.getConcurrency(), "the default number of workers per queue "
                + "listener");
        atLeastOne("redis.listener.batch-size", l.getBatchSize(), "the default number of items a queue worker "
                + "takes per round trip (1: one at a time)");
        positive("redis.listener.poll-timeout", l.getPollTimeout(), "how long a queue worker blocks per poll, e.g. 1s");
        notNegative("redis.listener.shutdown-timeout", l.getShutdownTimeout(),
                "how long stopping waits for running handlers, e.g. 10s");
        atLeastOne("redis.listener.retry.attempts", l.getRetry().getAttempts(),
                "the deliveries of an item of a reliable queue, the first included");
        notNegative("redis.listener.retry.backoff", l.getRetry().getBackoff(), "the pause between attempts, e.g. 100ms");
        RedisListenerProperties.Recovery r = l.getRecovery();
        notNegative("redis.listener.recovery.initial-delay", r.getInitialDelay(),
                "the first pause before reconnecting, e.g. 100ms");
        if (!(r.getMultiplier() >= 1.0)) {
            throw invalid("redis.listener.recovery.multiplier", r.getMultiplier(), "at least 1",
                    "Set redis.listener.recovery.multiplier to 1 (constant pauses) or more (growing pauses, 2 by "
                            + "default).");
        }
        notNegative("redis.listener.recovery.max-delay", r.getMaxDelay(), "the longest pause before reconnecting, "
                + "e.g. 10s");
        stream(l.getStream());
        if (r.getMaxDelay().compareTo(r.getInitialDelay()) < 0) {
            throw invalid("redis.listener.recovery.max-delay", r.getMaxDelay(), "at least "
                    + "redis.listener.recovery.initial-delay (" + r.getInitialDelay() + ")", "Raise "
                    + "redis.listener.recovery.max-delay or lower redis.listener.recovery.initial-delay.");
        }
    }

    private static void stream(RedisListenerProperties.Stream s) {
        positive("redis.listener.stream.block", s.getBlock(), "how long one XREADGROUP waits, e.g. 2s");
        atLeastOne("redis.listener.stream.batch-size", s.getBatchSize(), "the COUNT of each stream read");
        atLeastOne("redis.listener.stream.max-attempts", s.getMaxAttempts(),
                "the deliveries of a stream entry before it is dead-lettered");
        positive("redis.listener.stream.claim-idle", s.getClaimIdle(), "the idle time before an entry is claimed, "
                + "e.g. 1m");
        positive("redis.listener.stream.claim-interval", s.getClaimInterval(), "how often idle entries are "
                + "claimed, e.g. 30s");
        try {
            io.respkit.spring.listener.StreamListenerSpec.parseStartId(String.valueOf(s.getStartId()));
        } catch (IllegalArgumentException e) {
            throw invalid("redis.listener.stream.start-id", s.getStartId(), "$, 0 or an entry id",
                    "Set redis.listener.stream.start-id to $ (new entries only), 0 (every entry) or an entry id.");
        }
        RedisListenerProperties.Backoff b = s.getRetryBackoff();
        notNegative("redis.listener.stream.retry-backoff.initial-delay", b.getInitialDelay(),
                "the delay after the first failed delivery, e.g. 1s");
        if (!(b.getMultiplier() >= 1.0) || Double.isInfinite(b.getMultiplier())) {
            throw invalid("redis.listener.stream.retry-backoff.multiplier", b.getMultiplier(), "at least 1",
                    "Set redis.listener.stream.retry-backoff.multiplier to 1 (fixed delays) or more (2 by default).");
        }
        notNegative("redis.listener.stream.retry-backoff.max-delay", b.getMaxDelay(), "the longest delay, e.g. 30s");
        if (b.getMaxDelay().compareTo(b.getInitialDelay()) < 0) {
            throw invalid("redis.listener.stream.retry-backoff.max-delay", b.getMaxDelay(), "at least the initial "
                    + "delay (" + b.getInitialDelay() + ")", "Raise redis.listener.stream.retry-backoff.max-delay.");
        }
        if (b.getMaxDelay().compareTo(s.getClaimIdle()) >= 0) {
            throw invalid("redis.listener.stream.claim-idle", s.getClaimIdle(), "above "
                    + "redis.listener.stream.retry-backoff.max-delay (" + b.getMaxDelay() + ")", "Raise "
                    + "redis.listener.stream.claim-idle, or lower the retry back-off's max delay: an entry waiting "
                    + "for its retry would otherwise be claimed by another consumer.");
        }
    }

    /**
     * Returns a node list fit for messages and {@code toString()}: each entry with its password masked, since a URL
     * given as a node ({@code redis://user:password@host:port}) holds one.
     *
     * @param nodes the nodes as configured, may be {@code null}
     * @return the masked nodes, {@code null} for {@code null}
     */
    static List<String> masked(List<String> nodes) {
        return nodes == null ? null : nodes.stream().map(RedisConfig::maskUrl).toList();
    }

    /**
     * Returns a configured address or node list for {@code toString()}: an entry holding a {@code '@'} or {@code '/'}
     * (a URL or user info, which the checks refuse) with its password masked, any other as it is (so that an IPv6
     * literal such as {@code ::1} stays readable).
     *
     * @param values the host or nodes as configured, may be {@code null}
     * @return the values for display, {@code null} for {@code null}
     */
    static List<String> shown(List<String> values) {
        return values == null ? null : values.stream().map(RedisPropertyChecks::shown).toList();
    }

    /**
     * Returns a configured host or node for {@code toString()}; see {@link #shown(List)}.
     *
     * @param value the host or node as configured, may be {@code null}
     * @return the value for display
     */
    static String shown(String value) {
        return value != null && (value.indexOf('@') >= 0 || value.indexOf('/') >= 0) ? RedisConfig.maskUrl(value)
                : value;
    }

    /**
     * Returns a comma-separated node list fit for messages: each entry with its password masked.
     *
     * @param nodes the nodes as configured
     * @return the masked nodes
     */
    static String masked(String nodes) {
        return String.join(",", masked(List.of(nodes.split(",", -1))));
    }

    private static boolean printableWithoutSpaces(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static void positive(String property, Duration d, String meaning) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw invalid(property, d, "positive", "Set " + property + " to a positive duration: " + meaning + ".");
        }
    }

    private static void notNegative(String property, Duration d, String meaning) {
        if (d == null || d.isNegative()) {
            throw invalid(property, d, "0 or more", "Set " + property + " to a duration of 0 or more: " + meaning
                    + ".");
        }
    }

    private static void atLeastOne(String property, int n, String meaning) {
        if (n < 1) {
            throw invalid(property, n, "at least 1", "Set " + property + " to at least 1: " + meaning + ".");
        }
    }

    private static InvalidRedisPropertyException invalid(String property, Object value, String requirement,
            String action) {
        return new InvalidRedisPropertyException(property, value, requirement, action, null);
    }
}
