package io.respkit;

import io.respkit.cluster.ClusterConfig;
import io.respkit.pubsub.ClusterShardedSubscriber;
import io.respkit.pubsub.Message;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.ShardMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static io.respkit.ClusterPubSubIntegrationTests.confirmed;
import static io.respkit.ClusterPubSubIntegrationTests.shardMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pub/sub subscribers following slot migrations and failovers, each on a private cluster. */
@ClusterTest
class ClusterPubSubFaultIntegrationTests {

    private static RedisClusterClient<String> client(RedisCluster cluster) {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds()).build());
    }

    @Test
    void aShardChannelFollowsItsSlotWhenItIsMigrated() {
        try (RedisCluster cluster = RedisCluster.start(3, 0);
             RedisClusterClient<String> redis = client(cluster);
             ClusterShardedSubscriber<String> sub = redis.shardedSubscriber()) {
            Queue<PubSubMessage<String>> got = new ConcurrentLinkedQueue<>();
            sub.start(got::add);
            sub.ssubscribe("moving", "staying");
            await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(got).size() == 2);
            assertThat(redis.spublish("moving", "before")).isEqualTo(1);

            int slot = cluster.slotOf("moving");
            ClusterNode from = cluster.primaryOf(slot);
            ClusterNode to = cluster.primaries().stream().filter(p -> !p.nodeId().equals(from.nodeId()))
                    .findFirst().orElseThrow();
            cluster.moveSlot(slot, to);

            AtomicInteger n = new AtomicInteger();
            // published until one reaches a subscriber: the channel is subscribed on the new owner
            await().atMost(Duration.ofSeconds(20)).until(() -> redis.spublish("moving", "after-" + n.incrementAndGet())
                    == 1);
            assertThat(redis.spublish("moving", "last")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> payloads(got, "moving").contains("last"));
            assertThat(payloads(got, "moving")).startsWith("before").endsWith("after-" + n.get(), "last")
                    .doesNotHaveDuplicates();
            assertThat(gaps(got, "moving")).isEqualTo(1);
            // the server's own sunsubscribe for the moved slot is not handed to the reader
            assertThat(got).noneMatch(m -> m instanceof SubscriptionEvent<String> e
                    && e.kind() == SubscriptionEvent.Kind.SUNSUBSCRIBE);
            assertThat(sub.shardChannels()).containsExactlyInAnyOrder("moving", "staying");
            assertThat(redis.spublish("staying", "still")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> payloads(got, "staying").contains("still"));
        }
    }

    @Test
    void subscribersMoveToTheNewPrimaryWhenTheirPrimaryIsKilled() {
        try (RedisCluster cluster = RedisCluster.start(3, 1);
             RedisClusterClient<String> redis = client(cluster);
             Subscriber<String> regular = redis.subscriber();
             ClusterShardedSubscriber<String> sharded = redis.shardedSubscriber()) {
            Queue<PubSubMessage<String>> plain = new ConcurrentLinkedQueue<>();
            Queue<PubSubMessage<String>> shard = new ConcurrentLinkedQueue<>();
            regular.start(plain::add);
            sharded.start(shard::add);
            regular.subscribe("news");
            await().atMost(Duration.ofSeconds(10)).until(() -> plain.stream().anyMatch(m ->
                    m instanceof SubscriptionEvent<String> e && e.kind() == SubscriptionEvent.Kind.SUBSCRIBE));
            // the primary the regular subscriber is on, and a shard channel that it serves
            ClusterNode victim = cluster.primaries().stream().filter(p -> numsub(p, "news") == 1).findFirst()
                    .orElseThrow();
            String channel = null;
            for (int i = 0; channel == null; i++) {
                if (cluster.primaryOf(cluster.slotOf("ch" + i)).nodeId().equals(victim.nodeId())) {
                    channel = "ch" + i;
                }
            }
            String ch = channel;
            sharded.ssubscribe(ch);
            await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(shard).contains(ch));
            redis.publish("news", "before");
            assertThat(redis.spublish(ch, "before")).isEqualTo(1);

            ClusterNode killed = cluster.killPrimary(victim);
            RedisCluster.Promotion promotion = cluster.awaitPromotion(killed, Duration.ofSeconds(30));

            AtomicInteger n = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).until(() -> redis.spublish(ch, "after-" + n.incrementAndGet()) == 1);
            redis.publish("news", "after");
            assertThat(redis.spublish(ch, "last")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> payloads(shard, ch).contains("last")
                    && plain.stream().anyMatch(m -> m instanceof Message<String> msg && msg.payload().equals("after")));
            assertThat(payloads(shard, ch)).startsWith("before").endsWith("after-" + n.get(), "last")
                    .doesNotHaveDuplicates();
            assertThat(gaps(shard, ch)).isEqualTo(1);
            assertThat(sharded.nodes()).contains(promotion.promoted().hostAndPort())
                    .doesNotContain(killed.hostAndPort());
            assertThat(plain).anyMatch(m -> m instanceof SubscriptionEvent<String> e
                    && e.kind() == SubscriptionEvent.Kind.RECONNECTED);
            assertThat(plain.stream().filter(m -> m instanceof Message<String>).map(m -> ((Message<String>) m).payload()))
                    .containsExactly("before", "after");
            assertThat(regular.reconnects()).isEqualTo(1);
        }
    }

    private static long numsub(ClusterNode node, String channel) {
        if (!node.isReachable()) {
            return 0;
        }
        List<?> reply = (List<?>) node.call("PUBSUB", "NUMSUB", channel);
        return ((Number) reply.get(1)).longValue();
    }

    private static List<String> payloads(Queue<PubSubMessage<String>> got, String channel) {
        return shardMessages(got).stream().filter(m -> m.channel().equals(channel)).map(ShardMessage::payload).toList();
    }

    private static long gaps(Queue<PubSubMessage<String>> got, String channel) {
        return got.stream().filter(m -> m instanceof SubscriptionEvent<String> e
                && e.kind() == SubscriptionEvent.Kind.RECONNECTED && channel.equals(e.channel())).count();
    }
}
