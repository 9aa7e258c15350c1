package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.RedisConnectionException;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PooledConnection;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4: the server is killed with {@code kill -9} and restarted on the same port while the pool holds eight
 * idle connections to the old process. The first caller to hit a dead connection makes the pool drop every
 * connection opened before the failure, so at most one caller fails and every later one succeeds; with
 * {@link PoolConfig.Builder#validateAfterIdle(Duration)} the dead connections are found by {@code PING} before any
 * caller uses them, and with {@code retryReads} a read never fails at all.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class ServerRestartIntegrationTests {

    private static final int IDLE = 8;

    private static RedisConfig.Builder config(RedisProcess server, Duration validateAfterIdle) {
        return server.configBuilder().timeout(Duration.ofSeconds(2))
                .pool(PoolConfig.builder().maxTotal(IDLE).validateAfterIdle(validateAfterIdle).build());
    }

    private static void fillIdle(ConnectionPool pool) {
        List<PooledConnection> leases = new ArrayList<>();
        for (int i = 0; i < IDLE; i++) {
            leases.add(pool.borrow());
        }
        leases.forEach(PooledConnection::close);
        assertThat(pool.stats().idle()).isEqualTo(IDLE);
    }

    private static void killAndRestart(RedisProcess server) {
        long oldPid = server.pid();
        server.kill();
        server.restart();
        assertThat(server.pid()).isNotEqualTo(oldPid);
    }

    @Test
    void atMostOneCallerFailsAfterARestart(RedisProcess server) {
        try (ConnectionPool pool = ConnectionPool.create(config(server, Duration.ZERO).build());
             RedisClient<String> redis = RedisClient.create(pool)) {
            fillIdle(pool);
            long destroyed = pool.stats().destroyed();
            killAndRestart(server);

            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                try {
                    redis.set("restart:" + i, "v" + i);
                    assertThat(redis.get("restart:" + i)).isEqualTo("v" + i);
                } catch (RedisConnectionException e) {
                    failed.add(i);
                }
            }
            // Only the very first call may have met a dead connection; it made the pool drop the seven others.
            assertThat(failed).isSubsetOf(0);
            assertThat(pool.stats().destroyed()).isGreaterThanOrEqualTo(destroyed + IDLE);
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void validatingLongIdleConnectionsSparesEveryCaller(RedisProcess server) throws Exception {
        try (ConnectionPool pool = ConnectionPool.create(config(server, Duration.ofMillis(1)).build());
             RedisClient<String> redis = RedisClient.create(pool)) {
            fillIdle(pool);
            killAndRestart(server);

            // Eight callers at once, one per dead connection: each would fail without the check on borrow.
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < IDLE; i++) {
                String value = "p" + i;
                calls.add(CompletableFuture.supplyAsync(() -> redis.execute("ECHO", value).toString()));
            }
            for (int i = 0; i < IDLE; i++) {
                assertThat(calls.get(i).get()).isEqualTo("p" + i);
            }
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void retriedReadsNeverFailAfterARestart(RedisProcess server) {
        try (ConnectionPool pool = ConnectionPool.create(config(server, Duration.ZERO).retryReads(true).build());
             RedisClient<String> redis = RedisClient.create(pool)) {
            fillIdle(pool);
            killAndRestart(server);
            for (int i = 0; i < 20; i++) {
                assertThat(redis.get("restart:missing:" + i)).isNull();
                assertThat(redis.exists("restart:missing:" + i)).isZero();
            }
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void defaultPoolPingsConnectionsIdleLongerThanItsThreshold() {
        assertThat(PoolConfig.DEFAULT.validateAfterIdle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new PoolConfig(4, 4, 0, Duration.ofSeconds(1), false, true, Duration.ofSeconds(30),
                Duration.ofSeconds(60))).isEqualTo(PoolConfig.builder().maxTotal(4).maxWait(Duration.ofSeconds(1))
                .build());
    }
}
