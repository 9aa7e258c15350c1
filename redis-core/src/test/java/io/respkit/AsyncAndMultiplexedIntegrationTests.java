package io.respkit;

import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;

import io.respkit.commands.ClientPauseMode;
import io.respkit.commands.KeyValue;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The asynchronous API and the multiplexed (auto-pipelined) client mode keep every guarantee of the pooled mode:
 * replies never cross callers, errors are typed, blocking and stateful commands run on dedicated connections.
 */
@ExtendWith(RedisServerExtension.class)
class AsyncAndMultiplexedIntegrationTests {

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void asyncPipelineOfTenThousandSetsLikeTheSeedsAsyncio(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            redis.flushdb();
            AsyncCommands<String> async = redis.async();
            List<Response<Boolean>> sets = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                sets.add(async.set("key:" + i, "value:" + i));
            }
            CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).join();
            assertThat(sets).allSatisfy(r -> assertThat(r.get()).isTrue());
            List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                gets.add(async.get("key:" + i));
            }
            for (int i = 0; i < gets.size(); i++) {
                assertThat(gets.get(i).get()).isEqualTo("value:" + i);
            }
            assertThat(redis.dbsize()).isEqualTo(10_000);
            // The async commands shared one connection; none was borrowed from the pool.
            assertThat(redis.pool().stats().borrowed()).isEqualTo(2); // the flushdb and dbsize calls
        }
    }

    @Test
    void asyncErrorsAreTypedAndComposable(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.config())) {
            redis.set("s", "text");
            Response<Long> push = redis.async().lpush("s", "x");
            assertThatThrownBy(push::get).isInstanceOfSatisfying(RedisServerException.class,
                    e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThat(push.failure()).isInstanceOf(RedisServerException.class);
            String upper = redis.async().get("s").thenApply(String::toUpperCase).join();
            assertThat(upper).isEqualTo("TEXT");
        }
    }

    @Test
    void asyncBlockingCommandsRunOnDedicatedConnections(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder()
                .timeout(Duration.ofMillis(500)).build())) {
            redis.del("q");
            Response<KeyValue<String>> waiting = redis.async().brpop(Duration.ofSeconds(10), "q");
            await().atMost(Duration.ofSeconds(5)).until(() -> redis.pool().stats().active() == 1);
            // The shared connection is not blocked by the BRPOP: this completes at once.
            assertThat(redis.async().lpush("q", "job").get()).isEqualTo(1L);
            assertThat(waiting.get()).isEqualTo(new KeyValue<>("q", "job"));
            assertThat(redis.async().brpop(Duration.ofMillis(700), "q").get()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void multiplexedModeManyThreadsEachGetTheirOwnReplies(RespVersion protocol, RedisServer server)
            throws Exception {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .multiplexed(true).build())) {
            int threads = 32;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String key = "m:" + id + ":" + (i % 20);
                        String value = UUID.randomUUID().toString();
                        redis.set(key, value);
                        assertThat(redis.get(key)).isEqualTo(value);
                        assertThat(redis.hset("h:" + id, "f", value)).isBetween(0L, 1L);
                        assertThat(redis.hget("h:" + id, "f")).isEqualTo(value);
                    }
                    return id;
                }));
            }
            for (Future<Integer> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(redis.pool().stats().created()).isZero(); // everything ran on the shared connection
        }
    }

    @Test
    void multiplexedModeKeepsTransactionsPipelinesAndBlockingCommandsOnPooledConnections(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().multiplexed(true)
                .timeout(Duration.ofMillis(500)).build())) {
            redis.del("q", "n");
            assertThat(redis.multi(tx -> {
                tx.set("n", "1");
                tx.incr("n");
            }).results()).containsExactly(true, 2L);
            assertThat(redis.pipelined(p -> {
                p.incr("n");
                p.get("n");
            })).containsExactly(3L, "3");
            assertThat(redis.brpop(Duration.ofMillis(800), "q")).isNull(); // longer than the 500 ms timeout
            String inDb2 = redis.withConnection(c -> {
                c.select(2);
                return c.get("n");
            });
            assertThat(inDb2).isNull();
            assertThat(redis.get("n")).isEqualTo("3"); // the shared connection is still on db 0
            assertThatThrownBy(() -> redis.lpush("n", "x")).isInstanceOf(RedisServerException.class);
            assertThat(redis.get("n")).isEqualTo("3");
        }
    }

    @Test
    void multiplexedTimeoutIsTypedAndTheNextCallSucceeds(RedisServer server) throws Exception {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().multiplexed(true)
                .timeout(Duration.ofMillis(300)).build());
             RedisClient<String> admin = RedisClient.create(server.config())) {
            redis.set("k", "v");
            CompletableFuture<Object> sleeper = CompletableFuture.supplyAsync(() -> admin.execute("DEBUG", "SLEEP", "1"));
            await().atMost(Duration.ofSeconds(2)).until(() -> !answersPingWithin(server, 100));
            assertThatThrownBy(() -> redis.get("k")).isInstanceOf(RedisTimeoutException.class);
            sleeper.get();
            assertThat(redis.get("k")).isEqualTo("v");
        }
    }

    @Test
    void oneCallersTimeoutLeavesTheOtherCommandsAndTheSharedConnectionAlone(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().clientName("one-impatient")
                .build());
             RedisClient<String> admin = RedisClient.create(server.config())) {
            redis.async().set("late", "0").join(); // the shared connection is open
            String before = sharedConnection(admin, "one-impatient");
            // the server holds writes for 300 ms: both SETs wait on the shared connection
            assertThat(admin.clientPause(Duration.ofMillis(300), ClientPauseMode.WRITE)).isTrue();
            Response<Boolean> impatient = redis.async().set("late", "1");
            impatient.orTimeout(50, TimeUnit.MILLISECONDS);
            Response<Boolean> patient = redis.async().set("other", "2");
            assertThatThrownBy(impatient::join).hasRootCauseInstanceOf(TimeoutException.class);
            assertThat(patient.join()).isTrue();
            assertThat(redis.get("late")).isEqualTo("1"); // it ran: the caller only stopped waiting
            assertThat(sharedConnection(admin, "one-impatient")).isEqualTo(before);
        }
    }

    @Test
    void anAsyncCommandPastTheConfiguredTimeoutFailsTypedAndTheConnectionIsReplaced(RedisServer server)
            throws Exception {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().timeout(Duration.ofMillis(300))
                .build());
             RedisClient<String> admin = RedisClient.create(server.config())) {
            redis.set("k", "v");
            redis.async().get("k").join();
            CompletableFuture<Object> sleeper = CompletableFuture.supplyAsync(() -> admin.execute("DEBUG", "SLEEP", "1"));
            await().atMost(Duration.ofSeconds(2)).until(() -> !answersPingWithin(server, 100));
            Response<String> late = redis.async().get("k");
            Response<String> behind = redis.async().get("k");
            assertThatThrownBy(late::join).hasCauseInstanceOf(RedisTimeoutException.class);
            // the hung connection is failed by its watchdog: the command behind fails too, not waits forever
            assertThatThrownBy(behind::join).hasCauseInstanceOf(RedisTimeoutException.class);
            sleeper.get();
            assertThat(redis.async().get("k").join()).isEqualTo("v");
        }
    }

    /** The {@code CLIENT LIST} id of the one connection named {@code name} that ran a SET (the shared one). */
    private static String sharedConnection(RedisClient<String> admin, String name) {
        List<String> ids = new ArrayList<>();
        for (String line : String.valueOf(admin.execute("CLIENT", "LIST")).split("\n")) {
            if (line.contains(" name=" + name + " ") && line.contains(" cmd=set ")) {
                ids.add(line.substring(0, line.indexOf(' ')));
            }
        }
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private static boolean answersPingWithin(RedisServer server, int millis) {
        try (java.net.Socket s = new java.net.Socket(server.host(), server.port())) {
            s.setSoTimeout(millis);
            s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return s.getInputStream().read() > 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
