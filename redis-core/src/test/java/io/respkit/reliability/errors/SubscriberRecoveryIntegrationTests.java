package io.respkit.reliability.errors;

import io.respkit.RedisClient;
import io.respkit.protocol.RespVersion;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.PatternMessage;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A core {@link Subscriber} whose connection is lost ({@code CLIENT KILL TYPE pubsub}, or the server killed and
 * restarted on the same port) reconnects, subscribes again to exactly its channels and patterns, once each, tells
 * its reader of the gap with a {@code RECONNECTED} event, and then receives every message exactly once.
 */
@ExtendWith(RedisServerExtension.class)
class SubscriberRecoveryIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What a listener thread saw, in order. */
    private static final class Recorder {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<SubscriptionEvent<String>> events = new CopyOnWriteArrayList<>();

        void on(PubSubMessage<String> m) {
            if (m instanceof Message<String> msg) {
                messages.add(msg.channel() + "|" + msg.payload());
            } else if (m instanceof PatternMessage<String> pm) {
                messages.add(pm.pattern() + ">" + pm.channel() + "|" + pm.payload());
            } else if (m instanceof SubscriptionEvent<String> e) {
                events.add(e);
            }
        }

        long count(SubscriptionEvent.Kind kind) {
            return events.stream().filter(e -> e.kind() == kind).count();
        }
    }

    private static long numsub(RedisClient<String> redis, String channel) {
        Object reply = redis.execute("PUBSUB", "NUMSUB", channel);
        Object count = reply instanceof Map<?, ?> map ? map.get(channel) : ((List<?>) reply).get(1);
        return (Long) count;
    }

    private static long numpat(RedisClient<String> redis) {
        return (Long) redis.execute("PUBSUB", "NUMPAT");
    }

    private static long subscriberThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("respkit-subscriber")).count();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void resubscribesOnceAfterClientKillTypePubsub(RespVersion protocol, RedisProcess server) {
        long threadsBefore = subscriberThreads();
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            Recorder r = new Recorder();
            try (Subscriber<String> sub = redis.subscriber()) {
                sub.subscribe("news");
                sub.psubscribe("alerts.*");
                sub.start(r::on);
                await().atMost(WAIT).until(() -> numsub(redis, "news") == 1 && numpat(redis) == 1);
                redis.execute("PUBLISH", "news", "before");
                redis.execute("PUBLISH", "alerts.fire", "before");
                await().atMost(WAIT).until(() -> r.messages.size() == 2);

                assertThat(redis.execute("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(1L);

                // Told of the gap, then the server confirms both resubscriptions.
                await().atMost(WAIT).until(() -> r.count(SubscriptionEvent.Kind.RECONNECTED) == 1
                        && r.count(SubscriptionEvent.Kind.SUBSCRIBE) == 2
                        && r.count(SubscriptionEvent.Kind.PSUBSCRIBE) == 2);
                assertThat(sub.reconnects()).isEqualTo(1);
                assertThat(numsub(redis, "news")).isEqualTo(1);
                assertThat(numpat(redis)).isEqualTo(1);

                assertThat(redis.execute("PUBLISH", "news", "after")).isEqualTo(1L);
                assertThat(redis.execute("PUBLISH", "alerts.fire", "after")).isEqualTo(1L);
                redis.execute("PUBLISH", "news", "end");
                await().atMost(WAIT).until(() -> r.messages.contains("news|end"));
                assertThat(r.messages).containsExactly("news|before", "alerts.*>alerts.fire|before",
                        "news|after", "alerts.*>alerts.fire|after", "news|end");
                SubscriptionEvent<String> reconnected = r.events.stream()
                        .filter(e -> e.kind() == SubscriptionEvent.Kind.RECONNECTED).findFirst().orElseThrow();
                assertThat(reconnected.count()).isEqualTo(2);
                assertThat(reconnected.channel()).isNull();
            }
            await().atMost(WAIT).until(() -> subscriberThreads() == threadsBefore);
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void resubscribesAfterTheServerRestartsOnTheSamePort(RespVersion protocol, RedisProcess server) {
        long threadsBefore = subscriberThreads();
        Recorder r = new Recorder();
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
             Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("radio");
            sub.start(r::on);
            await().atMost(WAIT).until(() -> numsub(redis, "radio") == 1);
            redis.execute("PUBLISH", "radio", "before");
            await().atMost(WAIT).until(() -> r.messages.contains("radio|before"));

            server.kill();
            // Subscribed while the server is down: recorded now, sent by the reconnection.
            sub.subscribe("late");
            server.restart();

            try (RedisClient<String> fresh = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
                await().atMost(WAIT).until(() -> sub.reconnects() >= 1
                        && numsub(fresh, "radio") == 1 && numsub(fresh, "late") == 1);
                // At least once: a reconnection can reach the dying server's listening socket before the kernel
                // closes it, and then reconnects again. Either way the subscriptions are not duplicated.
                assertThat(sub.reconnects()).isGreaterThanOrEqualTo(1);
                assertThat(fresh.execute("PUBLISH", "radio", "after")).isEqualTo(1L);
                assertThat(fresh.execute("PUBLISH", "late", "hello")).isEqualTo(1L);
                await().atMost(WAIT).until(() -> r.messages.size() == 3);
                assertThat(r.messages).containsExactly("radio|before", "radio|after", "late|hello");
                assertThat(r.count(SubscriptionEvent.Kind.RECONNECTED)).isEqualTo(sub.reconnects());
                assertThat(numsub(fresh, "radio")).isEqualTo(1);
            }
        }
        await().atMost(WAIT).until(() -> subscriberThreads() == threadsBefore);
    }
}
