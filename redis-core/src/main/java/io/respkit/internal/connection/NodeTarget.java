package io.respkit.internal.connection;

import io.respkit.connection.RedisConfig;

import java.util.Objects;

/**
 * Where a pool, a multiplexed connection or a subscriber connects: one fixed server, or the current primary that a
 * Sentinel watcher follows. A target names its node by a {@link RedisConfig} instance and keeps returning the same
 * instance until the node changes, so that a connection opened for an earlier node is told apart by identity, in a
 * volatile read, without comparing addresses on every borrow.
 *
 * <p>Implementations are thread-safe.
 */
public interface NodeTarget {

    /**
     * Returns the node to connect to now.
     *
     * @return its configuration; the same instance until the node changes
     */
    RedisConfig current();

    /**
     * Waits while a switch to another node has been announced but is not settled yet, so that a command is not sent
     * to a node about to be demoted; returns at once otherwise, which is the only case of a fixed target.
     *
     * @param maxNanos the longest wait
     */
    void awaitSettled(long maxNanos);

    /**
     * Tells whether {@link #awaitSettled(long)} would return at once.
     *
     * @return {@code false} while a switch is announced but not settled
     */
    default boolean isSettled() {
        return true;
    }

    /**
     * Returns a target that never changes.
     *
     * @param config the server
     * @return the target
     */
    static NodeTarget fixed(RedisConfig config) {
        Objects.requireNonNull(config, "config");
        return new NodeTarget() {
            @Override
            public RedisConfig current() {
                return config;
            }

            @Override
            public void awaitSettled(long maxNanos) {
                // A fixed server never switches.
            }
        };
    }
}
