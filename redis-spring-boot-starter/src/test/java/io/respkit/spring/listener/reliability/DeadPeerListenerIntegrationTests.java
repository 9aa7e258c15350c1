package io.respkit.spring.listener.reliability;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisListenerAutoConfiguration;
import io.respkit.spring.listener.PubSubListenerContainer;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisMessage;
import io.respkit.spring.listener.SubscriptionGap;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listeners whose server vanished without FIN or RST, configured through {@code redis.health-check-interval}: the
 * pub/sub container's subscriber is pinged when silent and reconnects when the {@code PING} goes unanswered (gap
 * reported, later messages received), and queue workers bound each blocking pop by the interval so that their read
 * timeout catches a silent peer even with a long poll timeout. Detection within the interval plus the read timeout,
 * RESP2 and RESP3.
 */
@ExtendWith(RedisServerExtension.class)
class DeadPeerListenerIntegrationTests {

    /** The guaranteed bound is interval (1 s) + read timeout (500 ms); the margin absorbs a loaded machine. */
    private static final Duration DETECTED = Duration.ofMillis(1500).plusSeconds(8);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A channel listener that records messages and gaps. */
    static class Radio {

        final List<String> received = new CopyOnWriteArrayList<>();
        final List<SubscriptionGap> gaps = new CopyOnWriteArrayList<>();

        @RedisListener(id = "dp-station", channels = "dp:fm", errorHandler = "gapRecorder")
        void station(String payload) {
            received.add(payload);
        }
    }

    /** A plain queue listener. */
    static class PlainWorker {

        final List<String> received = new CopyOnWriteArrayList<>();

        @RedisListener(id = "dp-plain", queue = "dp:plain")
        void handle(String item) {
            received.add(item);
        }
    }

    /** A reliable queue listener. */
    static class ReliableWorker {

        final List<String> received = new CopyOnWriteArrayList<>();

        @RedisListener(id = "dp-reliable", queue = "dp:reliable", reliable = true)
        void handle(String item) {
            received.add(item);
        }
    }

    private static ApplicationContextRunner runner(FaultProxy proxy, String protocol, String pollTimeout) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisListenerAutoConfiguration.class))
                .withPropertyValues("redis.url=redis://" + proxy.host() + ":" + proxy.port(),
                        "redis.protocol=" + protocol, "redis.timeout=500ms", "redis.connect-timeout=500ms",
                        "redis.health-check-interval=1s", "redis.listener.poll-timeout=" + pollTimeout,
                        "redis.listener.shutdown-timeout=3s", "redis.listener.recovery.initial-delay=50ms",
                        "redis.listener.recovery.max-delay=300ms");
    }

    private static long numsub(RedisClient<String> client, String channel) {
        Object reply = client.execute("PUBSUB", "NUMSUB", channel);
        Object count = reply instanceof Map<?, ?> map ? map.get(channel) : ((List<?>) reply).get(1);
        return (Long) count;
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void channelListenerBehindABlackholeIsResubscribedAndToldOfTheGap(RespVersion protocol, RedisServer server) {
        Radio radio = new Radio();
        RedisListenerErrorHandler gapRecorder = new RedisListenerErrorHandler() {
            @Override
            public void handleError(String listenerId, RedisMessage<byte[]> message, Throwable error) {
            }

            @Override
            public void handleSubscriptionGap(String listenerId, SubscriptionGap gap) {
                radio.gaps.add(gap);
            }
        };
        try (FaultProxy proxy = FaultProxy.to(server);
             RedisClient<String> direct = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            runner(proxy, protocol.name().toLowerCase(), "200ms")
                    .withBean(Radio.class, () -> radio)
                    .withBean("gapRecorder", RedisListenerErrorHandler.class, () -> gapRecorder)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(RedisConfig.class).healthCheckInterval())
                                .isEqualTo(Duration.ofSeconds(1));
                        PubSubListenerContainer pubSub = context.getBean(RedisListenerEndpointRegistry.class)
                                .getPubSubContainer();
                        await().atMost(WAIT).until(() -> numsub(direct, "dp:fm") == 1);
                        direct.execute("PUBLISH", "dp:fm", "before");
                        await().atMost(WAIT).until(() -> radio.received.contains("before"));

                        proxy.blackhole();
                        await().atMost(DETECTED).until(() -> !pubSub.isConnected());
                        proxy.heal();

                        await().atMost(WAIT).until(() -> pubSub.getGapCount() == 1 && pubSub.isConnected()
                                && numsub(direct, "dp:fm") == 1 && radio.gaps.size() == 1);
                        List<String> expected = new ArrayList<>(List.of("before"));
                        for (int i = 0; i < 20; i++) {
                            assertThat(direct.execute("PUBLISH", "dp:fm", "m" + i)).isEqualTo(1L);
                            expected.add("m" + i);
                        }
                        await().atMost(WAIT).until(() -> radio.received.size() == 21);
                        assertThat(radio.received).containsExactlyElementsOf(expected);
                        assertThat(radio.gaps.get(0).channels()).containsExactly("dp:fm");
                    });
        }
    }

    /**
     * With a 30 s poll timeout a worker blocks in BRPOP/BLMOVE for 30 s plus the read timeout before it would notice
     * that its server is gone; bounded by the 1 s interval, it reconnects and takes the next item within seconds.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void queueWorkerCutOffSilentlyReconnectsWithinTheIntervalDespiteALongPollTimeout(boolean reliable,
            RedisServer server) {
        String queue = reliable ? "dp:reliable" : "dp:plain";
        try (FaultProxy proxy = FaultProxy.to(server);
             RedisClient<String> direct = RedisClient.create(server.config())) {
            ApplicationContextRunner runner = runner(proxy, "resp3", "30s");
            runner = reliable ? runner.withBean(ReliableWorker.class) : runner.withBean(PlainWorker.class);
            runner.run(context -> {
                assertThat(context).hasNotFailed();
                List<String> received = reliable ? context.getBean(ReliableWorker.class).received
                        : context.getBean(PlainWorker.class).received;
                direct.execute("LPUSH", queue, "a");
                await().atMost(WAIT).until(() -> received.contains("a"));

                proxy.abandonAll();
                direct.execute("LPUSH", queue, "b");
                await().atMost(DETECTED).until(() -> received.contains("b"));
                assertThat(received).containsExactly("a", "b");
            });
        }
    }
}
