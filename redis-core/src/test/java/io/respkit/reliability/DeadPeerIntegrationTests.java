package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber whose server vanished without FIN or RST (a network black hole, or the server's side of the
 * connection gone while the client's socket stays open and silent) notices within the health-check interval plus
 * the read timeout: it reconnects, resubscribes, delivers {@code RECONNECTED}, and receives what is published
 * afterwards. Without the health check it would wait for hours (kernel keepalive). The health-check {@code PING}
 * and its {@code PONG} are never delivered as messages. RESP2 and RESP3.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class DeadPeerIntegrationTests {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** The guaranteed bound is INTERVAL + TIMEOUT; the margin only absorbs a loaded build machine. */
    private static final Duration DETECTED = INTERVAL.plus(TIMEOUT).plusSeconds(8);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What a listener thread saw, in order. */
    private static final class Recorder {
        final List<PubSubMessage<String>> all = new CopyOnWriteArrayList<>();

        void on(PubSubMessage<String> m) {
            all.add(m);
        }

        List<String> messages() {
            List<String> out = new ArrayList<>();
            for (PubSubMessage<String> m : all) {
                if (m instanceof Message<String> msg) {
                    out.add(msg.channel() + "|" + msg.payload());
                }
            }
            return out;
        }

        long count(SubscriptionEvent.Kind kind) {
            return all.stream().filter(m -> m instanceof SubscriptionEvent<String> e && e.kind() == kind).count();
        }
    }

    private static RedisConfig.Builder viaProxy(FaultProxy proxy, RespVersion protocol) {
        return proxy.configBuilder().protocol(protocol).timeout(TIMEOUT).connectTimeout(TIMEOUT)
                .healthCheckInterval(INTERVAL);
    }

    private static long numsub(RedisClient<String> redis, String channel) {
        Object reply = redis.execute("PUBSUB", "NUMSUB", channel);
        Object count = reply instanceof Map<?, ?> map ? map.get(channel) : ((List<?>) reply).get(1);
        return (Long) count;
    }

    /** Calls to PING the server has counted, from {@code INFO commandstats}. */
    private static long pings(RedisClient<String> redis) {
        String info = String.valueOf(redis.execute("INFO", "commandstats"));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_ping:calls=")) {
                return Long.parseLong(line.substring("cmdstat_ping:calls=".length(), line.indexOf(',')));
            }
        }
        return 0;
    }

    private static List<String> expected(String channel, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(channel + "|m" + i);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void blackholedSubscriberIsDetectedWithinTheIntervalAndResubscribesAfterHeal(RespVersion protocol,
            RedisServer server) {
        Recorder r = new Recorder();
        try (FaultProxy proxy = FaultProxy.to(server);
             RedisClient<String> direct = RedisClient.create(server.configBuilder().protocol(protocol).build());
             RedisClient<String> redis = RedisClient.create(viaProxy(proxy, protocol).build());
             Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("dp:news");
            sub.start(r::on);
            await().atMost(WAIT).until(() -> numsub(direct, "dp:news") == 1);
            direct.execute("PUBLISH", "dp:news", "before");
            await().atMost(WAIT).until(() -> r.messages().contains("dp:news|before"));

            proxy.blackhole();
            // Nothing arrives and nothing is reset: only the health check can tell.
            await().atMost(DETECTED).until(() -> !sub.isOpen());
            proxy.heal();

            await().atMost(WAIT).until(() -> r.count(SubscriptionEvent.Kind.RECONNECTED) == 1
                    && sub.isOpen() && numsub(direct, "dp:news") == 1);
            for (int i = 0; i < 50; i++) {
                assertThat(direct.execute("PUBLISH", "dp:news", "m" + i)).isEqualTo(1L);
            }
            await().atMost(WAIT).until(() -> r.messages().size() == 51);
            List<String> all = new ArrayList<>(List.of("dp:news|before"));
            all.addAll(expected("dp:news", 50));
            assertThat(r.messages()).containsExactlyElementsOf(all);
            assertThat(sub.reconnects()).isEqualTo(1);
            assertThat(r.count(SubscriptionEvent.Kind.RECONNECTED)).isEqualTo(1);
        }
    }

    /**
     * The testers' report: the server's side is gone (NUMSUB 0) while the client's socket stays open and silent.
     * Before the health check: 0 of 50 messages in 15 s, no {@code RECONNECTED}, {@code isOpen()} true.
     */
    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void subscriberCutOffSilentlyReconnectsAndReceivesLaterMessages(RespVersion protocol, RedisServer server) {
        Recorder r = new Recorder();
        try (FaultProxy proxy = FaultProxy.to(server);
             RedisClient<String> direct = RedisClient.create(server.configBuilder().protocol(protocol).build());
             RedisClient<String> redis = RedisClient.create(viaProxy(proxy, protocol).build());
             Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("dp:radio");
            sub.start(r::on);
            await().atMost(WAIT).until(() -> numsub(direct, "dp:radio") == 1);

            proxy.abandonAll();
            await().atMost(WAIT).until(() -> numsub(direct, "dp:radio") == 0);
            await().atMost(DETECTED).until(() -> r.count(SubscriptionEvent.Kind.RECONNECTED) == 1
                    && numsub(direct, "dp:radio") == 1);

            for (int i = 0; i < 50; i++) {
                assertThat(direct.execute("PUBLISH", "dp:radio", "m" + i)).isEqualTo(1L);
            }
            await().atMost(WAIT).until(() -> r.messages().size() == 50);
            assertThat(r.messages()).containsExactlyElementsOf(expected("dp:radio", 50));
            assertThat(sub.isOpen()).isTrue();
            assertThat(sub.reconnects()).isEqualTo(1);
        }
    }

    /**
     * The health check runs across short {@code next(timeout)} calls too (each shorter than the interval), and its
     * {@code PONG} ({@code ["pong", ""]} over RESP2, {@code +PONG} over RESP3) never reaches the caller.
     */
    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void healthCheckPongIsNeverDeliveredAsAMessage(RespVersion protocol, RedisServer server) {
        List<PubSubMessage<String>> got = new ArrayList<>();
        try (RedisClient<String> direct = RedisClient.create(server.configBuilder().protocol(protocol).build());
             RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                     .healthCheckInterval(Duration.ofMillis(100)).build());
             Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("dp:quiet");
            long before = pings(direct);
            await().atMost(WAIT).until(() -> {
                PubSubMessage<String> m = sub.next(Duration.ofMillis(50));
                if (m != null) {
                    got.add(m);
                }
                return pings(direct) >= before + 5;
            });
            assertThat(direct.execute("PUBLISH", "dp:quiet", "hello")).isEqualTo(1L);
            await().atMost(WAIT).until(() -> {
                PubSubMessage<String> m = sub.next(Duration.ofMillis(50));
                if (m != null) {
                    got.add(m);
                }
                return m instanceof Message<String>;
            });
            assertThat(got).containsExactly(new SubscriptionEvent<>(SubscriptionEvent.Kind.SUBSCRIBE, "dp:quiet", 1),
                    new Message<>("dp:quiet", "hello"));
            assertThat(sub.reconnects()).isZero();
        }
    }

    /** Turned off ({@link Duration#ZERO}), a quiet subscriber sends nothing. */
    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void healthCheckTurnedOffSendsNoPing(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> direct = RedisClient.create(server.configBuilder().protocol(protocol).build());
             RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                     .healthCheckInterval(Duration.ZERO).build());
             Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("dp:off");
            assertThat(sub.next(WAIT)).isInstanceOf(SubscriptionEvent.class);
            long before = pings(direct);
            await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> {
                assertThat(sub.next(Duration.ofMillis(50))).isNull();
                return pings(direct) == before;
            });
        }
    }
}
