package io.respkit.spring.boot.autoconfigure;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reports whether Redis answers: runs {@code PING} (allowed by every ACL) on a pooled connection and reports the
 * server {@code version} (from the {@code HELLO} handshake; omitted over RESP2, where it is unknown without
 * {@code INFO}), the {@code address} of the server that answered and the pool's {@code maxTotal}, {@code active},
 * {@code idle} and {@code waiters}. Down with the failure's message, which never contains the password, and the
 * address the pool connects to. For a pool that follows a Sentinel-monitored primary the address is the current
 * primary's (it changes with a failover), and {@code masterName} says which master it is.
 *
 * <p>Thread-safe.
 */
public final class RedisHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RedisHealthIndicator.class);

    private final ConnectionPool pool;
    private final String masterName;

    /**
     * Creates the indicator.
     *
     * @param pool the pool to check
     * @throws NullPointerException when {@code pool} is null
     */
    public RedisHealthIndicator(ConnectionPool pool) {
        this(pool, null);
    }

    /**
     * Creates the indicator for the pool of a client that follows a Sentinel-monitored primary.
     *
     * @param pool the pool to check
     * @param masterName the name the sentinels monitor the primary under, reported as {@code masterName}; or
     *                   {@code null} for one fixed server
     * @throws NullPointerException when {@code pool} is null
     */
    public RedisHealthIndicator(ConnectionPool pool, String masterName) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.masterName = masterName;
    }

    /**
     * Pings the server.
     *
     * @return up with version and pool details, or down with the error
     */
    @Override
    public Health health() {
        Health.Builder builder;
        String address;
        try {
            Answer answer = pool.withConnection(connection -> {
                connection.execute(Command.create(StringCodec.UTF8, "PING", ReplyDecoders.string()));
                // The server that answered: after a Sentinel failover the pool's address may move on meanwhile.
                return new Answer(connection.serverVersion(), connection.config().address());
            });
            builder = Health.up();
            if (answer.version() != null) {
                builder.withDetail("version", answer.version());
            }
            address = answer.address();
        } catch (RuntimeException e) {
            address = pool.config().address();
            log.debug("Redis health check against {} failed", address, e);
            builder = Health.down().withDetail("error", e.getClass().getName() + ": " + e.getMessage());
        }
        builder.withDetail("address", address);
        if (masterName != null) {
            builder.withDetail("masterName", masterName);
        }
        return builder.withDetail("pool", poolDetails()).build();
    }

    private record Answer(String version, String address) {
    }

    private Map<String, Object> poolDetails() {
        PoolStats stats = pool.stats();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("maxTotal", stats.maxTotal());
        details.put("active", stats.active());
        details.put("idle", stats.idle());
        details.put("waiters", stats.waiters());
        return details;
    }

    @Override
    public String toString() {
        return "RedisHealthIndicator[" + (masterName != null ? "master " + masterName + " at " : "")
                + pool.config().address() + "]";
    }
}
