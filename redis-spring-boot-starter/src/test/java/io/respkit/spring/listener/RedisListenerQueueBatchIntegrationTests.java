package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

import static io.respkit.spring.listener.ListenerTestSupport.llen;
import static io.respkit.spring.listener.ListenerTestSupport.lrange;
import static io.respkit.spring.listener.ListenerTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** {@code @RedisListener(queue = ..., batchSize = ...)} against a real server: order, delivery, stop, fallback. */
@ExtendWith(RedisServerExtension.class)
class RedisListenerQueueBatchIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static RedisClient<String> client;

    @BeforeAll
    static void connect(RedisServer server) {
        client = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @BeforeEach
    void resetCommandStats() {
        client.execute("CONFIG", "RESETSTAT");
    }

    /** LPUSHes {@code item-from .. item-to}, so that {@code item-from} is consumed first. */
    private static void lpush(RedisClient<String> redis, String queue, int from, int toInclusive) {
        for (int start = from; start <= toInclusive; start += 1000) {
            List<Object> args = new ArrayList<>();
            args.add(queue);
            for (int i = start; i <= Math.min(toInclusive, start + 999); i++) {
                args.add("item-" + i);
            }
            redis.execute("LPUSH", args.toArray());
        }
    }

    private static List<String> items(int from, int toInclusive) {
        List<String> expected = new ArrayList<>();
        for (int i = from; i <= toInclusive; i++) {
            expected.add("item-" + i);
        }
        return expected;
    }

    /** How often the server ran {@code command} since the last CONFIG RESETSTAT. */
    static long calls(RedisClient<String> redis, String command) {
        String info = (String) redis.execute("INFO", "commandstats");
        Matcher m = java.util.regex.Pattern.compile("cmdstat_" + command.toLowerCase() + ":calls=(\\d+)")
                .matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static QueueListenerContainer container(org.springframework.context.ApplicationContext context,
            String id) {
        return (QueueListenerContainer) context.getBean(RedisListenerEndpointRegistry.class).getListenerContainer(id);
    }

    static class FifoBatchListener {

        final List<String> items = new CopyOnWriteArrayList<>();

        @RedisListener(id = "fifoBatch", queue = "fifo-batch", batchSize = "${test.batch:50}")
        void on(String item) {
            items.add(item);
        }
    }

    @Test
    void oneWorkerWithBatchesConsumesAThousandItemsInPushedOrder(RedisServer server) {
        lpush(client, "fifo-batch", 1, 1000);
        runner(server).withBean(FifoBatchListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(container(context, "fifoBatch").batchSize()).isEqualTo(50);
            FifoBatchListener l = context.getBean(FifoBatchListener.class);
            await().atMost(WAIT).until(() -> l.items.size() >= 1000);
            assertThat(l.items).containsExactlyElementsOf(items(1, 1000));
            assertThat(llen(client, "fifo-batch")).isZero();
            // 20 full batches, plus whatever idle polls ran since.
            assertThat(calls(client, "blmpop")).isBetween(20L, 200L);
            assertThat(calls(client, "brpop")).isZero();

            lpush(client, "fifo-batch", 1001, 1100);
            await().atMost(WAIT).until(() -> l.items.size() >= 1100);
            assertThat(l.items).containsExactlyElementsOf(items(1, 1100));
        });
    }

    static class BulkBatchListener {

        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger count = new AtomicInteger();

        @RedisListener(id = "bulkBatch", queue = "bulk-batch", concurrency = "4", batchSize = "#{20 + 5}")
        void on(String item) {
            seen.add(item);
            count.incrementAndGet();
        }
    }

    @Test
    void severalWorkersWithBatchesGetEveryItemExactlyOnce(RedisServer server) {
        runner(server).withBean(BulkBatchListener.class).run(context -> {
            assertThat(container(context, "bulkBatch").batchSize()).isEqualTo(25);
            BulkBatchListener l = context.getBean(BulkBatchListener.class);
            lpush(client, "bulk-batch", 1, 10_000);
            await().atMost(WAIT).until(() -> l.count.get() >= 10_000 && llen(client, "bulk-batch") == 0);
            assertThat(l.count.get()).isEqualTo(10_000);
            assertThat(l.seen).hasSize(10_000);
        });
    }

    static class PickyBatchListener {

        final List<String> done = new CopyOnWriteArrayList<>();

        @RedisListener(id = "picky", queue = "picky", batchSize = "10", errorHandler = "pickyWitness")
        void on(String item) {
            if (item.equals("item-5") || item.equals("item-13")) {
                throw new IllegalArgumentException("cannot take " + item);
            }
            done.add(item);
        }
    }

    @Test
    void aFailingItemGoesToTheErrorHandlerAndTheRestOfItsBatchIsHandled(RedisServer server) {
        List<String> reported = new CopyOnWriteArrayList<>();
        RedisListenerErrorHandler witness = (id, message, error) ->
                reported.add(id + "|" + new String(message.payload(), java.nio.charset.StandardCharsets.UTF_8) + "|" + error.getMessage());
        lpush(client, "picky", 1, 20);
        runner(server).withBean(PickyBatchListener.class)
                .withBean("pickyWitness", RedisListenerErrorHandler.class, () -> witness)
                .run(context -> {
                    PickyBatchListener l = context.getBean(PickyBatchListener.class);
                    await().atMost(WAIT).until(() -> l.done.size() + reported.size() >= 20);
                    List<String> expected = items(1, 20);
                    expected.removeAll(List.of("item-5", "item-13"));
                    assertThat(l.done).containsExactlyElementsOf(expected);
                    assertThat(reported).containsExactly("picky|item-5|cannot take item-5",
                            "picky|item-13|cannot take item-13");
                    assertThat(llen(client, "picky")).isZero();
                });
    }

    static class GatedBatchListener {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> calls = new CopyOnWriteArrayList<>();

        @RedisListener(id = "gatedBatch", queue = "gated-batch", batchSize = "10")
        void on(String item) throws InterruptedException {
            calls.add(item);
            started.countDown();
            release.await();
        }
    }

    @Test
    void gracefulStopPutsTheUntouchedRestOfABatchBackInOrder(RedisServer server) {
        lpush(client, "gated-batch", 1, 10);
        runner(server).withBean(GatedBatchListener.class).withPropertyValues("redis.listener.shutdown-timeout=10s")
                .run(context -> {
                    GatedBatchListener l = context.getBean(GatedBatchListener.class);
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    QueueListenerContainer container = container(context, "gatedBatch");
                    assertThat(l.started.await(10, TimeUnit.SECONDS)).isTrue();
                    // The whole batch has left the queue; the handler holds the first item.
                    assertThat(llen(client, "gated-batch")).isZero();

                    CompletableFuture<Void> stopping = CompletableFuture.runAsync(registry::stop);
                    await().atMost(WAIT).until(() -> !registry.isRunning());
                    l.release.countDown();
                    stopping.get(10, TimeUnit.SECONDS);

                    assertThat(container.isRunning()).isFalse();
                    assertThat(l.calls).containsExactly("item-1");
                    // Back at the consumption (right) end, oldest rightmost: as if never taken.
                    assertThat(lrange(client, "gated-batch")).containsExactlyElementsOf(reversed(items(2, 10)));

                    container.start();
                    await().atMost(WAIT).until(() -> l.calls.size() >= 10);
                    assertThat(l.calls).containsExactlyElementsOf(items(1, 10));
                });
    }

    @Test
    void stopThatCutsOffABusyWorkerStillPutsTheUntouchedRestBack(RedisServer server) {
        lpush(client, "gated-batch", 1, 10);
        runner(server).withBean(GatedBatchListener.class).withPropertyValues("redis.listener.shutdown-timeout=200ms")
                .run(context -> {
                    GatedBatchListener l = context.getBean(GatedBatchListener.class);
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    assertThat(l.started.await(10, TimeUnit.SECONDS)).isTrue();

                    // The handler never returns by itself: the stop interrupts it and closes the connection.
                    registry.stop();
                    await().atMost(WAIT).until(() -> llen(client, "gated-batch") == 9);
                    assertThat(l.calls).containsExactly("item-1");
                    assertThat(lrange(client, "gated-batch")).containsExactlyElementsOf(reversed(items(2, 10)));
                });
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    static class ReliableBatchListener {

        final List<String> done = new CopyOnWriteArrayList<>();
        final List<String> attempts = new CopyOnWriteArrayList<>();

        @RedisListener(id = "reliableBatch", queue = "reliable-batch", reliable = true, batchSize = "16",
                maxAttempts = "2")
        void on(RedisMessage<String> message) {
            attempts.add(message.payload() + "#" + message.attempt());
            if (message.payload().equals("item-7")) {
                throw new IllegalStateException("poison");
            }
            done.add(message.payload());
        }
    }

    @Test
    void reliableBatchesPassThroughTheProcessingListAndRetryAckAndDeadLetterPerItem(RedisServer server) {
        lpush(client, "reliable-batch", 1, 100);
        runner(server).withBean(ReliableBatchListener.class).run(context -> {
            ReliableBatchListener l = context.getBean(ReliableBatchListener.class);
            QueueListenerContainer container = container(context, "reliableBatch");
            await().atMost(WAIT).until(() -> l.done.size() >= 99 && llen(client, "reliable-batch:dead") == 1
                    && llen(client, container.processingKey(0)) == 0);
            List<String> expected = items(1, 100);
            expected.remove("item-7");
            assertThat(l.done).containsExactlyElementsOf(expected);
            assertThat(l.attempts).containsSubsequence("item-6#1", "item-7#1", "item-7#2", "item-8#1");
            assertThat(lrange(client, "reliable-batch:dead")).containsExactly("item-7");
            assertThat(llen(client, "reliable-batch")).isZero();
            // One BLMOVE per batch, the rest of each batch taken by pipelined LMOVEs.
            assertThat(calls(client, "lmove")).isGreaterThanOrEqualTo(93);
            assertThat(calls(client, "blmove")).isBetween(7L, 100L);
        });
    }

    static class ReliableGatedListener {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> calls = new CopyOnWriteArrayList<>();

        @RedisListener(id = "reliableGated", queue = "reliable-gated", reliable = true, batchSize = "5")
        void on(String item) throws InterruptedException {
            calls.add(item);
            started.countDown();
            release.await();
        }
    }

    @Test
    void reliableGracefulStopMovesTheUntouchedRestOutOfTheProcessingListInOrder(RedisServer server) {
        lpush(client, "reliable-gated", 1, 5);
        runner(server).withBean(ReliableGatedListener.class)
                .withPropertyValues("redis.listener.shutdown-timeout=10s").run(context -> {
                    ReliableGatedListener l = context.getBean(ReliableGatedListener.class);
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    QueueListenerContainer container = container(context, "reliableGated");
                    assertThat(l.started.await(10, TimeUnit.SECONDS)).isTrue();
                    // The whole batch is in the processing list, newest first.
                    assertThat(lrange(client, container.processingKey(0)))
                            .containsExactlyElementsOf(reversed(items(1, 5)));

                    CompletableFuture<Void> stopping = CompletableFuture.runAsync(registry::stop);
                    await().atMost(WAIT).until(() -> !registry.isRunning());
                    l.release.countDown();
                    stopping.get(10, TimeUnit.SECONDS);

                    assertThat(l.calls).containsExactly("item-1");
                    assertThat(llen(client, container.processingKey(0))).isZero();
                    assertThat(lrange(client, "reliable-gated")).containsExactlyElementsOf(reversed(items(2, 5)));
                });
    }

    @Test
    void reliableBatchOfACutOffWorkerStaysInTheProcessingListAndIsHandledAfterRestart(RedisServer server) {
        lpush(client, "reliable-gated", 1, 5);
        runner(server).withBean(ReliableGatedListener.class)
                .withPropertyValues("redis.listener.shutdown-timeout=200ms").run(context -> {
                    ReliableGatedListener l = context.getBean(ReliableGatedListener.class);
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    QueueListenerContainer container = container(context, "reliableGated");
                    assertThat(l.started.await(10, TimeUnit.SECONDS)).isTrue();

                    registry.stop();
                    // Cut off mid-item: nothing acknowledged, nothing lost.
                    assertThat(lrange(client, container.processingKey(0)))
                            .containsExactlyElementsOf(reversed(items(1, 5)));
                    l.release.countDown();

                    container.start();
                    await().atMost(WAIT).until(() -> l.calls.size() >= 6
                            && llen(client, container.processingKey(0)) == 0);
                    assertThat(l.calls).containsExactly("item-1", "item-1", "item-2", "item-3", "item-4", "item-5");
                    assertThat(llen(client, "reliable-gated")).isZero();
                });
    }

    static class DefaultSizedListener {

        final List<String> items = new CopyOnWriteArrayList<>();

        @RedisListener(id = "defaultSized", queue = "default-sized")
        void on(String item) {
            items.add(item);
        }
    }

    @Test
    void theBatchSizePropertyIsTheDefaultOfListenersThatDoNotSay(RedisServer server) {
        lpush(client, "default-sized", 1, 300);
        runner(server).withBean(DefaultSizedListener.class).withPropertyValues("redis.listener.batch-size=30")
                .run(context -> {
                    assertThat(container(context, "defaultSized").batchSize()).isEqualTo(30);
                    DefaultSizedListener l = context.getBean(DefaultSizedListener.class);
                    await().atMost(WAIT).until(() -> l.items.size() >= 300);
                    assertThat(l.items).containsExactlyElementsOf(items(1, 300));
                    assertThat(calls(client, "blmpop")).isGreaterThanOrEqualTo(10);
                });
    }

    @Test
    void withoutTheBatchSizePropertyListenersTakeOneItemPerBrpop(RedisServer server) {
        lpush(client, "default-sized", 1, 50);
        runner(server).withBean(DefaultSizedListener.class).run(context -> {
            assertThat(container(context, "defaultSized").batchSize()).isEqualTo(1);
            DefaultSizedListener l = context.getBean(DefaultSizedListener.class);
            await().atMost(WAIT).until(() -> l.items.size() >= 50);
            assertThat(l.items).containsExactlyElementsOf(items(1, 50));
            assertThat(calls(client, "blmpop")).isZero();
            assertThat(calls(client, "brpop")).isGreaterThanOrEqualTo(50);
        });
    }

    static class ZeroBatchListener {

        @RedisListener(id = "zeroBatch", queue = "zero", batchSize = "${test.batch:0}")
        void on(String item) {
        }
    }

    @Test
    void aBatchSizeBelowOneFailsTheStartupNamingTheListener(RedisServer server) {
        runner(server).withBean(ZeroBatchListener.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ZeroBatchListener.on")
                    .hasMessageContaining("'zeroBatch'")
                    .hasMessageContaining("batchSize = 0");
        });
        runner(server).withBean(ZeroBatchListener.class).withPropertyValues("test.batch=-3").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("batchSize = -3"));
        runner(server).withBean(DefaultSizedListener.class).withPropertyValues("redis.listener.batch-size=0")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("redis.listener.batch-size must be at least 1");
                });
    }

    static class PubSubBatchListener {

        @RedisListener(channels = "news", batchSize = "10")
        void on(String message) {
        }
    }

    @Test
    void batchSizeOnAPubSubListenerFailsTheStartup(RedisServer server) {
        runner(server).withBean(PubSubBatchListener.class).run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("which only apply to queue listeners"));
    }

    @Test
    void serversWithoutBlmpopAreServedWithBrpopAndRpopCount() {
        // "unknown command" for BLMPOP, as a Redis 6.2 server answers.
        try (RedisProcess old = RedisProcess.start("--rename-command", "BLMPOP", "BLMPOP_RENAMED_BY_TEST");
             RedisClient<String> redis = RedisClient.create(old.config())) {
            lpush(redis, "fifo-batch", 1, 500);
            runner(old).withBean(FifoBatchListener.class).withPropertyValues("test.batch=20").run(context -> {
                FifoBatchListener l = context.getBean(FifoBatchListener.class);
                await().atMost(WAIT).until(() -> l.items.size() >= 500);
                assertThat(l.items).containsExactlyElementsOf(items(1, 500));
                lpush(redis, "fifo-batch", 501, 600);
                await().atMost(WAIT).until(() -> l.items.size() >= 600);
                assertThat(l.items).containsExactlyElementsOf(items(1, 600));
                assertThat(llen(redis, "fifo-batch")).isZero();
                // BRPOP for the first item of each batch, RPOP 19 for the rest: far fewer than 600 round trips.
                assertThat(calls(redis, "rpop")).isBetween(30L, 300L);
                // One RPOP right behind each BRPOP (the latest pair may be mid-way while INFO runs).
                assertThat(calls(redis, "brpop")).isCloseTo(calls(redis, "rpop"), within(1L));
            });
        }
    }

    @Test
    void serversWithoutRpopCountAreServedOneBrpopPerItem() {
        // RPOP fails as well (on Redis < 6.2 with "wrong number of arguments"): nothing may be lost.
        try (RedisProcess old = RedisProcess.start("--rename-command", "BLMPOP", "BLMPOP_RENAMED_BY_TEST",
                "--rename-command", "RPOP", "RPOP_RENAMED_BY_TEST");
             RedisClient<String> redis = RedisClient.create(old.config())) {
            lpush(redis, "fifo-batch", 1, 100);
            runner(old).withBean(FifoBatchListener.class).withPropertyValues("test.batch=20").run(context -> {
                FifoBatchListener l = context.getBean(FifoBatchListener.class);
                await().atMost(WAIT).until(() -> l.items.size() >= 100);
                assertThat(l.items).containsExactlyElementsOf(items(1, 100));
                assertThat(llen(redis, "fifo-batch")).isZero();
            });
        }
    }
}
