package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClient;
import io.respkit.connection.CommandObserver;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Wraps the client bean with the application's {@link CommandObserver} (Micrometer's, by default), unless there is
 * none or it would record nothing: an unobserved client pays one {@code null} check per call.
 *
 * <p>Stateless and thread-safe.
 */
final class RedisObservation {

    private RedisObservation() {
    }

    static <V> RedisClient<V> observed(RedisClient<V> client, ObjectProvider<CommandObserver> observers) {
        CommandObserver observer = observers.getIfUnique();
        if (observer == null || !isActive(observer)) {
            return client;
        }
        return client.withObserver(observer);
    }

    private static boolean isActive(CommandObserver observer) {
        try {
            return !(observer instanceof io.respkit.spring.observation.MicrometerCommandObserver m) || m.isActive();
        } catch (NoClassDefFoundError e) {
            return true; // micrometer-observation absent: a user's own observer
        }
    }
}
