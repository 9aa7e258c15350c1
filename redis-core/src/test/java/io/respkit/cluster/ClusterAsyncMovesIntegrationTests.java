package io.respkit.cluster;

import io.respkit.ClusterAsyncCommands;
import io.respkit.RedisClusterClient;
import io.respkit.Response;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.internal.cluster.SlotHash;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Slots moved while asynchronous commands are in flight, and multiplexed-mode synchronous traffic across moves, on a
 * private 3-primary cluster.
 */
@ClusterTest
class ClusterAsyncMovesIntegrationTests {

    private static final int TAGS = 8;
    private static RedisCluster cluster;

    @BeforeAll
    static void start() {
        cluster = RedisCluster.start(3, 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static RedisClusterClient<String> client(boolean multiplexed) {
        return RedisClusterClient.create(ClusterConfig.builder().seeds(cluster.seeds())
                .nodeConfig(RedisConfig.builder().multiplexed(multiplexed).timeout(Duration.ofSeconds(5)).build())
                .build());
    }

    private static int slotOf(String key) {
        return SlotHash.slot(key, StandardCharsets.UTF_8);
    }

    /** Moves each tag's slot to the next primary, one after the other, on another thread. */
    private static CompletableFuture<Integer> moveSlotsMeanwhile(String prefix, CountDownLatch started) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                started.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            int moved = 0;
            for (int t = 0; t < TAGS; t++) {
                int slot = slotOf("{" + prefix + t + "}");
                ClusterNode from = cluster.primaryOf(slot);
                List<ClusterNode> primaries = cluster.primaries();
                ClusterNode to = primaries.get((primaries.indexOf(primaries.stream()
                        .filter(p -> p.nodeId().equals(from.nodeId())).findFirst().orElseThrow()) + 1)
                        % primaries.size());
                cluster.moveSlot(slot, to);
                moved++;
            }
            return moved;
        });
    }

    @Test
    void everyAsyncCommandCompletesCorrectlyAcrossSlotMigrations() throws Exception {
        int rounds = 40;
        int perRound = 500;
        try (RedisClusterClient<String> redis = client(false)) {
            ClusterAsyncCommands<String> async = redis.async();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Integer> moves = moveSlotsMeanwhile("amove", started);
            List<Response<Boolean>> sets = new ArrayList<>(rounds * perRound);
            int round = 0;
            // keep commands in flight until every slot has moved (and at least `rounds` rounds ran)
            while (round < rounds || !moves.isDone()) {
                for (int i = 0; i < perRound; i++) {
                    String key = "{amove" + (i % TAGS) + "}:" + round + ":" + i;
                    sets.add(async.set(key, "v" + round + ":" + i));
                }
                if (round == 0) {
                    started.countDown();
                }
                CompletableFuture.allOf(sets.subList(sets.size() - perRound, sets.size())
                        .toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
                round++;
                assertThat(round).isLessThan(10_000); // bounded
            }
            assertThat(moves.get(60, TimeUnit.SECONDS)).isEqualTo(TAGS);
            for (Response<Boolean> set : sets) {
                assertThat(set.get()).isTrue();
            }
            List<Response<String>> gets = new ArrayList<>();
            for (int r = 0; r < round; r++) {
                for (int i = 0; i < perRound; i++) {
                    gets.add(async.get("{amove" + (i % TAGS) + "}:" + r + ":" + i));
                }
            }
            int n = 0;
            for (int r = 0; r < round; r++) {
                for (int i = 0; i < perRound; i++) {
                    assertThat(gets.get(n++).get()).isEqualTo("v" + r + ":" + i);
                }
            }
        }
    }

    @Test
    void multiplexedSyncTrafficFromSixteenThreadsSurvivesSlotMoves() throws Exception {
        int threads = 16;
        long[] before = cluster.primaries().stream().mapToLong(ClusterAsyncMovesIntegrationTests::connectedClients)
                .toArray();
        try (RedisClusterClient<String> redis = client(true)) {
            // without moves, the traffic of 16 threads goes over one multiplexed connection per node, not a pool
            traffic(redis, threads, 500);
            List<ClusterNode> primaries = cluster.primaries();
            for (int p = 0; p < primaries.size(); p++) {
                assertThat(connectedClients(primaries.get(p)) - before[p])
                        .as("new connections on %s", primaries.get(p).hostAndPort()).isLessThanOrEqualTo(3);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ops = new AtomicLong();
            Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            CountDownLatch started = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    // bounded: stops when told, or after 200,000 operations
                    for (int i = 0; i < 100_000 && !stop.get(); i++) {
                        String key = "{mmove" + (i % TAGS) + "}:" + thread + ":" + (i % 50);
                        String value = thread + ":" + i;
                        try {
                            redis.set(key, value);
                            String read = redis.get(key);
                            if (!value.equals(read)) {
                                errors.add(new AssertionError(key + " read " + read + ", expected " + value));
                            }
                            ops.addAndGet(2);
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                        if (i == 100) {
                            started.countDown();
                        }
                    }
                }));
            }
            CompletableFuture<Integer> moves = moveSlotsMeanwhile("mmove", started);
            try {
                assertThat(moves.get(120, TimeUnit.SECONDS)).isEqualTo(TAGS);
            } finally {
                stop.set(true);
                for (Future<?> w : workers) {
                    w.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }
            assertThat(errors).isEmpty();
            assertThat(ops.get()).isGreaterThan(1000);
        }
    }

    @Test
    void aWriteThatTimedOutOnAHungNodeFailsAndIsNeverSentAgain() {
        String key = "{hung}:counter";
        ClusterNode owner = cluster.primaryOf(slotOf(key));
        try (RedisClusterClient<String> redis = RedisClusterClient.create(ClusterConfig.builder()
                .seeds(cluster.seeds())
                .nodeConfig(RedisConfig.builder().timeout(Duration.ofMillis(200)).build()).build())) {
            ClusterAsyncCommands<String> async = redis.async();
            assertThat(async.set(key, "0").get()).isTrue(); // the node's shared connection is open
            Response<Long> incr;
            owner.freeze(); // well within the cluster's node timeout, so nothing fails over
            try {
                incr = async.incr(key);
                await().atMost(Duration.ofSeconds(5)).until(incr::isDone);
            } finally {
                owner.thaw();
            }
            assertThatThrownBy(incr::get).isInstanceOf(RedisTimeoutException.class);
            // the INCR was written before the node hung and runs when it resumes: once, not twice
            await().atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(500))
                    .until(() -> "1".equals(owner.call("GET", key)));
            assertThat(async.incr(key).get()).isEqualTo(2L); // a fresh connection serves the next command
        }
    }

    /** SET then GET from each of {@code threads} threads, {@code each} times; fails on the first error. */
    private static void traffic(RedisClusterClient<String> redis, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String key = "{calm" + (i % TAGS) + "}:" + thread;
                        redis.set(key, "v" + i);
                        assertThat(redis.get(key)).isEqualTo("v" + i);
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long connectedClients(ClusterNode node) {
        String info = node.call("INFO", "clients").toString();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("connected_clients:")) {
                return Long.parseLong(line.substring("connected_clients:".length()).trim());
            }
        }
        throw new IllegalStateException("no connected_clients in INFO");
    }
}
