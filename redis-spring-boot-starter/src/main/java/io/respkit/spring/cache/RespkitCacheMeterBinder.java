package io.respkit.spring.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;

/**
 * Micrometer's standard cache meters for a {@link RespkitCache}: {@code cache.gets} (tagged {@code result=hit} or
 * {@code miss}), {@code cache.puts} and {@code cache.evictions}, read from {@link RespkitCache#statistics()} (so
 * the cache must have statistics on). There is no {@code cache.size}: counting a cache's keys would mean scanning
 * Redis.
 *
 * <p>Thread-safe.
 */
public final class RespkitCacheMeterBinder extends CacheMeterBinder<RespkitCache> {

    /**
     * @param cache the cache
     * @param tags extra tags, e.g. {@code cache.manager}
     */
    public RespkitCacheMeterBinder(RespkitCache cache, Iterable<Tag> tags) {
        super(cache, cache.getName(), tags);
    }

    @Override
    protected Long size() {
        return null;
    }

    @Override
    protected long hitCount() {
        RespkitCache cache = getCache();
        return cache != null ? cache.statistics().hits() : 0;
    }

    @Override
    protected Long missCount() {
        RespkitCache cache = getCache();
        return cache != null ? cache.statistics().misses() : 0L;
    }

    @Override
    protected Long evictionCount() {
        RespkitCache cache = getCache();
        return cache != null ? cache.statistics().evictions() : 0L;
    }

    @Override
    protected long putCount() {
        RespkitCache cache = getCache();
        return cache != null ? cache.statistics().puts() : 0;
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
        // Nothing beyond the standard meters.
    }
}
