package io.respkit.spring.cache;

import org.springframework.cache.Cache;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;

/**
 * Wraps a cache in Spring's {@link TransactionAwareCacheDecorator}. A class of its own so that the decorator's class
 * (in spring-context-support, which an application need not have) is loaded only by a transaction-aware manager.
 *
 * <p>Stateless and thread-safe.
 */
final class TransactionAwareCaches {

    private TransactionAwareCaches() {
    }

    /**
     * @param cache the cache
     * @return the cache, its puts and evictions deferred to the commit of the Spring transaction they run in
     */
    static Cache decorate(Cache cache) {
        return new TransactionAwareCacheDecorator(cache);
    }
}
