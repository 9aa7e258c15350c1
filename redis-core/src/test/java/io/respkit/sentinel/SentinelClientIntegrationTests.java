package io.respkit.sentinel;

import io.respkit.Pipeline;
import io.respkit.RedisClient;
import io.respkit.Transaction;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.test.RedisNode;
import io.respkit.test.RedisSentinels;
import io.respkit.test.SentinelTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SentinelTest
class SentinelClientIntegrationTests {

    static SentinelConfig configOf(RedisSentinels group) {
        return SentinelConfig.builder().sentinels(group.sentinels()).masterName(group.masterName())
                .nodeConfig(RedisConfig.builder().clientName("sentinel-it").build()).build();
    }

    @Test
    void findsThePrimaryAndRunsCommandsOnIt(RedisSentinels group) {
        String url = "redis-sentinel://" + group.sentinels().get(0).host() + ":" + group.sentinels().get(0).port()
                + "," + group.sentinels().get(1).host() + ":" + group.sentinels().get(1).port() + "/"
                + group.masterName();
        try (RedisClient<String> redis = RedisClient.create(SentinelConfig.fromUrl(url))) {
            assertThat(redis.pool().config().port()).isEqualTo(group.primary().port());
            redis.set("sentinel:it", "v");
            assertThat(group.primary().call("GET", "sentinel:it")).isEqualTo("v");
            assertThat(redis.get("sentinel:it")).isEqualTo("v");
            redis.del("sentinel:it");
        }
    }

    @Test
    void anUnknownMasterNameFailsWithTheNameAndTheSentinels(RedisSentinels group) {
        SentinelConfig config = configOf(group).toBuilder().masterName("nosuchmaster").build();
        assertThatThrownBy(() -> RedisClient.create(config))
                .isInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("nosuchmaster").hasMessageContaining("monitors");
    }

    @Test
    void noReachableSentinelFailsWithoutAThreadLeft() {
        int before = sentinelThreads();
        SentinelConfig config = SentinelConfig.builder().sentinel("127.0.0.1", 1).masterName("m")
                .nodeConfig(RedisConfig.builder().connectTimeout(Duration.ofMillis(200))
                        .timeout(Duration.ofMillis(200)).build()).build();
        assertThatThrownBy(() -> RedisClient.create(config))
                .isInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageContaining("'m'");
        await().atMost(Duration.ofSeconds(5)).until(() -> sentinelThreads() <= before);
    }

    @Test
    void followsAFailoverWithThePoolTheMultiplexerAndASubscriber() throws Exception {
        try (RedisSentinels group = RedisSentinels.start(2, 3)) {
            RedisNode old = group.primary();
            SentinelConfig config = configOf(group);
            try (RedisClient<String> redis = RedisClient.create(config);
                 RedisClient<String> muxed = RedisClient.create(config.toBuilder()
                         .nodeConfig(config.nodeConfig().toBuilder().multiplexed(true).build()).build());
                 Subscriber<String> subscriber = redis.subscriber()) {
                subscriber.subscribe("news");
                assertThat(subscriber.next(Duration.ofSeconds(2))).isInstanceOf(SubscriptionEvent.class);
                redis.set("a", "1");
                muxed.set("b", "1");
                Pipeline<String> pipeline = redis.pipeline();
                pipeline.set("pipe:1", "x"); // buffered on a connection to the old primary
                Transaction<String> tx = redis.multi();
                tx.set("tx:1", "x");

                RedisSentinels.Switch sw = group.failover();

                HostAndPort now = sw.primary().hostAndPort();
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    redis.set("a", "2");
                    muxed.set("b", "2");
                    return redis.pool().config().port() == now.port() && muxed.pool().config().port() == now.port();
                });
                // what was opened on the old primary sends nothing more there: it fails, typed, with nothing sent
                assertThatThrownBy(() -> pipeline.set("pipe:2", "x")).isInstanceOf(RedisConnectionException.class)
                        .hasMessageContaining("moved");
                pipeline.close();
                assertThatThrownBy(tx::exec).isInstanceOf(RedisConnectionException.class)
                        .hasMessageContaining("nothing was sent");
                tx.close();
                for (RedisNode node : List.of(old, sw.primary())) {
                    assertThat(node.call("EXISTS", "pipe:1", "pipe:2", "tx:1")).isEqualTo(0L);
                }
                assertThat(sw.primary().call("GET", "a")).isEqualTo("2");
                assertThat(sw.primary().call("GET", "b")).isEqualTo("2");
                List<PubSubMessage<String>> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    sw.primary().call("PUBLISH", "news", "after");
                    PubSubMessage<String> m = subscriber.next(Duration.ofMillis(200));
                    if (m != null) {
                        seen.add(m);
                    }
                    return m instanceof Message<String> msg && msg.payload().equals("after");
                });
                assertThat(seen).anyMatch(m -> m instanceof SubscriptionEvent<String> e
                        && e.kind() == SubscriptionEvent.Kind.RECONNECTED);
                // the old primary keeps none of this client's connections: the pool destroyed them, the
                // subscriber moved (on its read above)
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        (String) old.call("CLIENT", "LIST")).doesNotContain("name=sentinel-it "));
            }
        }
    }

    private static int sentinelThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("respkit-sentinel")).count();
    }
}
