package io.respkit.spring.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.RedisClient;
import io.respkit.spring.listener.annotation.Channel;
import io.respkit.spring.listener.annotation.Pattern;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.respkit.spring.listener.ListenerTestSupport.numpat;
import static io.respkit.spring.listener.ListenerTestSupport.numsub;
import static io.respkit.spring.listener.ListenerTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class RedisListenerPubSubIntegrationTests {

    private static RedisClient<String> client;

    @BeforeAll
    static void connect(RedisServer server) {
        client = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    record Order(String id, int quantity) {
    }

    static class NewsListeners {

        final List<String> news = new CopyOnWriteArrayList<>();
        final List<String> alerts = new CopyOnWriteArrayList<>();
        final List<Order> orders = new CopyOnWriteArrayList<>();
        final List<RedisMessage<Order>> orderMessages = new CopyOnWriteArrayList<>();
        final List<String> raw = new CopyOnWriteArrayList<>();

        @RedisListener(id = "news", channels = {"${test.news-channel}", "news.sport"})
        void onNews(String payload, @Channel String channel) {
            news.add(channel + ":" + payload);
        }

        @RedisListener(id = "alerts", patterns = "alerts.*")
        void onAlert(RedisMessage<String> message, @Pattern String pattern, @Channel String channel) {
            alerts.add(pattern + "|" + channel + "|" + message.payload() + "|" + message.kind() + "|"
                    + message.pattern());
        }

        @RedisListener(id = "#{'ord' + 'ers'}", channels = "#{'ord' + 'ers'}")
        void onOrder(Order order, RedisMessage<Order> message) {
            orders.add(order);
            orderMessages.add(message);
        }

        @RedisListener(id = "raw", channels = "raw")
        void onRaw(byte[] payload) {
            raw.add(payload.length + ":" + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void channelsPatternsArgumentsAndJsonAreDeliveredExactly(RedisServer server) {
        runner(server).withBean(NewsListeners.class).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("test.news-channel=news.tech").run(context -> {
                    assertThat(context).hasNotFailed();
                    NewsListeners l = context.getBean(NewsListeners.class);
                    await().atMost(Duration.ofSeconds(5)).until(() -> numsub(client, "news.tech") == 1
                            && numsub(client, "news.sport") == 1 && numsub(client, "orders") == 1
                            && numsub(client, "raw") == 1 && numpat(client) == 1);

                    client.execute("PUBLISH", "news.tech", "a");
                    client.execute("PUBLISH", "news.sport", "b");
                    client.execute("PUBLISH", "news.other", "not-for-us");
                    client.execute("PUBLISH", "alertsfire", "no-dot-no-match");
                    client.execute("PUBLISH", "alerts.fire", "f");
                    client.execute("PUBLISH", "news.tech", "c");
                    client.execute("PUBLISH", "orders", "{\"id\":\"o-1\",\"quantity\":3}");
                    client.execute("PUBLISH", "raw", "héllo");
                    // Sentinels: each listener handles its messages in order, so once a sentinel arrived
                    // everything published before it has been handled.
                    client.execute("PUBLISH", "news.sport", "end");
                    client.execute("PUBLISH", "alerts.end", "end");
                    await().atMost(Duration.ofSeconds(5)).until(() -> l.news.contains("news.sport:end")
                            && l.alerts.size() == 2 && l.orders.size() == 1 && l.raw.size() == 1);

                    assertThat(l.news).containsExactly("news.tech:a", "news.sport:b", "news.tech:c", "news.sport:end");
                    assertThat(l.alerts).containsExactly("alerts.*|alerts.fire|f|PATTERN|alerts.*",
                            "alerts.*|alerts.end|end|PATTERN|alerts.*");
                    assertThat(l.orders).containsExactly(new Order("o-1", 3));
                    RedisMessage<Order> m = l.orderMessages.get(0);
                    assertThat(m.source()).isEqualTo("orders");
                    assertThat(m.kind()).isEqualTo(RedisMessage.Kind.CHANNEL);
                    assertThat(m.pattern()).isNull();
                    assertThat(m.attempt()).isEqualTo(1);
                    assertThat(m.payload()).isEqualTo(new Order("o-1", 3));
                    assertThat(l.raw).containsExactly("6:héllo");

                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    assertThat(registry.getListenerContainerIds()).containsExactlyInAnyOrder("news", "alerts",
                            "orders", "raw");
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("respkit.listener.received").tag("listener", "news").counter().count())
                            .isEqualTo(4.0);
                    assertThat(meters.get("respkit.listener.processed").tag("listener", "alerts").counter().count())
                            .isEqualTo(2.0);
                });
    }

    static class FailingThenCounting {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @RedisListener(id = "flaky-pubsub", channels = "flaky.events", errorHandler = "recordingErrorHandler")
        void on(String payload) {
            if (payload.startsWith("bad")) {
                throw new IllegalArgumentException("rejected " + payload);
            }
            seen.add(payload);
        }
    }

    @Test
    void handlerFailureGoesToTheNamedErrorHandlerAndDeliveryGoesOn(RedisServer server) {
        List<String> errors = new CopyOnWriteArrayList<>();
        RedisListenerErrorHandler recording = (id, message, error) ->
                errors.add(id + "|" + message.source() + "|" + error.getMessage());
        runner(server).withBean(FailingThenCounting.class)
                .withBean("recordingErrorHandler", RedisListenerErrorHandler.class, () -> recording)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FailingThenCounting l = context.getBean(FailingThenCounting.class);
                    await().atMost(Duration.ofSeconds(5)).until(() -> numsub(client, "flaky.events") == 1);
                    client.execute("PUBLISH", "flaky.events", "bad-1");
                    client.execute("PUBLISH", "flaky.events", "good-1");
                    await().atMost(Duration.ofSeconds(5)).until(() -> l.seen.contains("good-1"));
                    assertThat(errors).containsExactly("flaky-pubsub|flaky.events|rejected bad-1");
                    assertThat(l.seen).containsExactly("good-1");
                });
    }

    static class PingListener {

        final List<String> pings = new CopyOnWriteArrayList<>();

        @RedisListener(id = "pings", channels = "pings")
        void on(String payload) {
            pings.add(payload);
        }
    }

    @Test
    void resubscribesOnceAfterTheServerDropsTheSubscriber(RedisServer server) {
        runner(server).withBean(PingListener.class).run(context -> {
            PingListener l = context.getBean(PingListener.class);
            PubSubListenerContainer pubSub = context.getBean(RedisListenerEndpointRegistry.class)
                    .getPubSubContainer();
            await().atMost(Duration.ofSeconds(5)).until(() -> numsub(client, "pings") == 1);
            client.execute("PUBLISH", "pings", "before");
            await().atMost(Duration.ofSeconds(5)).until(() -> l.pings.contains("before"));
            assertThat(pubSub.getConnectionCount()).isEqualTo(1);

            Long killed = (Long) client.execute("CLIENT", "KILL", "TYPE", "pubsub");
            assertThat(killed).isEqualTo(1);
            // No check that NUMSUB dropped to 0 here: the container may already have resubscribed.

            await().atMost(Duration.ofSeconds(5)).until(() -> pubSub.getConnectionCount() == 2
                    && numsub(client, "pings") == 1);
            client.execute("PUBLISH", "pings", "after");
            await().atMost(Duration.ofSeconds(5)).until(() -> l.pings.contains("after"));
            assertThat(l.pings).containsExactly("before", "after");
            // One subscriber connection, subscribed once: nothing was duplicated by the reconnect.
            assertThat(numsub(client, "pings")).isEqualTo(1);
        });
    }

    @Test
    void stoppingOneListenerUnsubscribesOnlyItsChannels(RedisServer server) {
        runner(server).withBean(PingListener.class).withBean(FailingThenCounting.class)
                .withBean("recordingErrorHandler", RedisListenerErrorHandler.class,
                        () -> (id, message, error) -> { })
                .run(context -> {
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    await().atMost(Duration.ofSeconds(5)).until(() -> numsub(client, "pings") == 1
                            && numsub(client, "flaky.events") == 1);
                    registry.getListenerContainer("pings").stop();
                    await().atMost(Duration.ofSeconds(5)).until(() -> numsub(client, "pings") == 0);
                    assertThat(numsub(client, "flaky.events")).isEqualTo(1);
                    assertThat(registry.getPubSubContainer().isRunning()).isTrue();

                    registry.getListenerContainer("pings").start();
                    await().atMost(Duration.ofSeconds(5)).until(() -> numsub(client, "pings") == 1);
                    PingListener l = context.getBean(PingListener.class);
                    client.execute("PUBLISH", "pings", "again");
                    await().atMost(Duration.ofSeconds(5)).until(() -> l.pings.contains("again"));
                });
    }
}
