package io.respkit.internal.connection;

import io.respkit.pool.ConnectionPool;

import java.util.function.Function;

/**
 * Lets internal code create a {@link ConnectionPool} that follows a {@link NodeTarget} without a public factory
 * that would name an internal type: {@link ConnectionPool} registers the factory when its class is initialized.
 *
 * <p>Thread-safe.
 */
public final class PoolAccess {

    private static volatile Function<NodeTarget, ConnectionPool> factory;

    private PoolAccess() {
    }

    /**
     * Registers the factory; called once by {@link ConnectionPool}'s static initializer.
     *
     * @param f the factory
     */
    public static void register(Function<NodeTarget, ConnectionPool> f) {
        factory = f;
    }

    /**
     * Creates a pool whose connections go to whatever node {@code target} names: a connection opened for an earlier
     * node is destroyed, never handed out, once the target has moved.
     *
     * @param target where to connect
     * @return the pool
     */
    public static ConnectionPool create(NodeTarget target) {
        Function<NodeTarget, ConnectionPool> f = factory;
        if (f == null) {
            try {
                Class.forName(ConnectionPool.class.getName(), true, ConnectionPool.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            f = factory;
        }
        return f.apply(target);
    }
}
