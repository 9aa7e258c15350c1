package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.RedisConfig;
import org.springframework.util.StringUtils;

/**
 * The {@link RedisConnectionDetails} the starter derives from {@code redis.url} or {@code redis.host},
 * {@code redis.port}, {@code redis.database}, {@code redis.username} and {@code redis.password}, when no other bean
 * provides them. The configuration is built from the properties themselves; this bean is for code that asks where
 * the starter connects.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the password.
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

    @Override
    public String toString() {
        return "PropertiesRedisConnectionDetails[" + host() + ":" + port() + "/" + database() + "]";
    }
}
