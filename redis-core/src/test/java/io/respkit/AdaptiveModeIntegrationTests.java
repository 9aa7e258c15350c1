package io.respkit;

import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.ConnectionMode;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PoolStats;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default {@link ConnectionMode#ADAPTIVE} mode against a real server: a lone caller runs every command on a
 * pooled connection (its reply never waits behind another's, and no shared connection is opened), overlapping
 * callers share the multiplexed connection (the pool stays small, every reply reaches its own caller), and what
 * must never share a connection (a blocking pop) does not. {@code POOLED} never shares.
 */
@ExtendWith(RedisServerExtension.class)
class AdaptiveModeIntegrationTests {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 300;

    private static RedisConfig config(RedisServer server, ConnectionMode mode) {
        return server.configBuilder().connectionMode(mode)
                .pool(PoolConfig.builder().maxTotal(THREADS).maxWait(Duration.ofSeconds(5)).build()).build();
    }

    /** Connections the server has with this client name: counted by name, so other tests' connections never count. */
    private static long connectionsNamed(RedisClient<String> control, String name) {
        String list = (String) control.execute("CLIENT", "LIST");
        return list.lines().filter(line -> line.contains(" name=" + name + " ")).count();
    }

    @Test
    void aLoneCallerAlwaysBorrowsAndNeverOpensTheSharedConnection(RedisServer server) {
        String name = "adaptive-lone-" + System.nanoTime();
        try (RedisClient<String> redis = RedisClient.create(config(server, ConnectionMode.ADAPTIVE).toBuilder()
                .clientName(name).build());
             RedisClient<String> control = RedisClient.create(config(server, ConnectionMode.POOLED))) {
            for (int i = 0; i < 500; i++) {
                redis.set("adaptive:lone:" + i, "v" + i);
                assertThat(redis.get("adaptive:lone:" + i)).isEqualTo("v" + i);
            }
            PoolStats stats = redis.pool().stats();
            assertThat(stats.borrowed()).isEqualTo(1_000);
            assertThat(stats.created()).isEqualTo(1);
            assertThat(connectionsNamed(control, name)).as("one pooled connection, no shared one").isEqualTo(1);
        }
    }

    @Test
    void overlappingCallersShareTheMultiplexedConnectionAndEachGetsItsOwnReply(RedisServer server) throws Exception {
        try (RedisClient<String> redis = RedisClient.create(config(server, ConnectionMode.ADAPTIVE))) {
            long commands = runConcurrently(redis, "adaptive:mt:");
            PoolStats stats = redis.pool().stats();
            assertThat(stats.borrowed()).as("some commands ran on the shared connection").isLessThan(commands);
            assertThat(stats.active()).isZero();
            assertThat(stats.returned()).isEqualTo(stats.borrowed());
        }
    }

    @Test
    void pooledModeNeverShares(RedisServer server) throws Exception {
        try (RedisClient<String> redis = RedisClient.create(config(server, ConnectionMode.POOLED))) {
            long commands = runConcurrently(redis, "adaptive:pooled:");
            assertThat(redis.pool().stats().borrowed()).isEqualTo(commands);
        }
    }

    @Test
    void aBlockingPopGetsADedicatedConnectionAndIsNoCompanyForOthers(RedisServer server) throws Exception {
        try (RedisClient<String> redis = RedisClient.create(config(server, ConnectionMode.ADAPTIVE))) {
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch popping = new CountDownLatch(1);
                Future<?> pop = executor.submit(() -> {
                    popping.countDown();
                    return redis.brpop(Duration.ofSeconds(10), "adaptive:queue");
                });
                assertThat(popping.await(5, TimeUnit.SECONDS)).isTrue();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> redis.pool().stats().active() == 1); // the pop holds its connection
                // A parked pop is no company: a caller alone besides it still borrows (and never queues behind it)
                long borrowed = redis.pool().stats().borrowed();
                long start = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    redis.set("adaptive:k" + i, "v");
                }
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
                assertThat(redis.pool().stats().borrowed() - borrowed).isEqualTo(200);
                redis.lpush("adaptive:queue", "item");
                assertThat(pop.get(5, TimeUnit.SECONDS)).isNotNull();
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void aStatefulCommandWithCompanyNeverReachesTheSharedConnection(RedisServer server) throws Exception {
        try (RedisClient<String> redis = RedisClient.create(config(server, ConnectionMode.ADAPTIVE))) {
            runConcurrently(redis, "adaptive:warm:"); // the shared connection is open now
            Command<Object> select = Command.create(redis.codec(), "SELECT", ReplyDecoders.raw()).arg(0);
            ExecutorService executor = Executors.newFixedThreadPool(THREADS);
            try {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Long>> ids = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    ids.add(executor.submit(() -> {
                        start.await();
                        long before = redis.pool().stats().borrowed();
                        redis.execute(select);
                        return redis.pool().stats().borrowed() - before;
                    }));
                }
                for (Future<Long> f : ids) {
                    assertThat(f.get(10, TimeUnit.SECONDS)).as("SELECT borrowed a connection").isPositive();
                }
            } finally {
                executor.shutdownNow();
            }
        }
    }

    /** Runs {@link #THREADS} threads of SET+GET pairs started together, checks every reply; returns the commands. */
    private static long runConcurrently(RedisClient<String> redis, String prefix) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        String key = prefix + thread + ":" + i;
                        String value = thread + "/" + i;
                        redis.set(key, value);
                        assertThat(redis.get(key)).isEqualTo(value);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        return (long) THREADS * PER_THREAD * 2;
    }
}
