package io.respkit.pool;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.TransactionResult;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.ConnectionMode;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The connection pool against a real server: its size limit, exhaustion, no leaked leases after failures, and that
 * broken or dirty connections are destroyed instead of handed to the next borrower.
 */
@ExtendWith(RedisServerExtension.class)
class ConnectionPoolIntegrationTests {

    private static RedisConfig config(RedisServer server, int maxTotal, Duration maxWait) {
        // POOLED: these tests count borrows, which the default mode spares under concurrency
        return server.configBuilder().connectionMode(ConnectionMode.POOLED).pool(PoolConfig.builder().maxTotal(maxTotal).maxWait(maxWait).build()).build();
    }

    private static long clientId(RedisCommands<String> r) {
        return r.execute(Command.create(r.codec(), "CLIENT ID", ReplyDecoders.integer()));
    }

    @Test
    void maxTotalIsHonoured(RedisServer server) throws Exception {
        try (ConnectionPool pool = ConnectionPool.create(config(server, 3, Duration.ofSeconds(5)));
             RedisClient<String> redis = RedisClient.create(pool)) {
            ExecutorService executor = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    futures.add(executor.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            String value = Long.toString(ThreadLocalRandom.current().nextLong());
                            redis.set("max-" + thread, value);
                            assertThat(redis.get("max-" + thread)).isEqualTo(value);
                            assertThat(pool.stats().active()).isBetween(0, 3);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                executor.shutdownNow();
            }
            PoolStats stats = pool.stats();
            assertThat(stats.maxTotal()).isEqualTo(3);
            assertThat(stats.created()).isBetween(1L, 3L);
            assertThat(stats.active()).isZero();
            assertThat(stats.borrowed()).isEqualTo(8 * 200 * 2);
            assertThat(stats.returned()).isEqualTo(stats.borrowed());

            try (PooledConnection a = pool.borrow(); PooledConnection b = pool.borrow();
                 PooledConnection c = pool.borrow()) {
                assertThat(List.of(a.connection(), b.connection(), c.connection())).doesNotHaveDuplicates();
                assertThat(pool.stats().active()).isEqualTo(3);
            }
        }
    }

