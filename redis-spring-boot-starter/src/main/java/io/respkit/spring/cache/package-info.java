/**
 * Spring's cache abstraction ({@code @Cacheable} and co.) stored in Redis through respkit: {@link
 * io.respkit.spring.cache.RespkitCacheManager} and {@link io.respkit.spring.cache.RespkitCache}.
 */
package io.respkit.spring.cache;
