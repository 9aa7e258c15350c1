package io.respkit.internal.multiplex;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.codec.StringCodec;
import io.respkit.internal.commands.StringDefs;
import io.respkit.protocol.RespVersion;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batched writes, chained wake-ups and the timeout watchdog of the multiplexed connection keep its guarantees
 * under load: every caller gets its own reply, a failure mid-flight fails every command in flight with a typed
 * exception and the next command runs on a fresh connection, and no thread outlives the client.
 */
@ExtendWith(RedisServerExtension.class)
class MultiplexedLoadIntegrationTests {

    private static final StringCodec C = StringCodec.UTF8;
    private static final String THREADS = "respkit-multiplexed-";

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void sixtyFourThreadsWithRandomValuesEachGetTheirOwnReplies(RespVersion protocol, RedisServer server)
            throws Exception {
        int threads = 64;
        int perThread = 500;
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .multiplexed(true).build())) {
            String[] shared = new String[100];
            for (int i = 0; i < shared.length; i++) {
                shared[i] = Long.toHexString(ThreadLocalRandom.current().nextLong());
                redis.set("shared:" + i, shared[i]);
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    results.add(pool.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        int checked = 0;
                        for (int i = 0; i < perThread; i++) {
                            int k = random.nextInt(shared.length);
                            assertThat(redis.get("shared:" + k)).isEqualTo(shared[k]);
                            String key = "own:" + id + ":" + random.nextInt(8);
                            String value = id + "-" + Long.toHexString(random.nextLong());
                            if (i % 10 == 0) {
                                // Futures and waiting callers interleave on the one connection.
                                CompletableFuture<Boolean> set = redis.async().set(key, value);
                                assertThat(redis.async().get(key).join()).isEqualTo(value);
                                assertThat(set.join()).isTrue();
                            } else {
                                assertThat(redis.set(key, value)).isTrue();
                                assertThat(redis.get(key)).isEqualTo(value);
                            }
                            assertThat(redis.get("missing:" + id)).isNull();
                            checked++;
                        }
                        return checked;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : results) {
                    total += f.get();
                }
                assertThat(total).isEqualTo(threads * perThread);
            } finally {
                pool.shutdownNow();
            }
            // Everything ran on the one shared connection: the pool served only the setup.
            assertThat(redis.pool().stats().borrowed()).isZero();
        }
    }

    @Test
    void resetMidFlightFailsEveryCommandInFlightTypedAndTheNextRunsOnAFreshConnection(RedisServer server)
            throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
             Multiplexer mux = new Multiplexer(proxy.configBuilder().timeout(Duration.ofSeconds(30)).build(),
                     p -> { })) {
            mux.execute(StringDefs.set(C, "k", "v"));
            proxy.blackhole();
            List<CompletableFuture<Throwable>> callers = startCallers(mux, 16);
            MultiplexedConnection c = currentConnection(mux);
            await().atMost(Duration.ofSeconds(10)).until(() -> c.pendingCount() == 16);
            proxy.resetAll();
            proxy.heal();
            for (CompletableFuture<Throwable> caller : callers) {
                assertThat(caller.get()).isInstanceOf(RedisConnectionException.class);
            }
            assertThat(c.isUsable()).isFalse();
            assertThat(mux.execute(StringDefs.get(C, "k"))).isEqualTo("v");
            assertThat(currentConnection(mux)).isNotSameAs(c);
            await().atMost(Duration.ofSeconds(5)).until(() -> threadsOf(c) == 0);
        }
    }

    @Test
    void watchdogTimesOutEveryCallerOfAHungServerAndTheNextCallSucceeds(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
             Multiplexer mux = new Multiplexer(proxy.configBuilder().timeout(Duration.ofMillis(300)).build(),
                     p -> { })) {
            mux.execute(StringDefs.set(C, "k", "v"));
            MultiplexedConnection c = currentConnection(mux);
            proxy.blackhole();
            List<CompletableFuture<Throwable>> callers = startCallers(mux, 8);
            for (CompletableFuture<Throwable> caller : callers) {
                assertThat(caller.get()).isInstanceOf(RedisTimeoutException.class)
                        .hasMessageContaining("timed out after 300 ms");
            }
            proxy.heal();
            assertThat(mux.execute(StringDefs.get(C, "k"))).isEqualTo("v");
            assertThat(currentConnection(mux)).isNotSameAs(c);
        }
    }

    @Test
    void anInterruptedCallerLeavesAndTheOthersStillGetTheirReplies(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
             Multiplexer mux = new Multiplexer(proxy.configBuilder().timeout(Duration.ofSeconds(30)).build(),
                     p -> { })) {
            mux.execute(StringDefs.set(C, "k", "v"));
            MultiplexedConnection c = currentConnection(mux);
            proxy.blackhole();
            AtomicReference<Throwable> interrupted = new AtomicReference<>();
            AtomicBoolean flagKept = new AtomicBoolean();
            Thread victim = new Thread(() -> {
                try {
                    mux.execute(StringDefs.get(C, "k"));
                } catch (RuntimeException e) {
                    interrupted.set(e);
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            victim.start();
            List<CompletableFuture<String>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String key = "other:" + i;
                String value = Long.toHexString(ThreadLocalRandom.current().nextLong());
                others.add(CompletableFuture.supplyAsync(() -> {
                    mux.execute(StringDefs.set(C, key, value));
                    return mux.execute(StringDefs.get(C, key)).equals(value) ? "ok" : "crossed";
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> c.pendingCount() >= 9);
            victim.interrupt();
            victim.join();
            assertThat(interrupted.get()).isInstanceOf(RedisException.class).hasMessageContaining("Interrupted");
            assertThat(flagKept).isTrue();
            proxy.heal();
            for (CompletableFuture<String> other : others) {
                assertThat(other.get()).isEqualTo("ok");
            }
            // The abandoned call got its reply on the same connection, which is still healthy.
            assertThat(currentConnection(mux)).isSameAs(c);
            assertThat(mux.execute(StringDefs.get(C, "k"))).isEqualTo("v");
        }
    }

    @Test
    void closingTheClientEndsTheReaderAndWatchdogOfEveryConnection(RedisServer server) {
        java.util.Set<Thread> before = ownThreads();
        MultiplexedConnection first;
        MultiplexedConnection second;
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().multiplexed(true).build());
             Multiplexer mux = new Multiplexer(server.config(), p -> { })) {
            redis.set("k", "v");
            mux.execute(StringDefs.get(C, "k"));
            first = currentConnection(mux);
            assertThat(threadsOf(first)).isEqualTo(2);
            first.close(); // replaced on the next call; its threads end
            assertThat(mux.execute(StringDefs.get(C, "k"))).isEqualTo("v");
            second = currentConnection(mux);
            await().atMost(Duration.ofSeconds(5)).until(() -> threadsOf(first) == 0);
            assertThat(threadsOf(second)).isEqualTo(2);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> threadsOf(second) == 0);
        // The client's own connection too: no reader or watchdog started by this test is left.
        await().atMost(Duration.ofSeconds(5)).until(() -> before.containsAll(ownThreads()));
    }

    private static java.util.Set<Thread> ownThreads() {
        java.util.Set<Thread> threads = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(THREADS)) {
                threads.add(t);
            }
        }
        return threads;
    }

    /** Starts callers that each run one GET and return the exception it failed with (null when it succeeded). */
    private static List<CompletableFuture<Throwable>> startCallers(Multiplexer mux, int n) {
        List<CompletableFuture<Throwable>> callers = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            CompletableFuture<Throwable> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    mux.execute(StringDefs.get(C, "k"));
                    f.complete(null);
                } catch (Throwable e) {
                    f.complete(e);
                }
            });
            t.setDaemon(true);
            t.start();
            callers.add(f);
        }
        return callers;
    }

    private static MultiplexedConnection currentConnection(Multiplexer mux) {
        return mux.current();
    }

    /** Counts the live reader and watchdog threads of one connection. */
    private static long threadsOf(MultiplexedConnection c) {
        String suffix = "-" + c.id();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(THREADS) && t.getName().endsWith(suffix))
                .count();
    }
}
