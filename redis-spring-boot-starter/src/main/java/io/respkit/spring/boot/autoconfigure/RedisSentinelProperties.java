package io.respkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code redis.sentinel.*} settings, part of {@link RedisProperties}: Sentinel mode is on when {@code master} is
 * set. The sentinels' own credentials live here; the data nodes' (primary and replicas) are {@code redis.username}
 * and {@code redis.password}.
 *
 * <p>Not thread-safe: a mutable bean bound once by Spring Boot at start-up.
 */
public class RedisSentinelProperties {

    /**
     * Name the sentinels monitor the primary under (SENTINEL MONITOR <name> ...), e.g. mymaster. When set, the
     * starter asks the sentinels in redis.sentinel.nodes where the primary is and follows it through failovers;
     * redis.url and redis.cluster.nodes must then not be set. Data-node settings (username, password, database, ssl,
     * timeouts, pool, protocol, client-name) come from the other redis.* properties.
     */
    private String master;

    /**
     * Sentinels as host:port ([ipv6]:port for IPv6; a host without a port gets 26379), e.g.
     * 10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379. Required with redis.sentinel.master.
     */
    private List<String> nodes = new ArrayList<>();

    /** ACL user the sentinels are authenticated as; the default user when not set. Needs redis.sentinel.password. */
    private String username;

    /**
     * Password of the sentinels (their requirepass or ACL user), which may differ from the data nodes'
     * redis.password; none when not set. Never logged or exposed.
     */
    private String password;

    /**
     * How often the sentinels are asked for the current primary when no failover event prompts it, the safety net
     * for a missed notification. 0 turns the periodic check off.
     */
    // A literal, not SentinelConfig.DEFAULT_CHECK_INTERVAL: the metadata processor reads only literals as defaults.
    private Duration checkInterval = Duration.ofSeconds(1);

    public String getMaster() {
        return master;
    }

    public void setMaster(String master) {
        this.master = master;
    }

    public List<String> getNodes() {
        return nodes;
    }

    public void setNodes(List<String> nodes) {
        this.nodes = nodes;
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

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    /** Describes the settings without the password. */
    @Override
    public String toString() {
        return "RedisSentinelProperties[master=" + master + ", nodes=" + RedisPropertyChecks.shown(nodes)
                + ", username=" + username + ", password=" + (password == null ? null : "****") + ", checkInterval="
                + checkInterval + "]";
    }
}
