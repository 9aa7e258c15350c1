package io.respkit.pubsub;

import io.respkit.RedisClient;
import io.respkit.commands.ClientKillArgs;
import io.respkit.commands.ClientType;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sharded pub/sub ({@code SSUBSCRIBE}, {@code SPUBLISH}, {@code SUNSUBSCRIBE}) and the pub/sub introspection
 * commands ({@code PUBSUB NUMPAT}, {@code SHARDCHANNELS}, {@code SHARDNUMSUB}), over RESP2 and RESP3, on a single
 * (non-cluster) server.
 */
@ExtendWith(RedisServerExtension.class)
class ShardedPubSubIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    private static SubscriptionEvent<String> event(SubscriptionEvent.Kind kind, String channel, long count) {
        return new SubscriptionEvent<>(kind, channel, count);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void shardMessagesArriveAsShardMessages(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol);
             Subscriber<String> sub = Subscriber.open(server.configBuilder().protocol(protocol).build(),
                     io.respkit.codec.StringCodec.UTF8)) {
            sub.ssubscribe("orders");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SSUBSCRIBE, "orders", 1));
            sub.ssubscribe("invoices");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SSUBSCRIBE, "invoices", 2));
            sub.subscribe("orders");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SUBSCRIBE, "orders", 1));
            assertThat(sub.shardChannels()).containsExactlyInAnyOrder("orders", "invoices");
            assertThat(sub.channels()).containsExactly("orders");
            assertThat(sub.toString()).contains("shardChannels=");

            assertThat(redis.pubsubShardChannels()).containsExactlyInAnyOrder("orders", "invoices");
            assertThat(redis.pubsubShardChannels("inv*")).containsExactly("invoices");
            assertThat(redis.pubsubShardNumsub("orders", "nobody")).containsExactly(Map.entry("orders", 1L),
                    Map.entry("nobody", 0L));
            assertThat(redis.pubsubChannels()).as("shard channels are not ordinary channels")
                    .containsExactly("orders");

            assertThat(redis.spublish("orders", "o-1")).isEqualTo(1);
            assertThat(sub.next(WAIT)).isEqualTo(new ShardMessage<>("orders", "o-1"));
            assertThat(redis.publish("orders", "plain")).isEqualTo(1);
            assertThat(sub.next(WAIT)).isEqualTo(new Message<>("orders", "plain"));
            assertThat(redis.spublish("nobody", "lost")).isZero();

            sub.sunsubscribe("orders");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SUNSUBSCRIBE, "orders", 1));
            assertThat(sub.shardChannels()).containsExactly("invoices");
            assertThat(redis.spublish("orders", "o-2")).isZero();
            sub.sunsubscribe();
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SUNSUBSCRIBE, "invoices", 0));
            assertThat(sub.shardChannels()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void shardSubscriptionsSurviveAReconnection(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol);
             Subscriber<String> sub = Subscriber.open(server.configBuilder().protocol(protocol).build(),
                     io.respkit.codec.StringCodec.UTF8, true)) {
            sub.ssubscribe("jobs");
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SSUBSCRIBE, "jobs", 1));
            assertThat(redis.clientKill(ClientKillArgs.NONE.withType(ClientType.PUBSUB))).isEqualTo(1);
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.RECONNECTED, null, 1));
            assertThat(sub.next(WAIT)).isEqualTo(event(SubscriptionEvent.Kind.SSUBSCRIBE, "jobs", 1));
            assertThat(redis.spublish("jobs", "j-1")).isEqualTo(1);
            assertThat(sub.next(WAIT)).isEqualTo(new ShardMessage<>("jobs", "j-1"));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void numpatCountsPatternSubscriptions(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol);
             Subscriber<String> sub = Subscriber.open(server.configBuilder().protocol(protocol).build(),
                     io.respkit.codec.StringCodec.UTF8)) {
            long before = redis.pubsubNumpat();
            sub.psubscribe("news.*", "sport.*");
            await().atMost(WAIT).until(() -> redis.pubsubNumpat() == before + 2);
            List<Object> queued = redis.pipelined(p -> {
                p.pubsubNumpat();
                p.spublish("nobody", "x");
            });
            assertThat(queued).containsExactly(before + 2, 0L);
            assertThat(redis.async().pubsubShardChannels("none*").join()).isEmpty();
        }
    }
}
