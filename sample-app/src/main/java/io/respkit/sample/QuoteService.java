package io.respkit.sample;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow lookup cached in Redis with {@code @Cacheable}: the starter's cache manager (enabled by
 * {@code @EnableCaching} on {@link SampleApplication}) keeps each result under {@code quotes::<sku>}, so a second
 * call with the same argument does not run the method.
 *
 * <p>Thread-safe.
 */
@Service
public class QuoteService {

    private final AtomicInteger loads = new AtomicInteger();

    /**
     * Looks a price up; the body runs only on a cache miss.
     *
     * @param sku the product
     * @return the quote
     */
    @Cacheable("quotes")
    public String quote(String sku) {
        loads.incrementAndGet();
        return sku + " costs 42.00 EUR";
    }

    /**
     * Drops a cached quote, so that the demo starts from a miss even against a server that kept the cache of an
     * earlier run.
     *
     * @param sku the product
     */
    @CacheEvict(cacheNames = "quotes", key = "#sku")
    public void forget(String sku) {
    }

    /** @return how many times {@link #quote(String)}'s body ran */
    public int loads() {
        return loads.get();
    }
}
