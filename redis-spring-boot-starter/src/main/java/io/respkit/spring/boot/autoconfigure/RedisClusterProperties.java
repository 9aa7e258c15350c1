package io.respkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code redis.cluster.*} settings, part of {@link RedisProperties}: cluster mode is on when {@code nodes} is set.
 *
 * <p>Not thread-safe: a mutable bean bound once by Spring Boot at start-up.
 */
public class RedisClusterProperties {

    /**
     * Seed nodes of a Redis Cluster as host:port ([ipv6]:port for IPv6), e.g. 10.0.0.1:7000,10.0.0.2:7000. When
     * set, the starter connects to the cluster (a RedisClusterClient) instead of one server; redis.url, host,
     * port and database must then not be set. Per-node settings (username, password, ssl, timeouts, pool,
     * protocol, client-name) come from the other redis.* properties; the pool settings apply to each node.
     */
    private List<String> nodes = new ArrayList<>();

    /** How many MOVED and ASK redirections one command may follow before it fails. */
    private int maxRedirects = 5;

    private final Refresh refresh = new Refresh();

    public List<String> getNodes() {
        return nodes;
    }

    public void setNodes(List<String> nodes) {
        this.nodes = nodes;
    }

    public int getMaxRedirects() {
        return maxRedirects;
    }

    public void setMaxRedirects(int maxRedirects) {
        this.maxRedirects = maxRedirects;
    }

    public Refresh getRefresh() {
        return refresh;
    }

    /** When the cluster topology is read again. */
    public static class Refresh {

        /** How often the cluster topology is read again when nothing prompts it. 0 turns periodic refresh off. */
        private Duration period = Duration.ofSeconds(30);

        /** Shortest time between two topology refreshes prompted by events (MOVED replies, failed nodes). */
        private Duration minInterval = Duration.ofMillis(250);

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }

        public Duration getMinInterval() {
            return minInterval;
        }

        public void setMinInterval(Duration minInterval) {
            this.minInterval = minInterval;
        }
    }
}
