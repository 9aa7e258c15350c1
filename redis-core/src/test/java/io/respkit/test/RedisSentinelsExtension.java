package io.respkit.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link RedisSentinels} parameter of a test, constructor or lifecycle method to the shared group of
 * 1 primary, 2 replicas and 3 sentinels ({@link RedisSentinels#shared()}), started on first use and stopped when the
 * JVM exits. Registered by {@link SentinelTest @SentinelTest}. Tests that kill, freeze, fail over or restart start
 * their own with {@link RedisSentinels#start(int, int)} instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class RedisSentinelsExtension implements ParameterResolver {

    /**
     * Supports parameters of type {@link RedisSentinels}.
     *
     * @param parameter the parameter
     * @param context the extension context
     * @return {@code true} for a {@link RedisSentinels} parameter
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisSentinels.class;
    }

    /**
     * Returns the shared group.
     *
     * @param parameter the parameter
     * @param context the extension context
     * @return the shared group
     * @throws IllegalStateException when it cannot be started or an earlier test left it inconsistent
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return RedisSentinels.shared();
    }
}
