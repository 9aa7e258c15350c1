package io.respkit.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link RedisCluster} parameter of a test, constructor or lifecycle method to the shared cluster of
 * 3 primaries with 1 replica each ({@link RedisCluster#shared()}), started on first use and stopped when the JVM
 * exits. Registered by {@link ClusterTest @ClusterTest}. Tests that kill, freeze, fail over, move slots or add nodes
 * start their own with {@link RedisCluster#start(int, int)} instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class RedisClusterExtension implements ParameterResolver {

    /**
     * Supports parameters of type {@link RedisCluster}.
     *
     * @param parameter the parameter
     * @param context the extension context
     * @return {@code true} for a {@link RedisCluster} parameter
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisCluster.class;
    }

    /**
     * Returns the shared cluster.
     *
     * @param parameter the parameter
     * @param context the extension context
     * @return the shared cluster
     * @throws IllegalStateException when it cannot be started or an earlier test left it inconsistent
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return RedisCluster.shared();
    }
}
