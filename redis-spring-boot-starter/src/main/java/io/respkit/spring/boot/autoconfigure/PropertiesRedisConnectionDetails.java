package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.RedisConfig;
import org.springframework.util.StringUtils;

/**
 * The {@link RedisConnectionDetails} the starter derives from the properties when no other bean provides them: from
 * {@code redis.url} or {@code redis.host}, {@code redis.port}, {@code redis.database}, {@code redis.username} and
 * {@code redis.password}; the {@link #cluster()} shape from {@code redis.cluster.nodes}, the {@link #sentinel()}
 * shape from {@code redis.sentinel.*} (and {@code redis.database}), in the mode the properties select. TLS comes
 * from {@code redis.ssl.*}, which says more than an SSL bundle can (TLS with the JVM's trust store, hostname
 * verification off), so the shapes have no bundle. Every value is read from the properties when asked.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows a password.
 */
final class PropertiesRedisConnectionDetails implements RedisConnectionDetails {

    private final RedisProperties properties;

    PropertiesRedisConnectionDetails(RedisProperties properties) {
        this.properties = properties;
    }

    private RedisConfig fromUrl() {
        return StringUtils.hasText(properties.getUrl()) ? RedisConfig.fromUrl(properties.getUrl()) : null;
    }

    @Override
    public String host() {
        RedisConfig url = fromUrl();
        return url != null ? url.host() : properties.getHost();
    }

    @Override
    public int port() {
        RedisConfig url = fromUrl();
        return url != null ? url.port() : properties.getPort();
    }

    @Override
    public String username() {
        RedisConfig url = fromUrl();
        String user = url != null ? url.username() : properties.getUsername();
        return StringUtils.hasText(user) ? user : null;
    }

    @Override
    public String password() {
        RedisConfig url = fromUrl();
        String password = url != null ? url.password() : properties.getPassword();
        return StringUtils.hasLength(password) ? password : null;
    }

    @Override
    public int database() {
        RedisConfig url = fromUrl();
        return url != null ? url.database() : properties.getDatabase();
    }

    /**
     * Returns the cluster of {@code redis.cluster.nodes}, when set.
     *
     * @return the cluster, or {@code null} when {@code redis.cluster.nodes} has no entry
     * @throws InvalidRedisPropertyException when a node is not host:port
     */
    @Override
    public Cluster cluster() {
        if (!RedisPropertyChecks.clusterMode(properties)) {
            return null;
        }
        return new ConnectionDetailsShapes.ClusterShape(RedisPropertyChecks.clusterNodes(properties));
    }

    /**
     * Returns the Sentinel deployment of {@code redis.sentinel.*}, when {@code redis.sentinel.master} is set (and
     * {@code redis.cluster.nodes} is not), with {@code redis.database} as the data nodes' database.
     *
     * @return the deployment, or {@code null} when the properties select another mode
     * @throws InvalidRedisPropertyException when a sentinel is not host:port
     * @throws IllegalArgumentException when no sentinel is given
     */
    @Override
    public Sentinel sentinel() {
        RedisSentinelProperties s = properties.getSentinel();
        if (RedisPropertyChecks.clusterMode(properties) || !StringUtils.hasText(s.getMaster())) {
            return null;
        }
        return new ConnectionDetailsShapes.SentinelShape(s.getMaster().strip(),
                RedisPropertyChecks.sentinelNodes(properties),
                StringUtils.hasText(s.getUsername()) ? s.getUsername() : null,
                StringUtils.hasLength(s.getPassword()) ? s.getPassword() : null, properties.getDatabase());
    }

    @Override
    public String toString() {
        RedisSentinelProperties s = properties.getSentinel();
        if (RedisPropertyChecks.clusterMode(properties)) {
            return "PropertiesRedisConnectionDetails[cluster="
                    + RedisPropertyChecks.shown(properties.getCluster().getNodes()) + "]";
        }
        if (StringUtils.hasText(s.getMaster())) {
            // s.toString() masks the sentinels' password
            return "PropertiesRedisConnectionDetails[sentinel=" + s + ", database=" + properties.getDatabase() + "]";
        }
        return "PropertiesRedisConnectionDetails[" + RedisPropertyChecks.shown(host()) + ":" + port() + "/" + database()
                + "]";
    }
}
