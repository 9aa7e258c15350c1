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

    /**
     * The longest time to live: Redis refuses a {@code PX} that overflows once added to its clock
     * ("invalid expire time"), and half of the range leaves room for it for millions of years. Declared before
     * {@link #DEFAULTS}, whose construction checks against it.
     */
    private static final Duration MAX_TTL = Duration.ofMillis(Long.MAX_VALUE / 2);

    /** No expiry, {@code null}s cached, no prefix before the cache name. */
    public static final RespkitCacheConfiguration DEFAULTS = new RespkitCacheConfiguration(Duration.ZERO, true, "");

    /**
     * Checks the components.
     *
     * @throws NullPointerException when {@code ttl} or {@code keyPrefix} is {@code null}
     * @throws IllegalArgumentException when {@code ttl} is longer than Redis accepts (about 146 million years)
     */
    public RespkitCacheConfiguration {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (ttl.compareTo(MAX_TTL) > 0) {
            // Else every put would fail with Redis's "invalid expire time" (or toMillis() overflow).
            throw new IllegalArgumentException("Cache ttl " + ttl + " is longer than Redis accepts; use "
                    + "Duration.ZERO (redis.cache.ttl=0) for entries that never expire");
        }
    }

    /**
     * @param ttl the time to live; zero or negative for no expiry
     * @return a copy with that time to live
     * @throws IllegalArgumentException when {@code ttl} is longer than Redis accepts
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
