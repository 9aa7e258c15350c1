package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterConfig;
import io.respkit.codec.StringCodec;
import io.respkit.connection.HostAndPort;
import io.respkit.internal.commands.StringDefs;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Adaptive refreshes: triggered by MOVED, never more often than the minimum interval, however many callers see it. */
@ClusterTest
class TopologyRefreshIntegrationTests {

    @Test
    void movedSeenByManyCallersCausesRateLimitedRefreshesOnly() throws InterruptedException {
        try (RedisCluster cluster = RedisCluster.start(3, 0);
                ClusterRouter router = new ClusterRouter(ClusterConfig.builder().seeds(cluster.seeds())
                        .refreshPeriod(Duration.ZERO).refreshMinInterval(Duration.ofMillis(200)).build())) {
            TopologyManager topology = router.topologyManager();
            long readsAtStart = topology.reads();
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    int i = 0;
                    while (running.get()) {
                        try {
                            router.execute(StringDefs.set(StringCodec.UTF8, "storm:" + id + ":" + (i++ % 500), "v"));
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            long start = System.nanoTime();
            ClusterNode from = cluster.primaryOf(0);
            ClusterNode to = cluster.primaryOf(16383);
            int moved = 0;
            for (int slot = 0; moved < 200; slot++) {
                if (cluster.primaryOf(slot).nodeId().equals(from.nodeId())) {
                    cluster.moveSlot(slot, to);
                    moved++;
                }
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            long refreshes = topology.reads() - readsAtStart;
            assertThat(errors).isEmpty();
            assertThat(refreshes).as("refreshes in %d ms", elapsedMs).isPositive()
                    .isLessThanOrEqualTo(elapsedMs / 200 + 2);
            // the last move is in the map within one interval of the next sign of it
            HostAndPort owner = cluster.primaryOf(0).hostAndPort();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                router.execute(StringDefs.set(StringCodec.UTF8, "{06S}", "v")); // a key of slot 0
                assertThat(router.topology().primary(0).address()).isEqualTo(owner);
            });
        }
    }
}
