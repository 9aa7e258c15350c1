package io.respkit;

import io.respkit.cluster.ClusterConfig;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pipelines and transactions on a cluster: grouping by node, order, per-command errors, redirects, slot rules. */
@ClusterTest
class ClusterPipelineIntegrationTests {

    private RedisCluster cluster;

    @BeforeEach
    void flush(RedisCluster cluster) {
        this.cluster = cluster;
        cluster.flushAll();
    }

    private static RedisClusterClient<String> client(RedisCluster cluster) {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds()).build());
    }

    @Test
    void threeThousandCommandsOverEveryNodeComeBackInQueueOrder() {
        try (RedisClusterClient<String> redis = client(cluster)) {
            List<Object> results = redis.pipelined(p -> {
                for (int i = 0; i < 1500; i++) {
                    p.set("key:" + i, "value:" + i);
                    p.get("key:" + i);
                }
            });
            assertThat(results).hasSize(3000);
            for (int i = 0; i < 1500; i++) {
                assertThat(results.get(2 * i)).isEqualTo(true);
                assertThat(results.get(2 * i + 1)).isEqualTo("value:" + i);
            }
            for (ClusterNode primary : cluster.primaries()) {
                assertThat((Long) primary.call("DBSIZE")).isPositive(); // every node had its share
            }
            Set<Integer> slots = new HashSet<>();
            for (int i = 0; i < 1500; i += 100) {
                slots.add(cluster.slotOf("key:" + i));
            }
            assertThat(slots.size()).isGreaterThan(10);
        }
    }

    @Test
    void aFailedCommandFailsAloneWithRaiseOnErrorOnAndOff() {
        try (RedisClusterClient<String> redis = client(cluster)) {
            redis.set("str", "x");
            PipelineOptions quiet = PipelineOptions.DEFAULT.withRaiseOnError(false);
            List<Object> results = redis.pipelined(quiet, p -> {
                p.set("a", "1");
                p.lpush("str", "v"); // WRONGTYPE
                p.get("a");
            });
            assertThat(results.get(0)).isEqualTo(true);
            assertThat(results.get(1)).isInstanceOf(RedisServerException.class);
            assertThat(((RedisServerException) results.get(1)).code()).isEqualTo("WRONGTYPE");
            assertThat(results.get(2)).isEqualTo("1");

            assertThatThrownBy(() -> redis.pipelined(p -> {
                p.set("b", "2");
                p.lpush("str", "v");
                p.get("b");
            })).isInstanceOfSatisfying(RedisPipelineException.class, e -> {
                assertThat(e.index()).isEqualTo(1);
                assertThat(e.command()).isEqualTo("LPUSH");
                assertThat(e.results().get(2)).isEqualTo("2");
            });
        }
    }

    @Test
    void aCrossSlotOrEveryNodeCommandIsRefusedAloneAndTheOthersRun() {
        try (RedisClusterClient<String> redis = client(cluster)) {
            assertThat(cluster.slotOf("a")).isNotEqualTo(cluster.slotOf("b"));
            List<Object> results = redis.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false), p -> {
                p.set("a", "1");
                p.mget("a", "b");
                p.dbsize();
                p.mget("{t}a", "{t}b");
                p.get("a");
            });
            assertThat(results.get(0)).isEqualTo(true);
            assertThat(results.get(1)).isInstanceOf(RedisCrossSlotException.class);
            assertThat(results.get(2)).isInstanceOf(RedisUnsupportedCommandException.class);
            assertThat(results.get(3)).asList().containsExactly(null, null);
            assertThat(results.get(4)).isEqualTo("1");
        }
    }

    @Test
    void aTransactionalPipelineAcrossSlotsIsRefusedBeforeSending() {
        try (RedisClusterClient<String> redis = client(cluster)) {
            PipelineOptions tx = PipelineOptions.DEFAULT.withTransaction(true);
            assertThatThrownBy(() -> redis.pipelined(tx, p -> {
                p.set("a", "1");
                p.set("b", "2");
            })).isInstanceOf(RedisCrossSlotException.class);
            assertThat(redis.get("a")).isNull();
            assertThat(redis.get("b")).isNull();

            List<Object> ok = redis.pipelined(tx, p -> {
                p.set("{u}:a", "1");
                p.incr("{u}:n");
                p.get("{u}:a");
            });
            assertThat(ok).containsExactly(true, 1L, "1");
        }
    }

    @Test
    void multiOnAKeysSlotCommitsAndRefusesOtherSlots() {
        try (RedisClusterClient<String> redis = client(cluster)) {
            try (Transaction<String> tx = redis.multi("{user:1}:balance")) {
                tx.set("{user:1}:balance", "10");
                tx.incrby("{user:1}:balance", 5);
                assertThatThrownBy(() -> tx.set("other", "x")).isInstanceOf(RedisCrossSlotException.class);
                assertThat(tx.exec().results()).containsExactly(true, 15L);
            }
            assertThat(redis.get("{user:1}:balance")).isEqualTo("15");
            assertThat(redis.get("other")).isNull();
            TransactionResult r = redis.multi("{user:2}", t -> {
                t.set("{user:2}:a", "x");
                t.get("{user:2}:a");
            });
            assertThat(r.results()).containsExactly(true, "x");
        }
    }

    @Test
    void aWatchedTransactionRetriesWhenAnotherClientChangesTheKey() {
        try (RedisClusterClient<String> redis = client(cluster); RedisClusterClient<String> other = client(cluster)) {
            redis.set("{acct}:balance", "100");
            AtomicInteger attempts = new AtomicInteger();
            TransactionResult r = redis.transaction(List.of("{acct}:balance"), (watched, tx) -> {
                long balance = Long.parseLong(watched.get("{acct}:balance"));
                if (attempts.incrementAndGet() == 1) {
                    other.set("{acct}:balance", "50"); // a concurrent change: EXEC aborts, the body runs again
                }
                tx.set("{acct}:balance", String.valueOf(balance - 30));
            });
            assertThat(attempts).hasValue(2);
            assertThat(r.aborted()).isFalse();
            assertThat(redis.get("{acct}:balance")).isEqualTo("20");

            assertThatThrownBy(() -> redis.transaction(List.of("a", "b"), (w, tx) -> tx.set("a", "1")))
                    .isInstanceOf(RedisCrossSlotException.class);
            assertThat(redis.get("a")).isNull();
            assertThatThrownBy(() -> redis.transaction(List.of("{acct}:balance"), 1,
                    (w, tx) -> tx.set("elsewhere", "1"))).isInstanceOf(RedisCrossSlotException.class);
            assertThat(redis.get("elsewhere")).isNull();
        }
    }

    @Test
    void pipelinesAndTransactionsFollowSlotMigrationsWithoutErrors() {
        try (RedisCluster own = RedisCluster.start(3, 0); RedisClusterClient<String> redis = RedisClusterClient.create(
                ClusterConfig.builder().seeds(own.seeds()).refreshPeriod(java.time.Duration.ZERO).build())) {
            int moved = own.slotOf("{mig}");
            ClusterNode from = own.primaryOf(moved);
            ClusterNode to = own.primaries().stream().filter(n -> !n.equals(from)).findFirst().orElseThrow();
            for (int i = 0; i < 50; i++) {
                redis.set("{mig}:" + i, "old:" + i);
            }
            // MOVED: the slot changes owner between queueing and execute
            try (ClusterPipeline<String> p = redis.pipeline()) {
                List<Response<String>> reads = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    reads.add(p.get("{mig}:" + i));
                    p.set("{mig}:new:" + i, "new:" + i);
                    p.set("plain:" + i, "p");
                }
                own.moveSlot(moved, to);
                assertThat(redis.topology().primary(moved).address()).isEqualTo(from.hostAndPort()); // stale: MOVED
                List<Object> results = p.execute(); // raiseOnError: any error would throw
                assertThat(results).hasSize(150).doesNotHaveAnyElementsOfTypes(Exception.class);
                for (int i = 0; i < 50; i++) {
                    assertThat(reads.get(i).get()).isEqualTo("old:" + i);
                }
            }
            assertThat(to.call("GET", "{mig}:new:7")).isEqualTo("new:7");

            // ASK: a migration begun and its keys moved, not finished
            int asked = own.slotOf("{ask}");
            ClusterNode owner = own.primaryOf(asked);
            ClusterNode target = own.primaries().stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow();
            for (int i = 0; i < 20; i++) {
                redis.set("{ask}:" + i, "v" + i);
            }
            own.beginMigration(asked, owner, target);
            own.migrateKeys(asked, owner, target);
            List<Object> results = redis.pipelined(p -> {
                for (int i = 0; i < 20; i++) {
                    p.get("{ask}:" + i);
                    p.set("{ask}:added:" + i, "a" + i);
                }
            });
            for (int i = 0; i < 20; i++) {
                assertThat(results.get(2 * i)).isEqualTo("v" + i);
                assertThat(results.get(2 * i + 1)).isEqualTo(true);
            }
            own.finishMigration(asked, owner, target); // the importing node answers MOVED before this, ASKING aside
            assertThat(target.call("GET", "{ask}:added:3")).isEqualTo("a3");

            // transactions follow a move too: queued commands answered MOVED (EXECABORT) or WATCH answered MOVED
            assertThat(redis.refreshTopology().primary(moved).address()).isEqualTo(to.hostAndPort());
            own.moveSlot(moved, from); // the client's view is stale now: the transaction meets MOVED
            TransactionResult tx = redis.multi("{mig}", t -> t.incr("{mig}:counter"));
            assertThat(tx.results()).containsExactly(1L);
            own.moveSlot(moved, to);
            TransactionResult watched = redis.transaction(List.of("{mig}:counter"),
                    (w, t) -> t.set("{mig}:counter", w.get("{mig}:counter") + "0"));
            assertThat(watched.results()).containsExactly(true);
            assertThat(to.call("GET", "{mig}:counter")).isEqualTo("10");
        }
    }

    @Test
    void aNodeThatStopsAnsweringFailsOnlyItsOwnCommandsAndItsWritesAreNotResent() {
        try (RedisCluster own = RedisCluster.start(3, 0); RedisClusterClient<String> redis = RedisClusterClient.create(
                ClusterConfig.builder().seeds(own.seeds()).refreshPeriod(java.time.Duration.ZERO)
                        .nodeConfig(io.respkit.connection.RedisConfig.builder()
                                .timeout(java.time.Duration.ofMillis(500)).build()).build())) {
            ClusterNode frozen = own.primaryOf(own.slotOf("{f}"));
            List<String> keys = new ArrayList<>();
            for (int i = 0; keys.size() < 30; i++) {
                if (!own.primaryOf(own.slotOf("k" + i)).equals(frozen)) {
                    keys.add("k" + i); // keys of the other two nodes
                }
            }
            redis.pipelined(p -> {
                p.set("{f}:warm", "1"); // every node now has a pooled connection
                keys.forEach(k -> p.set(k, "0"));
            });
            frozen.freeze();
            try {
                List<Object> results = redis.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false), p -> {
                    p.incr("{f}:counter");
                    keys.forEach(p::incr);
                });
                assertThat(results.get(0)).isInstanceOf(io.respkit.exceptions.RedisConnectionException.class);
                assertThat(results.subList(1, results.size())).allMatch(r -> r.equals(1L));
            } finally {
                frozen.thaw();
            }
            // sent once: at most 1, never 2, whatever the frozen node did with it once thawed
            String counter = redis.get("{f}:counter");
            assertThat(counter == null || counter.equals("1")).as("counter %s", counter).isTrue();
        }
    }
}
