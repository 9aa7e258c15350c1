package io.respkit.pool;

import io.respkit.RedisClient;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pool's fast slot for the connection given back last, against a real server: sequential callers reuse one
 * connection with exact statistics, and the slot never hides a connection from the evictor, from the idle check,
 * or from a borrower waiting on a full pool. Each test owns its client; not thread-safe beyond what each test runs.
 */
@ExtendWith(RedisServerExtension.class)
class ConnectionPoolSlotIntegrationTests {

    private static RedisConfig config(RedisServer server, PoolConfig.Builder pool) {
        return server.configBuilder().pool(pool.build()).build();
    }

    private static long clientId(RedisCommands<String> r) {
        return r.execute(Command.create(r.codec(), "CLIENT ID", ReplyDecoders.integer()));
    }

    @Test
    void sequentialCallsReuseOneConnectionWithExactStats(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(config(server, PoolConfig.builder().maxTotal(4)))) {
            for (int i = 0; i < 500; i++) {
                redis.set("slot:" + i, "v" + i);
                assertThat(redis.get("slot:" + i)).isEqualTo("v" + i);
            }
            PoolStats stats = redis.pool().stats();
            assertThat(stats.created()).isEqualTo(1);
            assertThat(stats.destroyed()).isZero();
            assertThat(stats.active()).isZero();
            assertThat(stats.idle()).isEqualTo(1);
            assertThat(stats.borrowed()).isEqualTo(stats.returned()).isEqualTo(1000);
        }
    }

    @Test
    void anIdleConnectionInTheSlotIsStillEvicted(RedisServer server) {
        PoolConfig.Builder pool = PoolConfig.builder().maxTotal(4).minIdle(0)
                .timeBetweenEvictionRuns(Duration.ofMillis(50)).minEvictableIdleTime(Duration.ofMillis(200));
        try (RedisClient<String> redis = RedisClient.create(config(server, pool))) {
            redis.set("evict", "v");
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                PoolStats stats = redis.pool().stats();
                assertThat(stats.destroyed()).isEqualTo(1);
                assertThat(stats.idle()).isZero();
            });
            PoolStats stats = redis.pool().stats();
            assertThat(stats.borrowed()).isEqualTo(stats.returned()).isEqualTo(1);
            assertThat(redis.get("evict")).isEqualTo("v"); // a new connection
            assertThat(redis.pool().stats().created()).isEqualTo(2);
        }
    }

    @Test
    void aDeadConnectionIdleInTheSlotIsPingedAndReplaced(RedisServer server) throws Exception {
        PoolConfig.Builder pool = PoolConfig.builder().maxTotal(4).validateAfterIdle(Duration.ofMillis(100));
        try (RedisClient<String> redis = RedisClient.create(config(server, pool));
             RedisClient<String> admin = RedisClient.create(server.configBuilder().build())) {
            long id = redis.withConnection(ConnectionPoolSlotIntegrationTests::clientId);
            redis.set("ping-check", "v");
            admin.execute("CLIENT", "KILL", "ID", id);
            Thread.sleep(250);
            assertThat(redis.get("ping-check")).isEqualTo("v"); // not a failure: PING found it dead first
            assertThat(redis.pool().stats().destroyed()).isEqualTo(1);
            assertThat(redis.withConnection(ConnectionPoolSlotIntegrationTests::clientId)).isNotEqualTo(id);
        }
    }

    @Test
    void aBorrowerWaitingOnAFullPoolGetsTheConnectionGivenBack(RedisServer server) throws Exception {
        PoolConfig.Builder pool = PoolConfig.builder().maxTotal(2).maxIdle(2).maxWait(Duration.ofSeconds(10));
        try (ConnectionPool connections = ConnectionPool.create(config(server, pool))) {
            PooledConnection held = connections.borrow();
            PooledConnection second = connections.borrow();
            CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try (PooledConnection lease = connections.borrow()) {
                    assertThat(lease.connection().ping()).isTrue();
                }
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            });
            await().atMost(5, TimeUnit.SECONDS).until(() -> connections.stats().waiters() == 1);
            second.close();
            assertThat(waited.get(5, TimeUnit.SECONDS)).isLessThan(5_000);
            held.close();
            PoolStats stats = connections.stats();
            assertThat(stats.created()).isEqualTo(2);
            assertThat(stats.active()).isZero();
            assertThat(stats.borrowed()).isEqualTo(stats.returned()).isEqualTo(3);
        }
    }
}
