package io.respkit;

import io.respkit.cluster.ClusterConfig;
import io.respkit.connection.RedisConfig;
import io.respkit.pubsub.ClusterShardedSubscriber;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.respkit.ClusterPubSubIntegrationTests.confirmed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sharded subscriber whose reader is slow (its queue full) or that waits for a node to answer stalls none of the
 * other callers: its placement lock is never held while it waits for either. Each on a private cluster.
 */
@ClusterTest
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a stalled close() must not hang the run
class ClusterShardedSubscriberStallIntegrationTests {

    /** More than the subscriber's queue holds. */
    private static final int FILL = 10_200;

    @Test
    void aSlotMovingWhileTheQueueIsFullStallsNoOtherCallerAndItsGapStillComesFirst() {
        try (RedisCluster cluster = RedisCluster.start(3, 0);
             RedisClusterClient<String> redis = RedisClusterClient.create(ClusterConfig.builder()
                     .seeds(cluster.seeds()).build());
             ClusterShardedSubscriber<String> sub = redis.shardedSubscriber()) {
            ClusterNode from = cluster.primaries().get(0);
            ClusterNode fillerNode = cluster.primaries().get(1);
            ClusterNode to = cluster.primaries().get(2);
            String moving = channelOn(cluster, from, "moving");
            String filler = channelOn(cluster, fillerNode, "filler");
            sub.ssubscribe(moving, filler);
            await().atMost(Duration.ofSeconds(10)).until(() -> redis.spublish(moving, "probe") == 1
                    && redis.spublish(filler, "probe") == 1);
            // nobody reads yet: the filler's node fills the queue and then waits for room
            redis.pipelined(p -> {
                for (int i = 0; i < FILL; i++) {
                    p.spublish(filler, "f" + i);
                }
            });

            cluster.moveSlot(cluster.slotOf(moving), to);
            redis.refreshTopology(); // the subscriber sees the new owner at its next check
            // the subscriber now owes its reader a gap report for 'moving' and cannot queue it; meanwhile other
            // callers' subscription changes still go through, each within its bound
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> returnsWithin(() -> {
                sub.ssubscribe("elsewhere");
                sub.sunsubscribe("elsewhere");
                sub.nodes();
            }));

            Queue<PubSubMessage<String>> got = new ConcurrentLinkedQueue<>();
            sub.start(got::add);
            AtomicInteger n = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).until(() -> redis.spublish(moving, "after-" + n.incrementAndGet())
                    == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> indexOf(new ArrayList<>(got),
                    SubscriptionEvent.Kind.SSUBSCRIBE, moving, indexOf(new ArrayList<>(got),
                            SubscriptionEvent.Kind.SSUBSCRIBE, moving, 0) + 1) >= 0);
            List<PubSubMessage<String>> seen = new ArrayList<>(got);
            int gap = indexOf(seen, SubscriptionEvent.Kind.RECONNECTED, moving, 0);
            int first = indexOf(seen, SubscriptionEvent.Kind.SSUBSCRIBE, moving, 0);
            int again = indexOf(seen, SubscriptionEvent.Kind.SSUBSCRIBE, moving, first + 1);
            assertThat(gap).as("the gap report, before the confirmation on the new owner").isBetween(first + 1,
                    again - 1);
        }
    }

    @Test
    void aNodeThatDoesNotAnswerHoldsOnlyTheCallerThatNeedsIt() throws Exception {
        Duration handshake = Duration.ofSeconds(8);
        try (RedisCluster cluster = RedisCluster.start(3, 0);
             RedisClusterClient<String> redis = RedisClusterClient.create(ClusterConfig.builder()
                     .seeds(cluster.seeds()).refreshPeriod(Duration.ZERO).nodeConfig(RedisConfig.builder()
                             .timeout(handshake).connectTimeout(handshake).build()).build());
             ClusterShardedSubscriber<String> sub = redis.shardedSubscriber()) {
            ClusterNode up = cluster.primaries().get(0);
            ClusterNode hung = cluster.primaries().get(1);
            String here = channelOn(cluster, up, "here");
            String there = channelOn(cluster, hung, "there");
            Queue<PubSubMessage<String>> got = new ConcurrentLinkedQueue<>();
            sub.start(got::add);
            sub.ssubscribe(here);
            await().atMost(Duration.ofSeconds(10)).until(() -> confirmed(got).contains(here));

            hung.freeze();
            CompletableFuture<Void> opening;
            try {
                // this caller waits for the frozen node's handshake: its own call, nobody else's
                opening = new CompletableFuture<>();
                Thread caller = new Thread(() -> {
                    sub.ssubscribe(there);
                    opening.complete(null);
                });
                caller.setDaemon(true);
                caller.start();
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> returnsWithin(() -> {
                    sub.ssubscribe(here);
                    sub.nodes();
                }));
                assertThat(opening).isNotDone();
            } finally {
                hung.thaw();
            }
            opening.get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> confirmed(got).contains(there));
            assertThat(redis.spublish(there, "m")).isEqualTo(1);
        }
    }

    /**
     * Whether the action finished within 2 seconds, on a thread of its own (an action still running then is left to
     * finish; a stalled one does not hold up the next try).
     */
    private static boolean returnsWithin(Runnable action) throws InterruptedException {
        Thread t = new Thread(action, "stall-probe");
        t.setDaemon(true);
        t.start();
        t.join(2_000);
        return !t.isAlive();
    }

    private static String channelOn(RedisCluster cluster, ClusterNode node, String prefix) {
        for (int i = 0; ; i++) {
            String c = prefix + i;
            if (cluster.primaryOf(cluster.slotOf(c)).nodeId().equals(node.nodeId())) {
                return c;
            }
        }
    }

    private static int indexOf(List<PubSubMessage<String>> seen, SubscriptionEvent.Kind kind, String channel,
            int from) {
        for (int i = from; i < seen.size(); i++) {
            if (seen.get(i) instanceof SubscriptionEvent<String> e && e.kind() == kind && channel.equals(e.channel())) {
                return i;
            }
        }
        return -1;
    }
}
