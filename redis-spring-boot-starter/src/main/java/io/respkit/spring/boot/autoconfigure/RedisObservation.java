package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClient;
import io.respkit.RedisClusterClient;
import io.respkit.connection.CommandObserver;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Wraps the client bean (single-node, Sentinel or cluster) with the application's {@link CommandObserver} (Micrometer's, by default), unless there is
 * none or it would record nothing: an unobserved client pays one {@code null} check per call.
 *
 * <p>Stateless and thread-safe.
 */
final class RedisObservation {

    private RedisObservation() {
    }

    static <V> RedisClient<V> observed(RedisClient<V> client, ObjectProvider<CommandObserver> observers) {
        CommandObserver observer = activeObserver(observers);
        return observer == null ? client : client.withObserver(observer);
    }

    /** Like {@link #observed(RedisClient, ObjectProvider)}, for the cluster client bean. */
    static <V> RedisClusterClient<V> observed(RedisClusterClient<V> client, ObjectProvider<CommandObserver> observers) {
        CommandObserver observer = activeObserver(observers);
        return observer == null ? client : client.withObserver(observer);
    }

    /** The one observer, or {@code null} when there is none or it would record nothing. */
    private static CommandObserver activeObserver(ObjectProvider<CommandObserver> observers) {
        CommandObserver observer = observers.getIfUnique();
        return observer == null || !isActive(observer) ? null : observer;
    }

    private static boolean isActive(CommandObserver observer) {
        try {
            return !(observer instanceof io.respkit.spring.observation.MicrometerCommandObserver m) || m.isActive();
        } catch (NoClassDefFoundError e) {
            return true; // micrometer-observation absent: a user's own observer
        }
    }
}
