package io.respkit.cluster;

import io.respkit.RedisClusterClient;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisServerException;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MOVED, ASK and TRYAGAIN as a migration produces them, step by step, on a private 3-primary cluster. */
@ClusterTest
class ClusterRedirectsIntegrationTests {

    private static RedisCluster cluster;

    @BeforeAll
    static void start() {
        cluster = RedisCluster.start(3, 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static RedisClusterClient<String> client() {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds())
                .refreshPeriod(Duration.ZERO) // only what the redirects teach the client
                .nodeConfig(RedisConfig.builder().timeout(Duration.ofMillis(800)).build()).build());
    }

    private static ClusterNode otherPrimary(ClusterNode than) {
        return cluster.primaries().stream().filter(p -> !p.nodeId().equals(than.nodeId())).findFirst().orElseThrow();
    }

    @Test
    void aHalfMigratedSlotIsServedThroughAskAndAMovedSlotThroughMoved() {
        try (RedisClusterClient<String> redis = client()) {
            int slot = cluster.slotOf("{ask}");
            ClusterNode from = cluster.primaryOf(slot);
            ClusterNode to = otherPrimary(from);
            redis.set("{ask}:old", "1");
            redis.set("{ask}:moved", "2");
            cluster.beginMigration(slot, from, to);
            from.call("MIGRATE", to.host(), Integer.toString(to.port()), "{ask}:moved", "0", "5000");
            // the key still on the source is served there; the migrated one through ASK on the target
            assertThat(redis.get("{ask}:old")).isEqualTo("1");
            assertThat(redis.get("{ask}:moved")).isEqualTo("2");
            // a new key of a migrating slot is created on the target (the source answers ASK for missing keys)
            redis.set("{ask}:new", "3");
            assertThat(to.call("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot))).isEqualTo(2L);
            // the map is not changed by ASK: the slot is still the source's
            assertThat(redis.topology().primary(slot).id()).isEqualTo(from.nodeId());
            // keys of one slot split between the nodes: TRYAGAIN until the migration ends, then it works
            CompletableFuture<List<String>> both = CompletableFuture.supplyAsync(
                    () -> redis.mget("{ask}:old", "{ask}:moved"));
            cluster.migrateKeys(slot, from, to);
            cluster.finishMigration(slot, from, to);
            assertThat(both.join()).containsExactly("1", "2");
            // now MOVED: followed, and the slot recorded
            assertThat(redis.get("{ask}:old")).isEqualTo("1");
            redis.refreshTopology();
            assertThat(redis.topology().primary(slot).id()).isEqualTo(to.nodeId());
        }
    }

    @Test
    void tryAgainThatOutlastsTheTimeoutFailsWithTheServersError() {
        try (RedisClusterClient<String> redis = client()) {
            int slot = cluster.slotOf("{try}");
            ClusterNode from = cluster.primaryOf(slot);
            ClusterNode to = otherPrimary(from);
            redis.mset(Map.of("{try}:a", "1", "{try}:b", "2"));
            cluster.beginMigration(slot, from, to);
            from.call("MIGRATE", to.host(), Integer.toString(to.port()), "{try}:b", "0", "5000");
            long start = System.nanoTime();
            assertThatThrownBy(() -> redis.mget("{try}:a", "{try}:b"))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("TRYAGAIN"));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(tookMs).isBetween(700L, 2000L);
            cluster.migrateKeys(slot, from, to);
            cluster.finishMigration(slot, from, to);
            assertThat(redis.mget("{try}:a", "{try}:b")).containsExactly("1", "2");
        }
    }

    @Test
    void blockingPopsAreRoutedByTheirKeyAndWaitTheirOwnTime() {
        try (RedisClusterClient<String> redis = client()) {
            long start = System.nanoTime();
            assertThat(redis.blpop(Duration.ofMillis(1500), "{q}:empty")).isNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1400);
            CompletableFuture<?> popped = CompletableFuture.supplyAsync(() -> redis.blpop(Duration.ofSeconds(5),
                    "{q}:jobs"));
            redis.rpush("{q}:jobs", "job-1");
            assertThat(popped.join()).hasToString("KeyValue[key={q}:jobs, value=job-1]");
        }
    }
}
