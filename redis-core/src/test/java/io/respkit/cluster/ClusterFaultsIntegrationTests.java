package io.respkit.cluster;

import io.respkit.RedisClusterClient;
import io.respkit.connection.RedisConfig;
import io.respkit.test.ClusterNode;
import io.respkit.test.CheckedTraffic;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster client under faults, each with 8 threads of randomized traffic over keys in every slot and every reply
 * checked ({@link CheckedTraffic}), on a private cluster per test.
 */
@ClusterTest
class ClusterFaultsIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(ClusterFaultsIntegrationTests.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static RedisClusterClient<String> client(RedisCluster cluster) {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds())
                .nodeConfig(RedisConfig.builder().timeout(TIMEOUT).connectTimeout(Duration.ofMillis(500)).build())
                .build());
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @Test
    void primaryKilledUnderTraffic() throws InterruptedException {
        try (RedisCluster cluster = RedisCluster.start(3, 1); RedisClusterClient<String> redis = client(cluster)) {
            CheckedTraffic traffic = new CheckedTraffic(redis, 8, 300);
            traffic.start();
            traffic.runFor(Duration.ofMillis(500));
            ClusterNode killed = cluster.killPrimary(cluster.primaryOf(0));
            long killedAt = System.nanoTime();
            RedisCluster.Promotion promotion = cluster.awaitPromotion(killed, Duration.ofSeconds(20));
            long promotedAt = System.nanoTime();
            traffic.runFor(Duration.ofSeconds(2));
            traffic.stop();

            long lastFailure = traffic.lastFailureAt();
            log.info("kill -9 of a primary: promotion seen {} ms after the kill; last caller error {} ms after it; {}",
                    ms(promotedAt - killedAt), lastFailure == 0 ? "none" : ms(lastFailure - promotedAt),
                    traffic.summary());
            assertThat(traffic.misrouted.get()).isZero();
            assertThat(traffic.problems).filteredOn(p -> p.startsWith("unexpected")).isEmpty();
            // errors only inside the failover window: callers succeed again within 1 s of the promotion
            assertThat(lastFailure == 0 ? 0 : ms(lastFailure - promotedAt)).isLessThanOrEqualTo(1000);
            // no call is held past its own timeout (plus scheduling slack)
            assertThat(ms(traffic.maxCallNanos.get())).isLessThanOrEqualTo(TIMEOUT.toMillis() + 150);
            assertThat(promotion.promoted()).isNotNull();
            // the dead node is still listed (failed, without slots): fan-out reaches the serving primaries only
            assertThat(redis.dbsize()).isPositive();
            assertThat(redis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void liveReshardUnderTrafficIsInvisibleToCallers() throws InterruptedException {
        try (RedisCluster cluster = RedisCluster.start(3, 0); RedisClusterClient<String> redis = client(cluster)) {
            CheckedTraffic traffic = new CheckedTraffic(redis, 8, 300, 3); // 3 of the 8 threads pipeline
            traffic.start();
            traffic.runFor(Duration.ofMillis(500));
            ClusterNode from = cluster.primaryOf(0);
            ClusterNode to = cluster.primaryOf(16383);
            int moved = 0;
            for (int slot = 0; slot < 16384 && moved < 300; slot++) {
                if (cluster.primaryOf(slot).nodeId().equals(from.nodeId())) {
                    cluster.moveSlot(slot, to);
                    moved++;
                }
            }
            traffic.runFor(Duration.ofMillis(500));
            traffic.stop();
            log.info("live reshard of {} slots, 3 of 8 threads pipelining: {}", moved, traffic.summary());
            assertThat(traffic.failures).as("caller-visible errors").isEmpty();
            assertThat(traffic.problems).isEmpty();
        }
    }

    @Test
    void frozenPrimaryTimesOutAndATimedOutWriteIsNeverSentAgain() throws InterruptedException {
        try (RedisCluster cluster = RedisCluster.start(3, 1); RedisClusterClient<String> redis = client(cluster)) {
            CheckedTraffic traffic = new CheckedTraffic(redis, 8, 300);
            traffic.start();
            traffic.runFor(Duration.ofMillis(500));
            ClusterNode frozen = cluster.primaryOf(0);
            frozen.freeze(); // no FIN, no RST: the node simply stops answering
            long frozenAt = System.nanoTime();
            // the cluster fails it over (node timeout 1 s); the client must follow within its own timeouts
            await().atMost(Duration.ofSeconds(20)).until(() -> !cluster.primaryOf(0).nodeId().equals(frozen.nodeId()));
            long promotedAt = System.nanoTime();
            traffic.runFor(Duration.ofSeconds(2));
            frozen.thaw(); // heals: it rejoins as a replica, discarding what it alone took
            cluster.awaitConsistent();
            traffic.runFor(Duration.ofSeconds(1));
            traffic.stop();

            long lastFailure = traffic.lastFailureAt();
            traffic.failures.stream().filter(f -> f.atNanos() > promotedAt).limit(10).forEach(f -> log.info(
                    "after promotion +{} ms: {} {}", ms(f.atNanos() - promotedAt), f.what(), f.error().toString()));
            log.info("frozen primary (at {}): promotion seen {} ms after the freeze; last caller error {} ms after it; {}",
                    frozenAt, ms(promotedAt - frozenAt), lastFailure == 0 ? "none" : ms(lastFailure - promotedAt),
                    traffic.summary());
            assertThat(traffic.misrouted.get()).isZero();
            // a write that timed out on the frozen node was not sent again after the heal: nothing the callers
            // acknowledged later was overwritten
            assertThat(traffic.stale.get()).as("acknowledged writes lost: %s", traffic.problems).isZero();
            // no call is held past its own timeout (plus scheduling slack)
            assertThat(ms(traffic.maxCallNanos.get())).isLessThanOrEqualTo(TIMEOUT.toMillis() + 150);
            assertThat(lastFailure == 0 ? 0 : ms(lastFailure - promotedAt)).isLessThanOrEqualTo(1000);
        }
    }

    @Test
    void anAddedPrimaryTakesSlotsUnderTrafficAndTrafficFollows() throws InterruptedException {
        try (RedisCluster cluster = RedisCluster.start(3, 0); RedisClusterClient<String> redis = client(cluster)) {
            CheckedTraffic traffic = new CheckedTraffic(redis, 8, 300);
            traffic.start();
            traffic.runFor(Duration.ofMillis(300));
            ClusterNode added = cluster.addPrimary();
            int moved = 0;
            for (int slot = 0; slot < 16384 && moved < 200; slot += 7) {
                if (!cluster.primaryOf(slot).nodeId().equals(added.nodeId())) {
                    cluster.moveSlot(slot, added);
                    moved++;
                }
            }
            traffic.runFor(Duration.ofMillis(500));
            traffic.stop();
            log.info("node added, {} slots moved to it: {}", moved, traffic.summary());
            assertThat(traffic.failures).as("caller-visible errors").isEmpty();
            assertThat(traffic.problems).isEmpty();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(redis.topology().primaries()).hasSize(4));
            assertThat(added.call("DBSIZE")).isNotEqualTo(0L);
        }
    }
}
