package io.respkit;

import io.respkit.cluster.ClusterConfig;
import io.respkit.pubsub.ClusterShardedSubscriber;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.ShardMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Pub/sub through the cluster client on the shared 3 + 3 cluster: sharded channels routed by slot, PUBLISH. */
@ClusterTest
class ClusterPubSubIntegrationTests {

    private RedisCluster cluster;

    @BeforeEach
    void flush(RedisCluster cluster) {
        this.cluster = cluster;
        cluster.flushAll();
    }

    private RedisClusterClient<String> client(int maxRedirects) {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds()).maxRedirects(maxRedirects)
                .build());
    }

    @Test
    void spublishGoesToTheChannelsSlotOwnerWithoutARedirect() {
        // no redirect allowed: a SPUBLISH sent to any node but the slot's owner would fail with MOVED
        try (RedisClusterClient<String> redis = client(0)) {
            for (int i = 0; i < 50; i++) {
                assertThat(redis.spublish("route:" + i, "x")).isZero();
                assertThat(redis.execute("SPUBLISH", "raw:" + i, "x")).isEqualTo(0L);
            }
        }
    }

    @Test
    void fiftyShardChannelsOverAllPrimariesReceiveEachMessageOnce() {
        try (RedisClusterClient<String> redis = client(5);
             ClusterShardedSubscriber<String> sub = redis.shardedSubscriber()) {
            List<String> channels = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                channels.add("shard:" + i);
            }
            Queue<PubSubMessage<String>> got = new ConcurrentLinkedQueue<>();
            sub.start(got::add);
            sub.ssubscribe(channels.toArray(String[]::new)); // one call, channels of many slots and nodes
            await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(got).size() == 50);
            assertThat(sub.nodes()).hasSize(3);
            assertThat(sub.shardChannels()).containsExactlyInAnyOrderElementsOf(channels);
            for (String c : channels) {
                assertThat(redis.spublish(c, "m-" + c)).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> shardMessages(got).size() == 50);
            Map<String, Integer> perChannel = new HashMap<>();
            for (ShardMessage<String> m : shardMessages(got)) {
                assertThat(m.payload()).isEqualTo("m-" + m.channel());
                perChannel.merge(m.channel(), 1, Integer::sum);
            }
            assertThat(perChannel).hasSize(50).allSatisfy((c, n) -> assertThat(n).isEqualTo(1));

            sub.sunsubscribe("shard:0", "shard:1");
            await().atMost(Duration.ofSeconds(10)).until(() -> got.stream().filter(m -> m instanceof
                    SubscriptionEvent<String> e && e.kind() == SubscriptionEvent.Kind.SUNSUBSCRIBE).count() == 2);
            assertThat(redis.spublish("shard:0", "late")).isZero();
            assertThat(sub.shardChannels()).hasSize(48);
        }
    }

    @Test
    void nextPollsAndCloseEndsReading() {
        try (RedisClusterClient<String> redis = client(5)) {
            ClusterShardedSubscriber<String> sub = redis.shardedSubscriber().ignoreSubscribeMessages(true);
            sub.ssubscribe("{poll}a", "{poll}b");
            // one slot, so one SSUBSCRIBE: once a is subscribed, so is b
            await().atMost(Duration.ofSeconds(10)).until(() -> redis.spublish("{poll}a", "1") == 1);
            assertThat(redis.spublish("{poll}b", "2")).isEqualTo(1);
            PubSubMessage<String> first = sub.next(Duration.ofSeconds(5));
            assertThat(first).isInstanceOf(ShardMessage.class); // confirmations skipped
            assertThat(sub.next(Duration.ofSeconds(5))).isInstanceOf(ShardMessage.class);
            assertThat(sub.next(Duration.ZERO)).isNull();
            sub.close();
            assertThat(sub.isOpen()).isFalse();
            assertThat(sub.next()).isNull();
            assertThatThrownBy(() -> sub.ssubscribe("x")).isInstanceOf(
                    io.respkit.exceptions.RedisConnectionException.class);
            assertThatThrownBy(() -> sub.next(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void publishThroughTheClusterClientReachesARegularSubscriber() {
        try (RedisClusterClient<String> redis = client(5); Subscriber<String> sub = redis.subscriber()) {
            Queue<PubSubMessage<String>> got = new ConcurrentLinkedQueue<>();
            sub.start(got::add);
            sub.subscribe("news");
            await().atMost(Duration.ofSeconds(10)).until(() -> got.stream().anyMatch(m -> m instanceof
                    SubscriptionEvent<String> e && e.kind() == SubscriptionEvent.Kind.SUBSCRIBE));
            redis.publish("news", "hello");
            await().atMost(Duration.ofSeconds(10)).until(() -> got.stream().anyMatch(m -> m instanceof
                    Message<String> msg && msg.payload().equals("hello")));
        }
    }

    @Test
    void oneChannelsMessagesArriveInTheOrderTheyWerePublished() {
        try (RedisClusterClient<String> redis = client(5); Subscriber<String> sub = redis.subscriber()) {
            Queue<PubSubMessage<String>> got = new ConcurrentLinkedQueue<>();
            sub.start(got::add);
            sub.subscribe("ordered");
            await().atMost(Duration.ofSeconds(10)).until(() -> got.stream().anyMatch(m -> m instanceof
                    SubscriptionEvent<String> e && e.kind() == SubscriptionEvent.Kind.SUBSCRIBE));
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                redis.publish("ordered", "m" + i);
                sent.add("m" + i);
            }
            // PUBLISH goes through the channel's slot owner every time: a random node each time would let the
            // messages race each other over the cluster bus
            await().atMost(Duration.ofSeconds(10)).until(() -> got.stream().filter(m -> m instanceof Message<?>)
                    .count() == sent.size());
            assertThat(got.stream().filter(m -> m instanceof Message<?>).map(m -> ((Message<String>) m).payload()))
                    .containsExactlyElementsOf(sent);
        }
    }

    static Set<String> confirmed(Queue<PubSubMessage<String>> got) {
        Set<String> out = new HashSet<>();
        for (PubSubMessage<String> m : got) {
            if (m instanceof SubscriptionEvent<String> e && e.kind() == SubscriptionEvent.Kind.SSUBSCRIBE) {
                out.add(e.channel());
            }
        }
        return out;
    }

    static List<ShardMessage<String>> shardMessages(Queue<PubSubMessage<String>> got) {
        List<ShardMessage<String>> out = new ArrayList<>();
        for (PubSubMessage<String> m : got) {
            if (m instanceof ShardMessage<String> s) {
                out.add(s);
            }
        }
        return out;
    }
}