    @Test
    void exhaustedPoolThrowsWithDetails(RedisServer server) {
        try (ConnectionPool pool = ConnectionPool.create(config(server, 1, Duration.ofMillis(200)));
             PooledConnection held = pool.borrow()) {
            long start = System.nanoTime();
            assertThatThrownBy(pool::borrow)
                    .isInstanceOf(RedisPoolExhaustedException.class)
                    .hasMessageContaining("maxTotal=1")
                    .hasMessageContaining("active=1")
                    .hasMessageContaining("idle=0")
                    .hasMessageContaining("waiters=")
                    .hasMessageContaining("200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190))
                    .isLessThan(Duration.ofSeconds(2));
            try (RedisClient<String> redis = RedisClient.create(pool)) {
                assertThatThrownBy(() -> redis.get("k")).isInstanceOf(RedisPoolExhaustedException.class);
            }
            assertThat(held.connection().ping()).isTrue();
        }
    }

    @Test
    void noLeakAfterExceptionsInBodies(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(config(server, 2, Duration.ofMillis(500)))) {
            ConnectionPool pool = redis.pool();
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> redis.withConnection(r -> {
                    r.set("leak", "1");
                    throw new IllegalStateException("boom in withConnection");
                })).hasMessage("boom in withConnection");
                assertThatThrownBy(() -> redis.withConnection(r -> r.execute(
                        Command.create(r.codec(), "NOSUCHCOMMAND", ReplyDecoders.raw()))))
                        .isInstanceOf(RedisServerException.class);
                assertThatThrownBy(() -> redis.pipelined(p -> {
                    p.set("leak", "2");
                    p.get("leak");
                    throw new IllegalStateException("boom in pipeline");
                })).hasMessage("boom in pipeline");
                assertThatThrownBy(() -> redis.multi(tx -> {
                    tx.set("leak", "3");
                    throw new IllegalStateException("boom in multi");
                })).hasMessage("boom in multi");
                assertThatThrownBy(() -> redis.transaction(List.of("leak"), (watched, tx) -> {
                    watched.get("leak");
                    throw new IllegalStateException("boom in transaction");
                })).hasMessage("boom in transaction");
                assertThat(pool.stats().active()).isZero();
            }
            // Still fully usable, with both connections available.
            try (PooledConnection a = pool.borrow(); PooledConnection b = pool.borrow()) {
                assertThat(a.connection().ping()).isTrue();
                assertThat(b.connection().ping()).isTrue();
            }
            assertThat(redis.get("leak")).isEqualTo("1");
            assertThat(pool.stats().active()).isZero();
        }
    }

    @Test
    void brokenConnectionIsDestroyed(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(config(server, 2, Duration.ofSeconds(2)))) {
            ConnectionPool pool = redis.pool();
            long victim = redis.withConnection(r -> {
                long id = clientId(r);
                // kill this very connection from another one of the pool
                assertThat(redis.execute("CLIENT", "KILL", "ID", id)).isEqualTo(1L);
                assertThatThrownBy(() -> r.get("k")).isInstanceOf(RedisConnectionException.class);
                return id;
            });
            PoolStats stats = pool.stats();
            assertThat(stats.active()).isZero();
            assertThat(stats.destroyed()).isEqualTo(1);
            assertThat(stats.idle()).isEqualTo(1); // only the connection that ran CLIENT KILL
            for (int i = 0; i < 3; i++) {
                assertThat(redis.withConnection(ConnectionPoolIntegrationTests::clientId)).isNotEqualTo(victim);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT", "select", "Select"})
    void connectionLeftOnAnotherDatabaseIsDestroyed(String select, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(config(server, 1, Duration.ofSeconds(2)))) {
            long first = redis.withConnection(r -> {
                assertThat(r.execute(Command.create(r.codec(), select, ReplyDecoders.string()).arg(3)))
                        .isEqualTo("OK");
                r.set("dirty-db-key", "in-three");
                return clientId(r);
            });
            assertThat(redis.pool().stats().destroyed()).isEqualTo(1);
            assertThat(redis.get("dirty-db-key")).isNull();
            String info = redis.withConnection(r -> r.execute(
                    Command.create(r.codec(), "CLIENT INFO", ReplyDecoders.string())));
            assertThat(info).contains(" db=0 ").doesNotContain("id=" + first + " ");
            redis.execute("FLUSHALL");
        }
    }

    @Test
    void connectionLeftWatchingIsDestroyed(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(config(server, 1, Duration.ofSeconds(2)));
             RedisClient<String> other = RedisClient.create(server.config())) {
            long first = redis.withConnection(r -> {
                r.execute(Command.create(r.codec(), "WATCH", ReplyDecoders.raw()).key("watched-key"));
                return clientId(r);
            });
            assertThat(redis.pool().stats().destroyed()).isEqualTo(1);
            other.set("watched-key", "changed"); // would abort the next EXEC if the WATCH were still active
            TransactionResult result = redis.multi(tx -> {
                tx.set("watched-key", "1");
                tx.incr("watched-key");
            });
            assertThat(result.aborted()).isFalse();
            assertThat(result.results()).containsExactly(true, 2L);
            assertThat(redis.withConnection(ConnectionPoolIntegrationTests::clientId)).isNotEqualTo(first);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CLIENT SETNAME other-name", "client setname other-name", "HELLO 2", "MULTI"})
    void connectionWithAlteredSessionIsDestroyed(String command, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().clientName("configured")
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            String[] words = command.split(" ");
            long first = redis.withConnection(r -> {
                long id = clientId(r);
                Command<Object> cmd = Command.create(r.codec(), words[0], ReplyDecoders.raw());
                for (int i = 1; i < words.length; i++) {
                    cmd.arg(words[i]);
                }
                r.execute(cmd);
                return id;
            });
            assertThat(redis.pool().stats().destroyed()).isEqualTo(1);
            assertThat(redis.withConnection(ConnectionPoolIntegrationTests::clientId)).isNotEqualTo(first);
            assertThat(redis.execute("CLIENT", "GETNAME")).isEqualTo("configured");
            assertThat(redis.pool().withConnection(RedisConnection::protocol)).isEqualTo(RespVersion.RESP3);
            assertThat(redis.set("after-" + words[0], "ok")).isTrue();
        }
    }

    @Test
    void cleanConnectionIsReused(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(config(server, 1, Duration.ofSeconds(2)))) {
            long first = redis.withConnection(ConnectionPoolIntegrationTests::clientId);
            redis.set("reuse", "v");
            redis.pipelined(p -> p.get("reuse"));
            redis.multi(tx -> tx.get("reuse"));
            redis.transaction(List.of("reuse"), (watched, tx) -> tx.set("reuse", watched.get("reuse") + "2"));
            assertThat(redis.withConnection(ConnectionPoolIntegrationTests::clientId)).isEqualTo(first);
            assertThat(redis.get("reuse")).isEqualTo("v2");
            PoolStats stats = redis.pool().stats();
            assertThat(stats.created()).isEqualTo(1);
            assertThat(stats.destroyed()).isZero();
            assertThat(stats.borrowed()).isEqualTo(stats.returned()).isEqualTo(7);
        }
    }

    @Test
    void statsAndClose(RedisServer server) {
        ConnectionPool pool = ConnectionPool.create(config(server, 4, Duration.ofMillis(500)));
        PoolStats fresh = pool.stats();
        assertThat(fresh).isEqualTo(new PoolStats(4, 0, 0, 0, 0, 0, 0, 0));
        PooledConnection lease = pool.borrow();
        RedisConnection held = lease.connection();
        pool.withConnection(RedisConnection::ping);
        PoolStats busy = pool.stats();
        assertThat(busy.active()).isEqualTo(1);
        assertThat(busy.idle()).isEqualTo(1);
        assertThat(busy.created()).isEqualTo(2);
        assertThat(busy.borrowed()).isEqualTo(2);
        assertThat(busy.returned()).isEqualTo(1);
        assertThat(pool.toString()).contains("maxTotal=4", "active=1", "idle=1");

        pool.close();
        assertThat(pool.isClosed()).isTrue();
        assertThat(pool.stats().idle()).isZero();
        assertThatThrownBy(pool::borrow).isInstanceOf(RedisException.class).hasMessageContaining("closed");
        assertThat(held.ping()).isTrue(); // a lease outlives close() ...
        lease.close();                   // ... and its connection is closed when given back
        lease.close();                   // twice is harmless
        assertThat(held.isUsable()).isFalse();
        assertThat(pool.stats().active()).isZero();
        assertThatThrownBy(lease::connection).isInstanceOf(IllegalStateException.class);
        pool.close(); // idempotent
    }

    @Test
    void closeEndsTheWaitOfEveryBorrowerOnAnExhaustedPool(RedisServer server) throws Exception {
        ConnectionPool pool = ConnectionPool.create(config(server, 1, Duration.ofSeconds(30)));
        PooledConnection held = pool.borrow();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<PooledConnection>> waiting = List.of(executor.submit(pool::borrow),
                    executor.submit(pool::borrow));
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.stats().waiters() == 2);
            pool.close();
            for (Future<PooledConnection> w : waiting) {
                // not the whole maxWait, nor an exhausted pool: the pool is closed
                assertThatThrownBy(() -> w.get(5, TimeUnit.SECONDS)).cause()
                        .isInstanceOf(RedisException.class).isNotInstanceOf(RedisPoolExhaustedException.class)
                        .hasMessageContaining("closed");
            }
            assertThat(held.connection().ping()).isTrue();
        } finally {
            held.close();
            executor.shutdownNow();
        }
        assertThat(pool.stats().waiters()).isZero();
    }
}
