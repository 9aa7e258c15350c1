package io.respkit.spring.listener.reliability;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.spring.boot.autoconfigure.RedisListenerAutoConfiguration;
import io.respkit.spring.listener.PubSubListenerContainer;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisMessage;
import io.respkit.spring.listener.SubscriptionGap;
import io.respkit.spring.listener.annotation.Channel;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @RedisListener} channel and pattern listeners survive the loss of the container's subscriber connection
 * ({@code CLIENT KILL TYPE pubsub}, and the server killed and restarted on the same port): they are subscribed
 * again exactly once ({@code PUBSUB NUMSUB} 1, {@code NUMPAT} 1), each listener's error handler is told of the gap,
 * and every message published after recovery is received exactly once.
 */
@ExtendWith(RedisServerExtension.class)
class PubSubListenerRecoveryIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Records messages, and the gaps the container reports, per listener. */
    static class Radio {

        final List<String> received = new CopyOnWriteArrayList<>();
        final List<String> gaps = new CopyOnWriteArrayList<>();

        @RedisListener(id = "station", channels = "fm97.5", errorHandler = "gapRecorder")
        void station(String payload, @Channel String channel) {
            received.add(channel + "|" + payload);
        }

        @RedisListener(id = "scanner", patterns = "fm*", errorHandler = "gapRecorder")
        void scanner(RedisMessage<String> message) {
            received.add(message.pattern() + ">" + message.channel() + "|" + message.payload());
        }
    }

    private static ApplicationContextRunner runner(RedisProcess server, Radio radio) {
        RedisConfig config = server.config();
        RedisListenerErrorHandler gapRecorder = new RedisListenerErrorHandler() {
            @Override
            public void handleError(String listenerId, RedisMessage<byte[]> message, Throwable error) {
            }

            @Override
            public void handleSubscriptionGap(String listenerId, SubscriptionGap gap) {
                assertThat(gap.restoredAt()).isAfterOrEqualTo(gap.lostAt());
                radio.gaps.add(listenerId + ":" + gap.channels() + gap.patterns());
            }
        };
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisListenerAutoConfiguration.class))
                .withBean(RedisConfig.class, () -> config)
                .withBean(ConnectionPool.class, () -> ConnectionPool.create(config),
                        bd -> bd.setDestroyMethodName("close"))
                .withBean(Radio.class, () -> radio)
                .withBean("gapRecorder", RedisListenerErrorHandler.class, () -> gapRecorder)
                .withPropertyValues("redis.listener.poll-timeout=200ms", "redis.listener.shutdown-timeout=3s",
                        "redis.listener.recovery.initial-delay=50ms", "redis.listener.recovery.max-delay=300ms");
    }

    private static long numsub(RedisClient<String> client, String channel) {
        Object reply = client.execute("PUBSUB", "NUMSUB", channel);
        Object count = reply instanceof Map<?, ?> map ? map.get(channel) : ((List<?>) reply).get(1);
        return (Long) count;
    }

    private static long numpat(RedisClient<String> client) {
        return (Long) client.execute("PUBSUB", "NUMPAT");
    }

    private static long respkitThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("respkit")).count();
    }

    /** Publishes after recovery and checks each listener got each message exactly once. */
    private static void publishAfterRecoveryAndCheck(RedisClient<String> client, Radio radio) {
        assertThat(client.execute("PUBLISH", "fm97.5", "after")).isEqualTo(2L); // one channel + one pattern match
        assertThat(client.execute("PUBLISH", "fm77.5", "after")).isEqualTo(1L);
        await().atMost(WAIT).until(() -> radio.received.size() == 6);
        assertThat(radio.received).containsExactlyInAnyOrder("fm97.5|before", "fm*>fm97.5|before",
                "fm97.5|after", "fm*>fm97.5|after", "fm*>fm77.5|after", "fm*>fm77.5|before");
        assertThat(numsub(client, "fm97.5")).isEqualTo(1);
        assertThat(numpat(client)).isEqualTo(1);
    }

    private static void publishBefore(RedisClient<String> client, Radio radio) {
        await().atMost(WAIT).until(() -> numsub(client, "fm97.5") == 1 && numpat(client) == 1);
        client.execute("PUBLISH", "fm97.5", "before");
        client.execute("PUBLISH", "fm77.5", "before");
        await().atMost(WAIT).until(() -> radio.received.size() == 3);
    }

    @Test
    void channelAndPatternListenersAreResubscribedOnceAfterClientKill(RedisProcess server) {
        long threadsBefore = respkitThreads();
        Radio radio = new Radio();
        try (RedisClient<String> client = RedisClient.create(server.config())) {
            runner(server, radio).run(context -> {
                assertThat(context).hasNotFailed();
                PubSubListenerContainer pubSub = context.getBean(RedisListenerEndpointRegistry.class)
                        .getPubSubContainer();
                publishBefore(client, radio);
                assertThat(pubSub.getGapCount()).isZero();

                assertThat(client.execute("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(1L);

                await().atMost(WAIT).until(() -> pubSub.getGapCount() == 1 && radio.gaps.size() == 2
                        && numsub(client, "fm97.5") == 1 && numpat(client) == 1);
                assertThat(radio.gaps).containsExactlyInAnyOrder("station:[fm97.5][]", "scanner:[][fm*]");
                assertThat(pubSub.getConnectionCount()).isEqualTo(2);
                publishAfterRecoveryAndCheck(client, radio);
            });
        }
        await().atMost(WAIT).until(() -> respkitThreads() == threadsBefore);
    }

    @Test
    void channelAndPatternListenersAreResubscribedAfterAServerRestart(RedisProcess server) {
        long threadsBefore = respkitThreads();
        Radio radio = new Radio();
        runner(server, radio).run(context -> {
            assertThat(context).hasNotFailed();
            PubSubListenerContainer pubSub = context.getBean(RedisListenerEndpointRegistry.class)
                    .getPubSubContainer();
            try (RedisClient<String> client = RedisClient.create(server.config())) {
                publishBefore(client, radio);
            }
            server.kill();
            server.restart();
            try (RedisClient<String> client = RedisClient.create(server.config())) {
                await().atMost(WAIT).until(() -> pubSub.getGapCount() >= 1 && pubSub.isConnected()
                        && numsub(client, "fm97.5") == 1 && numpat(client) == 1);
                // Each restored gap is reported to both listeners.
                await().atMost(WAIT).until(() -> radio.gaps.size() == 2 * pubSub.getGapCount());
                publishAfterRecoveryAndCheck(client, radio);
            }
        });
        await().atMost(WAIT).until(() -> respkitThreads() == threadsBefore);
    }
}
