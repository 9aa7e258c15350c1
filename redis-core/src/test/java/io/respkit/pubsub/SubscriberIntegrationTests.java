package io.respkit.pubsub;

import io.respkit.RedisClient;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Pub/sub against a real server over RESP2 and RESP3: multi-channel and pattern subscriptions, message order,
 * unsubscribing from another thread while a listener runs, several independent subscribers, {@code listen()}
 * ending on close, and binary payloads.
 */
@ExtendWith(RedisServerExtension.class)
class SubscriberIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    private static <V> SubscriptionEvent<V> event(SubscriptionEvent.Kind kind, String channel, long count) {
        return new SubscriptionEvent<>(kind, channel, count);
    }

    /** Publishes and returns how many subscribers received it. */
    private static long publish(RedisClient<String> redis, String channel, String message) {
        return (Long) redis.execute("PUBLISH", channel, message);
    }

    /** Waits until {@code channel} has {@code n} subscribers on the server. */
    private static void awaitSubscribers(RedisClient<String> redis, String channel, long n) {
        await().atMost(WAIT).until(() -> {
            Object reply = redis.execute("PUBSUB", "NUMSUB", channel);
            Object count = reply instanceof Map<?, ?> map ? map.get(channel) : ((List<?>) reply).get(1);
            return Long.valueOf(n).equals(count);
        });
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void subscribesToSeveralChannelsAndReceivesInOrder(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol); Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("ch1", "ch2", "ch3");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SUBSCRIBE, "ch1", 1));
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SUBSCRIBE, "ch2", 2));
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SUBSCRIBE, "ch3", 3));
            assertThat(sub.channels()).containsExactlyInAnyOrder("ch1", "ch2", "ch3");

            for (int i = 0; i < 20; i++) {
                assertThat(publish(redis, "ch" + (i % 3 + 1), "m" + i)).isEqualTo(1L);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(sub.next(WAIT)).isEqualTo(new Message<>("ch" + (i % 3 + 1), "m" + i));
            }
            assertThat(sub.next(Duration.ofMillis(50))).isNull();
            // under one millisecond must not mean "forever"
            assertThat(assertTimeoutPreemptively(WAIT, () -> sub.next(Duration.ofNanos(1000)))).isNull();

            sub.unsubscribe("ch2");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.UNSUBSCRIBE, "ch2", 2));
            assertThat(sub.channels()).containsExactlyInAnyOrder("ch1", "ch3");
            assertThat(publish(redis, "ch2", "lost")).isZero();
            assertThat(publish(redis, "ch3", "kept")).isEqualTo(1L);
            assertThat(sub.next(WAIT)).isEqualTo(new Message<>("ch3", "kept"));
            assertThat(sub.isOpen()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void patternSubscription(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol); Subscriber<String> sub = redis.subscriber()) {
            sub.psubscribe("fm*");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.PSUBSCRIBE, "fm*", 1));
            assertThat(sub.patterns()).containsExactly("fm*");

            assertThat(publish(redis, "fm97.5", "news")).isEqualTo(1L);
            assertThat(publish(redis, "am1010", "ignored")).isZero();
            assertThat(publish(redis, "fm80.5", "music")).isEqualTo(1L);
            assertThat(sub.next(WAIT)).isEqualTo(new PatternMessage<>("fm*", "fm97.5", "news"));
            assertThat(sub.next(WAIT)).isEqualTo(new PatternMessage<>("fm*", "fm80.5", "music"));

            sub.punsubscribe();
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.PUNSUBSCRIBE, "fm*", 0));
            assertThat(sub.patterns()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void unsubscribeFromAnotherThreadWhileListening(RespVersion protocol, RedisServer server) throws Exception {
        List<PubSubMessage<String>> received = new CopyOnWriteArrayList<>();
        try (RedisClient<String> redis = client(server, protocol); Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("live-a", "live-b");
            Thread listener = sub.start(received::add);
            await().atMost(WAIT).until(() -> received.size() == 2);
            assertThat(publish(redis, "live-a", "a1")).isEqualTo(1L);
            assertThat(publish(redis, "live-b", "b1")).isEqualTo(1L);
            await().atMost(WAIT).until(() -> received.size() == 4);

            sub.unsubscribe("live-a"); // this thread writes while the listener thread is blocked reading
            await().atMost(WAIT).until(() -> received.size() == 5);
            assertThat(publish(redis, "live-a", "a2")).isZero();
            assertThat(publish(redis, "live-b", "b2")).isEqualTo(1L);
            await().atMost(WAIT).until(() -> received.size() == 6);

            sub.subscribe("live-c"); // and subscribes again at run time
            await().atMost(WAIT).until(() -> received.size() == 7);
            assertThat(publish(redis, "live-c", "c1")).isEqualTo(1L);
            await().atMost(WAIT).until(() -> received.size() == 8);

            assertThat(received).containsExactly(
                    event(SubscriptionEvent.Kind.SUBSCRIBE, "live-a", 1),
                    event(SubscriptionEvent.Kind.SUBSCRIBE, "live-b", 2),
                    new Message<>("live-a", "a1"),
                    new Message<>("live-b", "b1"),
                    event(SubscriptionEvent.Kind.UNSUBSCRIBE, "live-a", 1),
                    new Message<>("live-b", "b2"),
                    event(SubscriptionEvent.Kind.SUBSCRIBE, "live-c", 2),
                    new Message<>("live-c", "c1"));
            assertThat(listener.isAlive()).isTrue();
            sub.close();
            listener.join(WAIT.toMillis());
            assertThat(listener.isAlive()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void eachListenerReceivesExactlyItsChannels(RespVersion protocol, RedisServer server) {
        List<String> zhangsanGot = new CopyOnWriteArrayList<>();
        List<String> lisiGot = new CopyOnWriteArrayList<>();
        List<String> wangwuGot = new CopyOnWriteArrayList<>();
        try (RedisClient<String> redis = client(server, protocol);
             Subscriber<String> zhangsan = redis.subscriber();
             Subscriber<String> lisi = redis.subscriber();
             Subscriber<String> wangwu = redis.subscriber()) {
            zhangsan.subscribe("fm97.5", "fm77.5");
            lisi.subscribe("fm80.5");
            wangwu.subscribe("fm97.5");
            zhangsan.start(m -> collect(m, zhangsanGot));
            lisi.start(m -> collect(m, lisiGot));
            wangwu.start(m -> collect(m, wangwuGot));
            awaitSubscribers(redis, "fm97.5", 2);
            awaitSubscribers(redis, "fm77.5", 1);
            awaitSubscribers(redis, "fm80.5", 1);

            String[][] sequence = {
                    {"fm97.5", "news-1"}, {"fm77.5", "jazz-1"}, {"fm80.5", "talk-1"}, {"fm97.5", "news-2"},
                    {"fm101.1", "nobody"}, {"fm80.5", "talk-2"}, {"fm77.5", "jazz-2"}, {"fm97.5", "news-3"}};
            for (String[] m : sequence) {
                publish(redis, m[0], m[1]);
            }

            List<String> zhangsanExpected = List.of("fm97.5:news-1", "fm77.5:jazz-1", "fm97.5:news-2",
                    "fm77.5:jazz-2", "fm97.5:news-3");
            List<String> lisiExpected = List.of("fm80.5:talk-1", "fm80.5:talk-2");
            List<String> wangwuExpected = List.of("fm97.5:news-1", "fm97.5:news-2", "fm97.5:news-3");
            await().atMost(WAIT).until(() -> zhangsanGot.size() >= zhangsanExpected.size()
                    && lisiGot.size() >= lisiExpected.size() && wangwuGot.size() >= wangwuExpected.size());
            // a final marker on every channel proves nothing else is still on its way
            publish(redis, "fm97.5", "end");
            publish(redis, "fm77.5", "end");
            publish(redis, "fm80.5", "end");
            await().atMost(WAIT).until(() -> zhangsanGot.contains("fm77.5:end") && zhangsanGot.contains("fm97.5:end")
                    && lisiGot.contains("fm80.5:end") && wangwuGot.contains("fm97.5:end"));

            assertThat(zhangsanGot).containsExactly(concat(zhangsanExpected, "fm97.5:end", "fm77.5:end"));
            assertThat(lisiGot).containsExactly(concat(lisiExpected, "fm80.5:end"));
            assertThat(wangwuGot).containsExactly(concat(wangwuExpected, "fm97.5:end"));
        }
    }

    private static void collect(PubSubMessage<String> message, List<String> into) {
        if (message instanceof Message<String> m) {
            into.add(m.channel() + ":" + m.payload());
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void listenEndsAfterClose(RespVersion protocol, RedisServer server) throws Exception {
        List<PubSubMessage<String>> received = new CopyOnWriteArrayList<>();
        try (RedisClient<String> redis = client(server, protocol)) {
            Subscriber<String> sub = redis.subscriber();
            sub.subscribe("listen-ch");
            Thread reader = new Thread(() -> {
                for (PubSubMessage<String> m : sub.listen()) {
                    received.add(m);
                }
            });
            reader.start();
            await().atMost(WAIT).until(() -> received.size() == 1);
            assertThat(publish(redis, "listen-ch", "hello")).isEqualTo(1L);
            await().atMost(WAIT).until(() -> received.size() == 2);

            sub.close();
            reader.join(WAIT.toMillis());
            assertThat(reader.isAlive()).isFalse();
            assertThat(sub.isOpen()).isFalse();
            assertThat(received).containsExactly(event(SubscriptionEvent.Kind.SUBSCRIBE, "listen-ch", 1),
                    new Message<>("listen-ch", "hello"));
            assertThat(sub.listen().iterator().hasNext()).isFalse();
            awaitSubscribers(redis, "listen-ch", 0);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void binaryPayloads(RespVersion protocol, RedisServer server) {
        byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        try (RedisClient<String> redis = client(server, protocol);
             Subscriber<byte[]> sub = redis.withCodec(ByteArrayCodec.INSTANCE).subscriber()) {
            sub.subscribe("bin");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SUBSCRIBE, "bin", 1));
            assertThat(redis.withCodec(ByteArrayCodec.INSTANCE).execute("PUBLISH", "bin", payload)).isEqualTo(1L);
            PubSubMessage<byte[]> m = sub.next(WAIT);
            assertThat(m).isInstanceOfSatisfying(Message.class, msg -> {
                assertThat(msg.channel()).isEqualTo("bin");
                assertThat((byte[]) msg.payload()).isEqualTo(payload);
            });
            byte[] text = "héllo".getBytes(StandardCharsets.UTF_8);
            assertThat(publish(redis, "bin", "héllo")).isEqualTo(1L);
            assertThat(((Message<byte[]>) sub.next(WAIT)).payload()).isEqualTo(text);
        }
    }
}
