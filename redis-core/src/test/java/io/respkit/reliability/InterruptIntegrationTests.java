package io.respkit.reliability;

import io.respkit.Pipeline;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.Response;
import io.respkit.commands.KeyValue;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PoolStats;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import io.respkit.test.ServerFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A synchronous caller blocked in any command returns promptly after {@link Thread#interrupt()}, with a
 * {@link RedisInterruptedException} and its interrupt flag still set; its connection is discarded (the late reply
 * never reaches another caller), except that a blocking pop is first unblocked on the server or has its items put
 * back, in the background. A caller interrupted before the call sends nothing.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class InterruptIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Generous on a loaded two-core machine; the read checks for an interrupt every 100 ms. */
    private static final long PROMPT_MILLIS = 2_000;

    private RedisClient<String> admin;

    @BeforeEach
    void connect(RedisServer server) {
        admin = RedisClient.create(server.config());
        admin.flushall();
    }

    @AfterEach
    void close() {
        admin.close();
    }

    /** What an interrupted caller saw. */
    private record Outcome(Throwable failure, Object value, boolean flagKept, long returnedAfterMillis) {
    }

    /**
     * Runs {@code call} on a new thread, waits until the thread is reading a reply from the socket, interrupts it
     * and waits for it to return.
     */
    private static Outcome interruptWhileReading(Supplier<Object> call) throws InterruptedException {
        return interruptWhileReading(call, () -> true);
    }

    /** Like {@link #interruptWhileReading(Supplier)}, once {@code ready} holds as well. */
    private static Outcome interruptWhileReading(Supplier<Object> call, Callable<Boolean> ready)
            throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Object> value = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        AtomicLong returned = new AtomicLong();
        Thread caller = new Thread(() -> {
            try {
                value.set(call.get());
            } catch (Throwable t) {
                failure.set(t);
            }
            returned.set(System.nanoTime());
            flag.set(Thread.currentThread().isInterrupted());
        }, "interrupted-caller");
        caller.setDaemon(true);
        caller.start();
        await().atMost(WAIT).until(ready);
        await().atMost(WAIT).until(() -> Arrays.stream(caller.getStackTrace())
                .anyMatch(f -> f.getMethodName().equals("readFrom") || f.getMethodName().equals("park")));
        long interruptedAt = System.nanoTime();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(caller.isAlive()).as("the interrupted caller returned").isFalse();
        return new Outcome(failure.get(), value.get(), flag.get(),
                TimeUnit.NANOSECONDS.toMillis(returned.get() - interruptedAt));
    }

    private static void assertInterruptedPromptly(Outcome outcome, String command) {
        assertThat(outcome.failure()).isInstanceOf(RedisInterruptedException.class)
                .hasMessageContaining(command);
        assertThat(outcome.flagKept()).as("interrupt flag kept").isTrue();
        assertThat(outcome.returnedAfterMillis()).isLessThan(PROMPT_MILLIS);
    }

    @Test
    void getAgainstAServerInDebugSleepReturnsPromptlyAndTheLateReplyIsNeverSeen(RedisServer server)
            throws Exception {
        try (ConnectionPool pool = ConnectionPool.create(server.configBuilder().timeout(Duration.ofSeconds(10))
                .pool(PoolConfig.builder().maxTotal(4).build()).build());
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("k", "before");
            PoolStats before = pool.stats();
            CompletableFuture<String> sleep = ServerFaults.debugSleep(server, 5);

            Outcome outcome = interruptWhileReading(() -> redis.get("k"));

            assertInterruptedPromptly(outcome, "GET");
            Leaks.assertPoolWhole(pool);
            assertThat(pool.stats().destroyed()).as("the interrupted connection is destroyed")
                    .isEqualTo(before.destroyed() + 1);
            assertThat(pool.stats().idle()).isZero();
            await().atMost(WAIT).until(sleep::isDone);
            Leaks.assertRepliesRouted(redis, 500);
            assertThat(redis.get("k")).isEqualTo("before");
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void getAgainstAStoppedServerReturnsPromptly(RedisProcess server) throws Exception {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().timeout(Duration.ofSeconds(30))
                .build())) {
            redis.set("k", "v");
            server.signal("STOP");
            Outcome outcome;
            try {
                outcome = interruptWhileReading(() -> redis.get("k"));
            } finally {
                server.signal("CONT");
            }
            assertInterruptedPromptly(outcome, "GET");
            Leaks.assertPoolWhole(redis.pool());
            assertThat(redis.get("k")).isEqualTo("v");
        }
    }

    @Test
    void multiplexedGetAgainstAServerInDebugSleepReturnsPromptlyTyped(RedisServer server) throws Exception {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().multiplexed(true)
                .timeout(Duration.ofSeconds(10)).build())) {
            redis.set("k", "v");
            CompletableFuture<String> sleep = ServerFaults.debugSleep(server, 2);
            assertInterruptedPromptly(interruptWhileReading(() -> redis.get("k")), "GET");
            await().atMost(WAIT).until(sleep::isDone);
            assertThat(redis.get("k")).isEqualTo("v");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void interruptedBrpopLeavesTheNextItemInTheList(RespVersion protocol, RedisServer server) throws Exception {
        try (RedisClient<String> consumer = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            Outcome outcome = interruptWhileReading(() -> consumer.brpop(Duration.ofSeconds(30), "jobs"),
                    () -> blockedClients() == 1);
            assertInterruptedPromptly(outcome, "BRPOP");

            await().atMost(WAIT).until(() -> blockedClients() == 0);
            admin.rpush("jobs", "j1");
            await().atMost(WAIT).untilAsserted(() -> Leaks.assertPoolWhole(consumer.pool()));
            assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
            // Its reply read in full, the connection went back to the pool.
            assertThat(consumer.pool().stats().destroyed()).isZero();
            assertThat(consumer.brpop(Duration.ofSeconds(5), "jobs")).isEqualTo(new KeyValue<>("jobs", "j1"));
            Leaks.assertRepliesRouted(consumer, 200);
        }
    }

    @Test
    void interruptedBrpopThatBlocksForeverLeavesTheItem(RedisServer server) throws Exception {
        try (RedisClient<String> consumer = RedisClient.create(server.config())) {
            assertInterruptedPromptly(interruptWhileReading(() -> consumer.brpop(Duration.ZERO, "jobs"),
                    () -> blockedClients() == 1), "BRPOP");
            await().atMost(WAIT).until(() -> blockedClients() == 0);
            admin.rpush("jobs", "j1");
            await().atMost(WAIT).untilAsserted(() -> Leaks.assertPoolWhole(consumer.pool()));
            assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
        }
    }

    @Test
    void interruptedBrpopOfAMultiplexedClientLeavesTheItem(RedisServer server) throws Exception {
        try (RedisClient<String> consumer = RedisClient.create(server.configBuilder().multiplexed(true).build())) {
            consumer.set("k", "v");
            assertInterruptedPromptly(interruptWhileReading(() -> consumer.brpop(Duration.ofSeconds(30), "jobs"),
                    () -> blockedClients() == 1), "BRPOP");
            await().atMost(WAIT).until(() -> blockedClients() == 0);
            admin.rpush("jobs", "j1");
            await().atMost(WAIT).untilAsserted(() -> Leaks.assertPoolWhole(consumer.pool()));
            assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
            assertThat(consumer.get("k")).isEqualTo("v");
        }
    }

    @Test
    void interruptedBrpopOnAPoolOfOneIsUnblockedWithoutWaitingForThePool(RedisServer server) throws Exception {
        try (RedisClient<String> consumer = RedisClient.create(server.configBuilder()
                .pool(PoolConfig.builder().maxTotal(1).maxIdle(1).maxWait(Duration.ofSeconds(30)).build()).build())) {
            assertInterruptedPromptly(interruptWhileReading(() -> consumer.brpop(Duration.ZERO, "jobs"),
                    () -> blockedClients() == 1), "BRPOP");
            // The pool's one connection is the blocked one: the unblock goes out on a connection of its own.
            await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients() == 0);
            admin.rpush("jobs", "j1");
            await().atMost(WAIT).untilAsserted(() -> Leaks.assertPoolWhole(consumer.pool()));
            assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
            assertThat(consumer.brpop(Duration.ofSeconds(5), "jobs")).isEqualTo(new KeyValue<>("jobs", "j1"));
        }
    }

    @Test
    void interruptedPipelineWithBlockingPopsLeavesTheItems(RedisServer server) throws Exception {
        try (RedisClient<String> consumer = RedisClient.create(server.config())) {
            AtomicReference<Response<KeyValue<String>>> second = new AtomicReference<>();
            Outcome outcome = interruptWhileReading(() -> {
                try (Pipeline<String> p = consumer.pipeline()) {
                    p.rpush("before", "b1");
                    p.brpop(Duration.ofSeconds(30), "jobs");
                    second.set(p.blpop(Duration.ofSeconds(30), "more"));
                    return p.execute();
                }
            }, () -> blockedClients() == 1);
            assertInterruptedPromptly(outcome, "BRPOP");
            assertThat(second.get().failure()).isInstanceOf(RedisInterruptedException.class);

            // The BRPOP is unblocked, then the BLPOP queued behind it on the same connection runs and is unblocked.
            await().atMost(WAIT).untilAsserted(() -> Leaks.assertPoolWhole(consumer.pool()));
            assertThat(blockedClients()).isZero();
            admin.rpush("jobs", "j1");
            admin.rpush("more", "m1");
            assertThat(admin.lrange("before", 0, -1)).containsExactly("b1");
            assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
            assertThat(admin.lrange("more", 0, -1)).containsExactly("m1");
        }
    }

    @Test
    void interruptedBrpopOfAUserThatMayNotUnblockPutsTheLateItemBack(RedisServer server) throws Exception {
        admin.execute("ACL", "SETUSER", "popper", "on", ">popper-secret", "~*", "+@all", "-client");
        try (RedisClient<String> consumer = RedisClient.create(server.configBuilder().username("popper")
                .password("popper-secret").build())) {
            // The pop blocks 2 s: without CLIENT UNBLOCK respkit reads its reply in the background.
            assertInterruptedPromptly(interruptWhileReading(() -> consumer.brpop(Duration.ofSeconds(2), "jobs"),
                    () -> blockedClients() == 1), "BRPOP");
            admin.rpush("jobs", "j1");
            await().atMost(WAIT).untilAsserted(() -> Leaks.assertPoolWhole(consumer.pool()));
            assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
        } finally {
            admin.execute("ACL", "DELUSER", "popper");
        }
    }

    @Test
    void callerInterruptedBeforeTheCallFailsFastAndSendsNothing(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.config())) {
            redis.set("k", "v");
            long gets = getCalls();
            PoolStats before = redis.pool().stats();
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> redis.get("k")).isInstanceOf(RedisInterruptedException.class)
                        .hasMessageContaining("GET");
                assertThatThrownBy(() -> redis.brpop(Duration.ofSeconds(5), "jobs"))
                        .isInstanceOf(RedisInterruptedException.class);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(getCalls()).isEqualTo(gets);
            assertThat(redis.pool().stats().destroyed()).isEqualTo(before.destroyed());
            Leaks.assertPoolWhole(redis.pool());
            assertThat(redis.get("k")).isEqualTo("v");
        }
    }

    private long blockedClients() {
        return Long.parseLong(admin.info("clients").get("blocked_clients"));
    }

    private long getCalls() {
        String stat = admin.info("commandstats").get("cmdstat_get");
        if (stat == null) {
            return 0;
        }
        String calls = stat.substring(stat.indexOf("calls=") + 6);
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
    }
}
