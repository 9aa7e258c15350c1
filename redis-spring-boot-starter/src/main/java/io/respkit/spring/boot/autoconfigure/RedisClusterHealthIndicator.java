package io.respkit.spring.boot.autoconfigure;

import io.respkit.DedicatedConnection;
import io.respkit.RedisClusterClient;
import io.respkit.cluster.ClusterConfig;
import io.respkit.cluster.ClusterNode;
import io.respkit.cluster.ClusterTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reports whether a Redis Cluster serves every key: takes the client's current topology, then {@code PING}s every
 * primary on a short-lived connection of its own (so that the answer is the node's, not a pooled connection's). Up
 * when the topology covers all 16384 slots and every primary answered; down otherwise, with the reason in
 * {@code error}. The topology is not read again for a probe: a health endpoint polled every second by a load balancer
 * would be a stream of topology reads on every node. A probe that finds the cluster down asks the client for a
 * refresh instead ({@link RedisClusterClient#requestTopologyRefresh()}, rate-limited with the client's own), so that
 * a later probe judges the topology after a failover.
 * Details: {@code slotsCovered}, {@code primaries} and {@code replicas} (addresses), {@code unreachable} (the
 * primaries that did not answer or that the topology flags as failed, with the reason). Addresses only: never
 * credentials, and failure messages from respkit never contain the password.
 *
 * <p>Thread-safe.
 */
public final class RedisClusterHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterHealthIndicator.class);
    private static final int SLOTS = 16384;

    private final RedisClusterClient<?> client;
    private final ClusterConfig config;

    /**
     * Creates the indicator.
     *
     * @param client the cluster client whose topology is checked
     * @param config its configuration, for the per-node connection settings
     * @throws NullPointerException when an argument is null
     */
    public RedisClusterHealthIndicator(RedisClusterClient<?> client, ClusterConfig config) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Pings every primary that serves slots in the client's current topology (primaries without slots, such as one that
     * failed over and is still listed, are reported under {@code withoutSlots} and do not decide the status).
     *
     * @return up with the topology's details, or down with the reason
     */
    @Override
    public Health health() {
        ClusterTopology topology;
        try {
            topology = client.topology();
        } catch (RuntimeException e) {
            log.debug("Redis Cluster health check could not get the topology", e);
            return Health.down().withDetail("error", e.getClass().getName() + ": " + e.getMessage()).build();
        }
        List<String> primaries = new ArrayList<>();
        List<String> replicas = new ArrayList<>();
        List<String> withoutSlots = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (ClusterNode node : topology.nodes()) {
            if (!node.isPrimary()) {
                replicas.add(node.address().toString());
                continue;
            }
            if (node.slotCount() == 0) {
                // a primary that failed over (listed, flagged failed, until the cluster forgets it) or a new empty
                // one: it serves no key, so it does not decide the cluster's health
                withoutSlots.add(node.address().toString());
                continue;
            }
            primaries.add(node.address().toString());
            String failure = node.health() == ClusterNode.Health.ONLINE ? ping(node)
                    : "flagged " + node.health().name().toLowerCase(Locale.ROOT);
            if (failure != null) {
                unreachable.add(node.address() + " (" + failure + ")");
            }
        }
        int covered = topology.slotsCovered();
        if (!topology.coversAllSlots() || !unreachable.isEmpty()) {
            client.requestTopologyRefresh(); // the topology may be stale (a failover): read for a later probe
        }
        Health.Builder builder;
        if (!topology.coversAllSlots()) {
            builder = Health.down().withDetail("error", "the cluster serves " + covered + " of " + SLOTS
                    + " hash slots: keys of the others cannot be read or written");
        } else if (!unreachable.isEmpty()) {
            builder = Health.down().withDetail("error", unreachable.size() + " of " + primaries.size()
                    + " primaries did not answer PING");
        } else {
            builder = Health.up();
        }
        return builder.withDetail("slotsCovered", covered)
                .withDetail("primaries", primaries)
                .withDetail("replicas", replicas)
                .withDetail("withoutSlots", withoutSlots)
                .withDetail("unreachable", unreachable)
                .build();
    }

    /** Returns {@code null} when the node answered, else why not (never with credentials). */
    private String ping(ClusterNode node) {
        try (DedicatedConnection<String> connection = DedicatedConnection.open(config.configFor(node.address()))) {
            connection.ping();
            return null;
        } catch (RuntimeException e) {
            log.debug("Redis Cluster health check: primary {} did not answer PING", node.address(), e);
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Override
    public String toString() {
        return "RedisClusterHealthIndicator[" + config.seeds() + "]";
    }
}
