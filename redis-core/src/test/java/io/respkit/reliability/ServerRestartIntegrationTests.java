package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PooledConnection;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 4: the server is killed with {@code kill -9} and restarted on the same port while the pool holds eight
 * idle connections to the old process. With default settings the pool finds the dead connections before it writes
 * to them (they sat idle longer than {@link PoolConfig#DEFAULT_PROBE_AFTER_IDLE}, and the server's FIN is already
 * there), so no caller sees an error, for reads and writes, sequential or concurrent, and no command runs twice. The
 * first dead connection found makes the pool drop every connection opened before it; with
 * {@link PoolConfig.Builder#validateAfterIdle(Duration)} the dead connections are also found by {@code PING}, and the
 * multiplexed mode's shared connection, which is always reading, sees the FIN at once.
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

    /**
     * Kills the server with SIGKILL and starts it again on the same port. The restart keeps the server away for at
     * least {@link PoolConfig#DEFAULT_PROBE_AFTER_IDLE}, as any real one does (a supervisor alone waits 100 ms
     * by default): here it takes about 100 ms anyway, the wait only keeps a faster machine from racing it.
     */
    private static void killAndRestart(RedisProcess server) {
        long oldPid = server.pid();
        long killed = System.nanoTime();
        server.kill();
        Duration left = PoolConfig.DEFAULT_PROBE_AFTER_IDLE.minusNanos(System.nanoTime() - killed);
        if (!left.isNegative()) {
            await().pollDelay(left).atMost(left.plusSeconds(10)).until(() -> true);
        }
        server.restart();
        assertThat(server.pid()).isNotEqualTo(oldPid);
    }

    private static final int ROUNDS = 3;
    private static final int THREADS = 8;

    /**
     * With default settings, kill -9 and restart: 20 sequential GETs, 20 sequential SETs and INCRs, then 8 threads
     * at once mixing them, each time on a pool holding idle connections to the dead process. No call may fail,
     * every reply must be right, and each INCR must have run exactly once: none lost, none replayed.
     */
    @Test
    void withDefaultsNoCallerSeesAnErrorAfterARestart(RedisProcess server) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (RedisClient<String> redis = RedisClient.create(server.config())) {
            for (int round = 0; round < ROUNDS; round++) {
                String r = "restart:" + round + ":";
                fillIdle(redis.pool());
                killAndRestart(server);
                for (int i = 0; i < 20; i++) {
                    assertThat(redis.get(r + "missing:" + i)).isNull();
                }

                fillIdle(redis.pool());
                killAndRestart(server);
                for (int i = 0; i < 20; i++) {
                    assertThat(redis.set(r + "set:" + i, "v" + i)).isTrue();
                    assertThat(redis.incr(r + "count")).isEqualTo(i + 1);
                }
                for (int i = 0; i < 20; i++) {
                    assertThat(redis.get(r + "set:" + i)).isEqualTo("v" + i);
                }

                fillIdle(redis.pool());
                killAndRestart(server);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String mine = r + "t" + t + ":";
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            if (i % 2 == 0) {
                                assertThat(redis.set(mine + i, "v" + i)).isTrue();
                                assertThat(redis.get(mine + i)).isEqualTo("v" + i);
                            } else {
                                assertThat(redis.get(mine + "missing")).isNull();
                            }
                            assertThat(redis.incr(mine + "count")).isEqualTo(i + 1);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
                for (int t = 0; t < THREADS; t++) {
                    assertThat(redis.get(r + "t" + t + ":count")).isEqualTo("10");
                }
                Leaks.assertPoolWhole(redis.pool());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The multiplexed mode's shared connection reads all the time, so it sees the FIN of a killed server at once and
     * is replaced before the next command: after kill -9 and restart no call fails and no INCR runs twice.
     */
    @Test
    void theMultiplexedConnectionIsReplacedWithoutAnErrorAfterARestart(RedisProcess server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().multiplexed(true).build())) {
            for (int round = 0; round < ROUNDS; round++) {
                assertThat(redis.get("restart:warm")).isNull(); // opens the shared connection
                killAndRestart(server);
                for (int i = 0; i < 20; i++) {
                    assertThat(redis.incr("restart:mx:" + round)).isEqualTo(i + 1);
                    assertThat(redis.get("restart:missing:" + i)).isNull();
                }
            }
            assertThat(redis.pool().stats().created()).isZero();
        }
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

    /**
     * A connection the server closed while it sat idle (here {@code CLIENT KILL}; an idle-client {@code timeout} or
     * a restart look the same on the socket) is found by the pool before a command is written to it.
     */
    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aConnectionTheServerClosedWhileIdleIsReplacedWithoutAnError(RespVersion protocol, RedisProcess server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .pool(PoolConfig.builder().maxTotal(1).build()).build());
             RedisClient<String> admin = RedisClient.create(server.config())) {
            redis.del("idle:count");
            long id = redis.clientId();
            long idleSince = System.nanoTime();
            assertThat(admin.execute("CLIENT", "KILL", "ID", id)).isEqualTo(1L);
            Duration left = PoolConfig.DEFAULT_PROBE_AFTER_IDLE.minusNanos(System.nanoTime() - idleSince);
            if (!left.isNegative()) {
                await().pollDelay(left).atMost(left.plusSeconds(10)).until(() -> true);
            }
            assertThat(redis.incr("idle:count")).isEqualTo(1L); // no error, and it ran exactly once
            assertThat(redis.clientId()).isNotEqualTo(id);
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    /**
     * The probe can be turned off ({@code probeAfterIdle} zero): then, with the {@code PING} check off too, a
     * connection the server closed while idle reaches the caller, whose command fails, typed, and is not replayed.
     */
    @Test
    void withTheProbeTurnedOffAConnectionClosedWhileIdleReachesTheCaller(RedisProcess server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().pool(PoolConfig.builder()
                .maxTotal(1).probeAfterIdle(Duration.ZERO).validateAfterIdle(Duration.ZERO).build()).build());
             RedisClient<String> admin = RedisClient.create(server.config())) {
            redis.del("idle:off");
            long id = redis.clientId();
            assertThat(admin.execute("CLIENT", "KILL", "ID", id)).isEqualTo(1L);
            await().pollDelay(PoolConfig.DEFAULT_PROBE_AFTER_IDLE.multipliedBy(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> true);
            assertThatThrownBy(() -> redis.incr("idle:off")).isInstanceOf(RedisConnectionException.class);
            assertThat(admin.get("idle:off")).isNull(); // the failed INCR never ran, and was not replayed
            assertThat(redis.incr("idle:off")).isEqualTo(1L);
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    /**
     * Idle connections the evictor opened to keep {@code minIdle} were never borrowed; they are checked like any
     * other idle connection the first time they are.
     */
    @Test
    void connectionsTheEvictorOpenedForMinIdleAreCheckedToo(RedisProcess server) {
        PoolConfig pool = PoolConfig.builder().maxTotal(4).minIdle(2).testWhileIdle(false)
                .timeBetweenEvictionRuns(Duration.ofMillis(50)).build();
        try (ConnectionPool p = ConnectionPool.create(server.configBuilder().pool(pool).build());
             RedisClient<String> redis = RedisClient.create(p)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().idle() == 2);
            assertThat(p.stats().borrowed()).isZero();
            killAndRestart(server);
            for (int i = 0; i < 5; i++) {
                assertThat(redis.incr("restart:min-idle")).isEqualTo(i + 1);
            }
            Leaks.assertPoolWhole(p);
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
