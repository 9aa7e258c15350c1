package io.respkit.spring.boot.autoconfigure;

import io.respkit.spring.cache.RespkitCacheManager;

/**
 * Adjusts the {@link RespkitCacheManager} that {@link RedisCacheAutoConfiguration} builds from {@code redis.cache.*}
 * properties, e.g. to give one cache its own configuration or to set a codec. Every customizer bean is applied, in
 * {@link org.springframework.core.annotation.Order @Order} / {@link org.springframework.core.Ordered} order, after
 * the properties.
 *
 * <p>Implementations are called once, on the thread creating the application context.
 */
@FunctionalInterface
public interface RespkitCacheManagerBuilderCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder holding the configuration from properties
     */
    void customize(RespkitCacheManager.Builder builder);
}
