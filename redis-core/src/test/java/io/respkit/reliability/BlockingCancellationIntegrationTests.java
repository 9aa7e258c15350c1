package io.respkit.reliability;

import io.respkit.AsyncCommands;
import io.respkit.RedisClient;
import io.respkit.Response;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.KeyValue;
import io.respkit.commands.KeyValues;
import io.respkit.commands.ListDirection;
import io.respkit.commands.ReplyDecoders;
import io.respkit.commands.ScoredValue;
import io.respkit.protocol.RespVersion;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An asynchronous blocking pop whose caller gives up (it cancels the future, or {@code orTimeout},
 * {@code completeOnTimeout} or {@code completeExceptionally} complete it first) never loses an item: the pop is
 * unblocked on the server before it takes anything, or whatever it took after the caller gave up is put back where
 * it came from. Every pushed item is either received by a caller that did not give up or still in its list, exactly
 * once; the connection goes back to the pool once its reply was read, and no thread is left behind.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class BlockingCancellationIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Longer than any wait of the test: a pop that is not unblocked stays blocked. */
    private static final Duration BLOCK = Duration.ofSeconds(30);

    private RedisClient<String> admin;
    private RedisClient<String> consumer;

    @BeforeEach
    void connect(RedisServer server) {
        admin = RedisClient.create(server.config());
        consumer = RedisClient.create(server.config());
        admin.flushall();
    }

    @AfterEach
    void close() {
        consumer.close();
        admin.close();
    }

    private long blockedClients() {
        return Long.parseLong(admin.info("clients").get("blocked_clients"));
    }

    /** Waits until the consumer's pop blocks on the server, then until its caller's give-up has unblocked it. */
    private void giveUpAndAwaitUnblocked(Response<?> pop, Consumer<Response<?>> giveUp) {
        await().atMost(WAIT).until(() -> blockedClients() == 1);
        giveUp.accept(pop);
        await().atMost(WAIT).until(pop::isDone);
        await().atMost(WAIT).until(() -> blockedClients() == 0);
    }

    private void awaitPoolWhole(RedisClient<String> client) {
        await().atMost(WAIT).untilAsserted(() -> Leaks.assertPoolWhole(client.pool()));
    }

    @Test
    void cancelledAsyncBrpopIsUnblockedAndTheNextItemStaysInTheList() {
        Response<KeyValue<String>> pop = consumer.async().brpop(BLOCK, "jobs");
        giveUpAndAwaitUnblocked(pop, p -> assertThat(p.cancel(true)).isTrue());

        admin.rpush("jobs", "j1");
        awaitPoolWhole(consumer);
        assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
        // The connection that ran the BRPOP went back to the pool and serves the next caller.
        assertThat(consumer.pool().stats().destroyed()).isZero();
        assertThat(consumer.brpop(BLOCK, "jobs")).isEqualTo(new KeyValue<>("jobs", "j1"));
        Leaks.assertRepliesRouted(consumer, 200);
    }

    @Test
    void asyncBrpopTimedOutWithOrTimeoutLeavesTheNextItemInTheList() {
        Response<KeyValue<String>> pop = consumer.async().brpop(BLOCK, "jobs");
        pop.orTimeout(500, TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(pop::isDone);
        assertThat(pop).isCompletedExceptionally();
        await().atMost(WAIT).until(() -> blockedClients() == 0);

        admin.rpush("jobs", "j1");
        awaitPoolWhole(consumer);
        assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
    }

    @Test
    void asyncBrpopCompletedOnTimeoutOrExceptionallyByTheCallerLeavesTheItems() {
        Response<KeyValue<String>> onTimeout = consumer.async().brpop(BLOCK, "jobs");
        onTimeout.completeOnTimeout(null, 200, TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(onTimeout::isDone);
        await().atMost(WAIT).until(() -> blockedClients() == 0);
        admin.rpush("jobs", "j1");

        Response<KeyValue<String>> failed = consumer.async().brpop(BLOCK, "other");
        giveUpAndAwaitUnblocked(failed, p -> p.completeExceptionally(new IllegalStateException("caller gave up")));
        admin.rpush("other", "o1");

        awaitPoolWhole(consumer);
        assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
        assertThat(admin.lrange("other", 0, -1)).containsExactly("o1");
    }

    @Test
    void cancelledAsyncBrpopOfAMultiplexedClientLeavesTheItem(RedisServer server) {
        try (RedisClient<String> mux = RedisClient.create(server.configBuilder().multiplexed(true).build())) {
            assertThat(mux.async().set("k", "v").join()).isTrue();
            Response<KeyValue<String>> pop = mux.async().brpop(BLOCK, "jobs");
            giveUpAndAwaitUnblocked(pop, p -> p.cancel(true));
            admin.rpush("jobs", "j1");
            awaitPoolWhole(mux);
            assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1");
            assertThat(mux.async().get("k").join()).isEqualTo("v");
        }
    }

    /** A pop whose reply the proxy holds: the server took the items, then the caller gave up before seeing them. */
    enum HeldPop {
        BRPOP(a -> a.rpush("src", "a", "b"), c -> c.brpop(BLOCK, "src"),
                a -> assertThat(a.lrange("src", 0, -1)).containsExactly("a", "b")),
        BLPOP(a -> a.rpush("src", "a", "b"), c -> c.blpop(BLOCK, "src"),
                a -> assertThat(a.lrange("src", 0, -1)).containsExactly("a", "b")),
        BLMOVE_RIGHT_LEFT(a -> {
            a.rpush("dst", "d1");
            a.rpush("src", "a", "b");
        }, c -> c.blmove("src", "dst", ListDirection.RIGHT, ListDirection.LEFT, BLOCK), a -> {
            assertThat(a.lrange("src", 0, -1)).containsExactly("a", "b");
            assertThat(a.lrange("dst", 0, -1)).containsExactly("d1");
        }),
        BLMOVE_LEFT_RIGHT(a -> {
            a.rpush("dst", "d1");
            a.rpush("src", "a", "b");
        }, c -> c.blmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT, BLOCK), a -> {
            assertThat(a.lrange("src", 0, -1)).containsExactly("a", "b");
            assertThat(a.lrange("dst", 0, -1)).containsExactly("d1");
        }),
        BRPOPLPUSH(a -> a.rpush("src", "a", "b"), c -> c.enqueue(Command.create(StringCodec.UTF8, "BRPOPLPUSH",
                ReplyDecoders.value()).key("src").key("dst").arg(30).blocking(BLOCK)), a -> {
            assertThat(a.lrange("src", 0, -1)).containsExactly("a", "b");
            assertThat(a.exists("dst")).isZero();
        }),
        BLMPOP_LEFT(a -> a.rpush("src", "a", "b", "c", "d"), c -> c.blmpop(BLOCK, ListDirection.LEFT, 3, "src"),
                a -> assertThat(a.lrange("src", 0, -1)).containsExactly("a", "b", "c", "d")),
        BLMPOP_RIGHT(a -> a.rpush("src", "a", "b", "c", "d"), c -> c.blmpop(BLOCK, ListDirection.RIGHT, 3, "src"),
                a -> assertThat(a.lrange("src", 0, -1)).containsExactly("a", "b", "c", "d")),
        BZPOPMIN(a -> a.zadd("src", Map.of("a", 1.5, "b", 2.0)), c -> c.bzpopmin(BLOCK, "src"),
                a -> assertThat(a.zrangeWithScores("src", 0, -1))
                        .containsExactly(new ScoredValue<>("a", 1.5), new ScoredValue<>("b", 2.0))),
        BZPOPMAX(a -> a.zadd("src", Map.of("a", 0.1, "b", 0.1 + 0.2)), c -> c.bzpopmax(BLOCK, "src"),
                a -> assertThat(a.zrangeWithScores("src", 0, -1))
                        .containsExactly(new ScoredValue<>("a", 0.1), new ScoredValue<>("b", 0.1 + 0.2))),
        BZMPOP(a -> a.zadd("src", Map.of("a", 1.0, "b", 2.0, "c", 3.0)), c -> c.enqueue(Command.create(
                StringCodec.UTF8, "BZMPOP", ReplyDecoders.raw()).arg(30).arg(1).key("src").arg("MIN").arg("COUNT")
                .arg(2).blocking(BLOCK)), a -> assertThat(a.zrangeWithScores("src", 0, -1)).containsExactly(
                new ScoredValue<>("a", 1.0), new ScoredValue<>("b", 2.0), new ScoredValue<>("c", 3.0)));

        final Consumer<RedisClient<String>> push;
        final java.util.function.Function<AsyncCommands<String>, Response<?>> pop;
        final Consumer<RedisClient<String>> check;

        HeldPop(Consumer<RedisClient<String>> push, java.util.function.Function<AsyncCommands<String>, Response<?>> pop,
                Consumer<RedisClient<String>> check) {
            this.push = push;
            this.pop = pop;
            this.check = check;
        }
    }

    @ParameterizedTest
    @EnumSource(HeldPop.class)
    void itemsPoppedAfterTheCallerGaveUpArePutBackWhereTheyCameFrom(HeldPop kind, RedisServer server) {
        for (RespVersion protocol : RespVersion.values()) {
            admin.flushall();
            try (FaultProxy proxy = FaultProxy.to(server);
                 RedisClient<String> viaProxy = RedisClient.create(proxy.configBuilder().protocol(protocol)
                         .timeout(Duration.ofSeconds(5)).build())) {
                Response<?> pop = kind.pop.apply(viaProxy.async());
                await().atMost(WAIT).until(() -> blockedClients() == 1);
                // The pop's own connection stops forwarding: the server serves the pop, its reply waits in the proxy.
                proxy.blackholeCurrent();
                kind.push.accept(admin);
                await().atMost(WAIT).until(() -> blockedClients() == 0);
                assertThat(pop.cancel(true)).isTrue();
                // The caller's thread gives up and a pooled connection (a new one, through the proxy) finds nothing to
                // unblock; only then is the reply with the items delivered, to the recovery.
                await().atMost(WAIT).until(() -> proxy.connectionCount() == 2);
                proxy.heal();

                awaitPoolWhole(viaProxy);
                kind.check.accept(admin);
            }
        }
    }

    /** How a racing caller gives up. */
    enum GiveUp {
        CANCEL, OR_TIMEOUT, COMPLETE_EXCEPTIONALLY
    }

    /** A blocking pop raced against a push and a give-up; what it received and what is left. */
    enum Race {
        BRPOP_CANCEL(GiveUp.CANCEL), BRPOP_OR_TIMEOUT(GiveUp.OR_TIMEOUT), BLPOP(GiveUp.COMPLETE_EXCEPTIONALLY),
        BLMOVE(GiveUp.OR_TIMEOUT), BLMPOP(GiveUp.CANCEL), BZPOPMIN(GiveUp.CANCEL);

        final GiveUp giveUp;

        Race(GiveUp giveUp) {
            this.giveUp = giveUp;
        }

        Response<?> pop(AsyncCommands<String> async, String key) {
            return switch (this) {
                case BLPOP -> async.blpop(BLOCK, key);
                case BLMOVE -> async.blmove(key, "taken", ListDirection.RIGHT, ListDirection.LEFT, BLOCK);
                case BLMPOP -> async.blmpop(BLOCK, ListDirection.LEFT, 2, key);
                case BZPOPMIN -> async.bzpopmin(BLOCK, key);
                default -> async.brpop(BLOCK, key);
            };
        }

        void push(RedisClient<String> admin, String key, int i) {
            if (this == BZPOPMIN) {
                admin.zadd(key, i, "item-" + i);
            } else {
                admin.rpush(key, "item-" + i);
            }
        }

        @SuppressWarnings("unchecked")
        List<String> received(Object reply) {
            if (reply == null) {
                return List.of();
            }
            return switch (this) {
                case BLMOVE -> List.of((String) reply);
                case BLMPOP -> ((KeyValues<String>) reply).values();
                case BZPOPMIN -> List.of(((KeyValue<ScoredValue<String>>) reply).value().value());
                default -> List.of(((KeyValue<String>) reply).value());
            };
        }

        List<String> left(RedisClient<String> admin, String key) {
            return this == BZPOPMIN ? admin.zrange(key, 0, -1) : admin.lrange(key, 0, -1);
        }
    }

    /** Busy-waits a few microseconds, to shift one side of a race against the other. */
    private static void spin(int n) {
        for (int i = 0; i < n; i++) {
            Thread.onSpinWait();
        }
    }

    @ParameterizedTest
    @EnumSource(Race.class)
    void twoHundredRacesOfGiveUpAgainstPushNeverLoseOrDuplicateAnItem(Race race) throws Exception {
        int rounds = 200;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        List<String> pushed = new ArrayList<>();
        AsyncCommands<String> async = consumer.async();
        for (int i = 0; i < rounds; i++) {
            // A key per round: the pop blocks until this round's push, which races its caller giving up.
            String key = "race:" + i;
            Response<?> pop = race.pop(async, key);
            if (random.nextInt(4) != 0) {
                await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                        .until(() -> blockedClients() >= 1);
            }
            CyclicBarrier start = new CyclicBarrier(2);
            int n = i;
            int pushSpins = random.nextInt(2_000);
            // Mostly the push meets the give-up head on (and the reply beats the caller's thread noticing it);
            // one round in six it comes up to 200 ms later, racing the unblock that follows the give-up (the caller's
            // thread notices it within a 100 ms read slice).
            Executor pushAt = random.nextInt(6) == 0
                    ? CompletableFuture.delayedExecutor(random.nextInt(200), TimeUnit.MILLISECONDS)
                    : Runnable::run;
            CompletableFuture<Void> pusher = CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                spin(pushSpins);
            }).thenRunAsync(() -> race.push(admin, key, n), pushAt);
            pushed.add("item-" + i);
            start.await();
            spin(random.nextInt(2_000));
            switch (race.giveUp) {
                case CANCEL -> pop.cancel(true);
                case OR_TIMEOUT -> pop.orTimeout(random.nextInt(3), TimeUnit.MILLISECONDS);
                default -> pop.completeExceptionally(new IllegalStateException("gave up"));
            }
            pusher.get(10, TimeUnit.SECONDS);
            pop.handle((value, error) -> null).get(10, TimeUnit.SECONDS);
            if (!pop.isCompletedExceptionally()) {
                received.addAll(race.received(pop.join()));
            }
        }
        awaitPoolWhole(consumer);
        await().atMost(WAIT).until(() -> blockedClients() == 0);

        List<String> left = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            left.addAll(race.left(admin, "race:" + i));
        }
        List<String> all = new ArrayList<>(received);
        all.addAll(left);
        assertThat(all).as("received %s, left %s", received.size(), left.size())
                .containsExactlyInAnyOrderElementsOf(pushed);
        if (race == Race.BLMOVE) {
            assertThat(admin.lrange("taken", 0, -1)).containsExactlyInAnyOrderElementsOf(received);
        }
        Leaks.assertRepliesRouted(consumer, 200);
    }
}
