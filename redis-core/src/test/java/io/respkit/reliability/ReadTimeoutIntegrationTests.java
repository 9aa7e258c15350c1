package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PoolStats;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import io.respkit.test.ServerFaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 1: a read timeout in the middle of a reply. The caller gets {@link RedisTimeoutException}, the connection
 * that timed out is destroyed (its late reply can never reach another caller), and the next 1,000 commands on the
 * same pool each get their own reply.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class ReadTimeoutIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofMillis(250);

    @Test
    void serverHangingInDebugSleepTimesOutAndTheLateReplyIsNeverSeen(RedisServer server) {
        try (ConnectionPool pool = ConnectionPool.create(server.configBuilder().timeout(TIMEOUT)
                .pool(PoolConfig.builder().maxTotal(4).build()).build());
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("timeout:k", "before");
            PoolStats before = pool.stats();

            CompletableFuture<String> sleep = ServerFaults.debugSleep(server, 1.0);
            assertThatThrownBy(() -> redis.get("timeout:k")).isInstanceOf(RedisTimeoutException.class)
                    .hasMessageContaining("GET").hasMessageContaining("timed out");

            PoolStats after = pool.stats();
            assertThat(after.destroyed()).as("the timed-out connection is destroyed").isGreaterThan(before.destroyed());
            Leaks.assertPoolWhole(pool);
            await().atMost(Duration.ofSeconds(10)).until(sleep::isDone);
            assertThat(sleep).isCompletedWithValue("OK");

            // The GET's reply arrived after the sleep, on a socket already closed: nobody may receive it.
            Leaks.assertRepliesRouted(redis, 1000);
            assertThat(redis.get("timeout:k")).isEqualTo("before");
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void blackholedProxyTimesOutAndTheHeldReplyIsNeverSeen(RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = ConnectionPool.create(proxy.configBuilder().timeout(TIMEOUT)
                     .pool(PoolConfig.builder().maxTotal(4).build()).build());
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("timeout:b", "before");
            PoolStats before = pool.stats();

            proxy.blackhole();
            assertThatThrownBy(() -> redis.get("timeout:b")).isInstanceOf(RedisTimeoutException.class);
            assertThat(pool.stats().destroyed()).isGreaterThan(before.destroyed());
            Leaks.assertPoolWhole(pool);

            // Healing delivers the held GET and its reply to a client socket that is already closed.
            proxy.heal();
            Leaks.assertRepliesRouted(redis, 1000);
            assertThat(redis.get("timeout:b")).isEqualTo("before");
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void concurrentCallersAfterATimeoutEachGetTheirOwnReplies(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = ConnectionPool.create(proxy.configBuilder().timeout(TIMEOUT)
                     .pool(PoolConfig.builder().maxTotal(4).build()).build());
             RedisClient<String> redis = RedisClient.create(pool)) {
            proxy.blackhole();
            CompletableFuture<?>[] hung = new CompletableFuture<?>[4];
            for (int i = 0; i < hung.length; i++) {
                int n = i;
                hung[i] = CompletableFuture.runAsync(() -> redis.execute("ECHO", "hung-" + n));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> CompletableFuture.allOf(hung).isDone());
            for (CompletableFuture<?> f : hung) {
                assertThat(f).isCompletedExceptionally();
                assertThatThrownBy(f::join).hasCauseInstanceOf(RedisTimeoutException.class);
            }
            Leaks.assertPoolWhole(pool);
            proxy.heal();

            CompletableFuture<?>[] workers = new CompletableFuture<?>[4];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = CompletableFuture.runAsync(() -> Leaks.assertRepliesRouted(redis, 250));
            }
            CompletableFuture.allOf(workers).get();
            Leaks.assertPoolWhole(pool);
        }
    }
}
