package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.RedisConfig;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

import java.util.Collection;
import java.util.Locale;

/**
 * Keeps respkit's secrets out of {@code /actuator/configprops} and {@code /actuator/env} when their values are shown
 * ({@code management.endpoint.*.show-values}): Boot then shows every value no {@link SanitizingFunction} sanitizes.
 * Under {@code redis.*} (in any spelling: {@code redis.sentinel.sentinelPassword}, {@code REDIS_PASSWORD}), a
 * password or passphrase is sanitized whole, and a URL or a node list keeps its hosts and ports with the password of
 * any user info masked ({@link RedisConfig#maskUrl}).
 *
 * <p>Stateless and thread-safe.
 */
final class RedisSanitizingFunction implements SanitizingFunction {

    @Override
    public SanitizableData apply(SanitizableData data) {
        String key = normalized(data.getKey());
        if (!key.startsWith("redis.")) {
            return data;
        }
        if (key.endsWith("password") || key.endsWith("passphrase")) {
            return data.withSanitizedValue();
        }
        if (key.endsWith(".url") || key.endsWith(".nodes")) {
            Object value = data.getValue();
            if (value instanceof CharSequence text) {
                return data.withValue(RedisConfig.maskUrl(text.toString()));
            }
            if (value instanceof Collection<?> items) {
                return data.withValue(items.stream().map(i -> i == null ? null : RedisConfig.maskUrl(i.toString()))
                        .toList());
            }
            if (value != null) {
                return data.withSanitizedValue(); // a shape not known to be safe
            }
        }
        return data;
    }

    /**
     * Reads {@code redis.sentinel.sentinel-password}, {@code redis.sentinel.sentinelPassword} and
     * {@code REDIS_SENTINEL_SENTINELPASSWORD} all as {@code redis.sentinel.sentinelpassword}, and
     * {@code redis.cluster.nodes[2]} as {@code redis.cluster.nodes}.
     */
    private static String normalized(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
        int index = k.indexOf('[');
        return index < 0 ? k : k.substring(0, index);
    }

    @Override
    public String toString() {
        return "RedisSanitizingFunction[redis.* passwords, URLs and nodes]";
    }
}
