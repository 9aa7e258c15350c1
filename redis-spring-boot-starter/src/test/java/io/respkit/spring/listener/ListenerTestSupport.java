package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.spring.boot.autoconfigure.RedisListenerAutoConfiguration;
import io.respkit.test.RedisServer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.ArrayList;
import java.util.List;

/** Shared set-up of the listener tests: a context runner wired to the test server, and Redis helpers. */
final class ListenerTestSupport {

    private ListenerTestSupport() {
    }

    /**
     * Returns a runner with the listener auto-configuration, a {@link RedisConfig} and a {@link ConnectionPool}
     * for {@code server}, and short timeouts so that the suite stays fast.
     */
    static ApplicationContextRunner runner(RedisServer server) {
        RedisConfig config = server.config();
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisListenerAutoConfiguration.class))
                .withBean(RedisConfig.class, () -> config)
                .withBean(ConnectionPool.class, () -> ConnectionPool.create(config),
                        bd -> bd.setDestroyMethodName("close"))
                .withPropertyValues("redis.listener.poll-timeout=200ms", "redis.listener.shutdown-timeout=3s",
                        "redis.listener.retry.backoff=20ms", "redis.listener.recovery.initial-delay=50ms",
                        "redis.listener.recovery.max-delay=500ms");
    }

    static long numsub(RedisClient<String> client, String channel) {
        List<?> reply = (List<?>) client.execute("PUBSUB", "NUMSUB", channel);
        return (Long) reply.get(1);
    }

    static long numpat(RedisClient<String> client) {
        return (Long) client.execute("PUBSUB", "NUMPAT");
    }

    @SuppressWarnings("unchecked")
    static List<String> lrange(RedisClient<String> client, String key) {
        return new ArrayList<>((List<String>) client.execute("LRANGE", key, 0, -1));
    }

    static long llen(RedisClient<String> client, String key) {
        return (Long) client.execute("LLEN", key);
    }
}
