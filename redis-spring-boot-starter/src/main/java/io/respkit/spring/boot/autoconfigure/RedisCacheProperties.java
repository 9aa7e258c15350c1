package io.respkit.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration properties of the Spring cache stored in Redis, bound to {@code redis.cache.*}; used when caching
 * is enabled ({@code @EnableCaching}) and the application defines no other cache manager.
 *
 * <p>Not thread-safe while being bound; read-only afterwards.
 */
@ConfigurationProperties(prefix = "redis.cache")
public class RedisCacheProperties {

    /** Time to live of cache entries; 0 for no expiry. */
    private Duration ttl = Duration.ZERO;

    /**
     * Time to live of the entries of particular caches, by cache name; overrides redis.cache.ttl. A name holding
     * other characters than letters, digits, '-' and '_' (such as ':' or '.') goes in brackets,
     * redis.cache.ttls[user:profile]=30s: written plainly, Spring Boot drops those characters (the TTL goes to
     * cache "userprofile") or, for '.', the entry.
     */
    private Map<String, Duration> ttls = new LinkedHashMap<>();

    /** Text put before every cache key in Redis, ahead of the cache name and "::". */
    private String keyPrefix = "";

    /** Whether null values are cached (as a marker); when not, caching a null fails. */
    private boolean cacheNullValues = true;

    /** Caches to create at start-up; other names still get a cache on first use. */
    private List<String> cacheNames = new ArrayList<>();

    /**
     * Packages whose classes may be read back from the cache, besides the application's own packages and plain JDK
     * value types; "*" trusts every class.
     */
    private List<String> trustedPackages = new ArrayList<>();

    /** Whether to count hits, misses, puts and evictions, and publish them as Micrometer cache metrics. */
    private boolean enableStatistics;

    /**
     * Whether puts and evictions made inside a Spring transaction reach Redis only once it commits (and never when it
     * rolls back), as with Spring Data Redis's transaction-aware cache manager. Needs spring-tx and
     * spring-context-support (spring-boot-cache brings it).
     */
    private boolean transactionAware;

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public Map<String, Duration> getTtls() {
        return ttls;
    }

    public void setTtls(Map<String, Duration> ttls) {
        this.ttls = ttls;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public boolean isCacheNullValues() {
        return cacheNullValues;
    }

    public void setCacheNullValues(boolean cacheNullValues) {
        this.cacheNullValues = cacheNullValues;
    }

    public List<String> getCacheNames() {
        return cacheNames;
    }

    public void setCacheNames(List<String> cacheNames) {
        this.cacheNames = cacheNames;
    }

    public List<String> getTrustedPackages() {
        return trustedPackages;
    }

    public void setTrustedPackages(List<String> trustedPackages) {
        this.trustedPackages = trustedPackages;
    }

    public boolean isEnableStatistics() {
        return enableStatistics;
    }

    public void setEnableStatistics(boolean enableStatistics) {
        this.enableStatistics = enableStatistics;
    }

    public boolean isTransactionAware() {
        return transactionAware;
    }

    public void setTransactionAware(boolean transactionAware) {
        this.transactionAware = transactionAware;
    }
}
