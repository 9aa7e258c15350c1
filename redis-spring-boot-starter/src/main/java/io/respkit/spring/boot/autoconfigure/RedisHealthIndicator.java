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
 * {@code INFO}), the {@code address} and the pool's {@code maxTotal}, {@code active}, {@code idle} and
 * {@code waiters}. Down with the failure's message, which never contains the password.
 *
 * <p>Thread-safe.
 */
public final class RedisHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RedisHealthIndicator.class);

    private final ConnectionPool pool;

    /**
     * Creates the indicator.
     *
     * @param pool the pool to check
     */
    public RedisHealthIndicator(ConnectionPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Pings the server.
     *
     * @return up with version and pool details, or down with the error
     */
    @Override
    public Health health() {
        Health.Builder builder;
        try {
            String version = pool.withConnection(connection -> {
                connection.execute(Command.create(StringCodec.UTF8, "PING", ReplyDecoders.string()));
                return connection.serverVersion();
            });
            builder = Health.up();
            if (version != null) {
                builder.withDetail("version", version);
            }
        } catch (RuntimeException e) {
            log.debug("Redis health check against {} failed", pool.config().address(), e);
            builder = Health.down().withDetail("error", e.getClass().getName() + ": " + e.getMessage());
        }
        return builder.withDetail("address", pool.config().address()).withDetail("pool", poolDetails()).build();
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
        return "RedisHealthIndicator[" + pool.config().address() + "]";
    }
}
