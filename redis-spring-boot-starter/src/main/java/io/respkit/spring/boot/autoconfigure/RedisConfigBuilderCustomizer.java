package io.respkit.spring.boot.autoconfigure;

import io.respkit.connection.RedisConfig;

/**
 * Adjusts the {@link RedisConfig} the auto-configuration builds from {@code redis.*} properties, for settings that
 * have no property (charset, protocol limits, a custom TLS context, ...). Every customizer bean is applied, in
 * {@link org.springframework.core.annotation.Order @Order} / {@link org.springframework.core.Ordered} order, after
 * the properties.
 *
 * <p>Implementations are called once, on the thread creating the application context.
 */
@FunctionalInterface
public interface RedisConfigBuilderCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder holding the configuration from properties
     */
    void customize(RedisConfig.Builder builder);
}
