package io.respkit.spring.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How one cache stores its entries: their time to live, whether a {@code null} is cached, and the text put before
 * every key. A cache named {@code users} with prefix {@code app:} stores the entry of key {@code 42} under the Redis
 * key {@code app:users::42}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ttl how long an entry lives after it was written (whole milliseconds); {@link Duration#ZERO} (or
 *            less than a millisecond) for no expiry
 * @param cacheNullValues whether a {@code null} is stored (as a marker); when not, caching one is refused with an
 *                        {@link IllegalArgumentException}
 * @param keyPrefix put before {@code <cacheName>::} in every Redis key; empty for none
 */
public record RespkitCacheConfiguration(Duration ttl, boolean cacheNullValues, String keyPrefix) {

    /** No expiry, {@code null}s cached, no prefix before the cache name. */
    public static final RespkitCacheConfiguration DEFAULTS = new RespkitCacheConfiguration(Duration.ZERO, true, "");

    /**
     * Checks the components.
     *
     * @throws NullPointerException when {@code ttl} or {@code keyPrefix} is {@code null}
     */
    public RespkitCacheConfiguration {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /**
     * @param ttl the time to live; zero or negative for no expiry
     * @return a copy with that time to live
     */
    public RespkitCacheConfiguration withTtl(Duration ttl) {
        return new RespkitCacheConfiguration(ttl, cacheNullValues, keyPrefix);
    }

    /**
     * @param cacheNullValues whether {@code null} is cached
     * @return a copy with that setting
     */
    public RespkitCacheConfiguration withCacheNullValues(boolean cacheNullValues) {
        return new RespkitCacheConfiguration(ttl, cacheNullValues, keyPrefix);
    }

    /**
     * @param keyPrefix what goes before {@code <cacheName>::}
     * @return a copy with that prefix
     */
    public RespkitCacheConfiguration withKeyPrefix(String keyPrefix) {
        return new RespkitCacheConfiguration(ttl, cacheNullValues, keyPrefix);
    }

    /** @return whether entries expire */
    public boolean expires() {
        return ttl.toMillis() > 0;
    }

    /**
     * @param cacheName the cache name
     * @return the text before every key of that cache: {@code <keyPrefix><cacheName>::}
     */
    public String prefixFor(String cacheName) {
        return keyPrefix + cacheName + "::";
    }
}
