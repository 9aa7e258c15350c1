package io.respkit.spring.listener;

import io.respkit.RedisClient;
import io.respkit.spring.listener.annotation.Channel;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.spring.listener.config.RedisListenerEndpointRegistry;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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

import static io.respkit.spring.listener.ListenerTestSupport.llen;
import static io.respkit.spring.listener.ListenerTestSupport.lrange;
import static io.respkit.spring.listener.ListenerTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith({RedisServerExtension.class, OutputCaptureExtension.class})
class RedisListenerQueueIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static RedisClient<String> client;

    @BeforeAll
    static void connect(RedisServer server) {
        client = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static void lpush(String queue, int from, int toInclusive) {
        for (int start = from; start <= toInclusive; start += 1000) {
            List<Object> args = new ArrayList<>();
            args.add(queue);
            for (int i = start; i <= Math.min(toInclusive, start + 999); i++) {
                args.add("item-" + i);
            }
            client.execute("LPUSH", args.toArray());
        }
    }

    static class BulkListener {

        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();

        @RedisListener(id = "bulk", queue = "bulk", concurrency = "4")
        void on(String item) {
            if (!seen.add(item)) {
                duplicates.incrementAndGet();
            }
            count.incrementAndGet();
        }
    }

    @Test
    void fourWorkersConsumeTenThousandItemsExactlyOnce(RedisServer server) {
        runner(server).withBean(BulkListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            BulkListener l = context.getBean(BulkListener.class);
            lpush("bulk", 1, 10_000);
            await().atMost(WAIT).until(() -> l.count.get() >= 10_000 && llen(client, "bulk") == 0);
            assertThat(l.count.get()).isEqualTo(10_000);
            assertThat(l.seen).hasSize(10_000);
            assertThat(l.duplicates.get()).isZero();
        });
    }

    static class FifoListener {

        final List<String> items = new CopyOnWriteArrayList<>();
        final List<String> sources = new CopyOnWriteArrayList<>();

        @RedisListener(id = "fifo", queue = "${test.fifo-queue}", concurrency = "1")
        void on(String item, @Channel String queue) {
            items.add(item);
            sources.add(queue);
        }
    }

    @Test
    void oneWorkerConsumesInFifoOrder(RedisServer server) {
        runner(server).withBean(FifoListener.class).withPropertyValues("test.fifo-queue=fifo").run(context -> {
            FifoListener l = context.getBean(FifoListener.class);
            lpush("fifo", 1, 300);
            await().atMost(WAIT).until(() -> l.items.size() >= 300);
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                expected.add("item-" + i);
            }
            assertThat(l.items).containsExactlyElementsOf(expected);
            assertThat(l.sources).containsOnly("fifo");
        });
    }

    static class FlakyListener {

        final List<Integer> attempts = new CopyOnWriteArrayList<>();
        final List<String> done = new CopyOnWriteArrayList<>();

        @RedisListener(id = "flaky", queue = "flaky", reliable = true, maxAttempts = "3")
        void on(RedisMessage<String> message) {
            attempts.add(message.attempt());
            if (message.attempt() < 3) {
                throw new IllegalStateException("transient failure " + message.attempt());
            }
            done.add(message.payload());
        }
    }

    @Test
    void reliableHandlerFailingTwiceIsRetriedAndAcknowledged(RedisServer server) {
        runner(server).withBean(FlakyListener.class).run(context -> {
            FlakyListener l = context.getBean(FlakyListener.class);
            QueueListenerContainer container = (QueueListenerContainer) context
                    .getBean(RedisListenerEndpointRegistry.class).getListenerContainer("flaky");
            assertThat(container.processingKey(0)).isEqualTo("flaky:processing:app:flaky:0");
            client.execute("LPUSH", "flaky", "job-1");
            await().atMost(WAIT).until(() -> l.done.contains("job-1")
                    && llen(client, container.processingKey(0)) == 0);
            assertThat(l.attempts).containsExactly(1, 2, 3);
            assertThat(llen(client, "flaky")).isZero();
            assertThat(llen(client, "flaky:dead")).isZero();
        });
    }

    static class PoisonListener {

        final List<Integer> attempts = new CopyOnWriteArrayList<>();

        @RedisListener(id = "poison", queue = "poison", reliable = true, errorHandler = "deadLetterWitness")
        void on(RedisMessage<String> message) {
            attempts.add(message.attempt());
            throw new IllegalStateException("always fails");
        }
    }

    @Test
    void reliableHandlerAlwaysFailingEndsInTheDeadLetterList(RedisServer server) {
        List<String> reported = new CopyOnWriteArrayList<>();
        RedisListenerErrorHandler witness = (id, message, error) ->
                reported.add(id + "|" + message.attempt() + "|" + error.getMessage());
        runner(server).withBean(PoisonListener.class).withPropertyValues("redis.listener.retry.attempts=4",
                "spring.application.name=billing")
                .withBean("deadLetterWitness", RedisListenerErrorHandler.class, () -> witness)
                .run(context -> {
                    PoisonListener l = context.getBean(PoisonListener.class);
                    client.execute("LPUSH", "poison", "pill");
                    await().atMost(WAIT).until(() -> llen(client, "poison:dead") == 1);
                    assertThat(lrange(client, "poison:dead")).containsExactly("pill");
                    assertThat(llen(client, "poison:processing:billing:poison:0")).isZero();
                    assertThat(l.attempts).containsExactly(1, 2, 3, 4);
                    assertThat(reported).containsExactly("poison|4|always fails");
                });
    }

    static class PoisonBeforeGoodListener {

        final List<String> handled = new CopyOnWriteArrayList<>();

        @RedisListener(id = "wrongdead", queue = "wrongdead", reliable = true, maxAttempts = "1")
        void on(String item) {
            if (item.equals("pill")) {
                throw new IllegalStateException("always fails");
            }
            handled.add(item);
        }
    }

    @Test
    void aDeadLetterMoveTheServerRefusesIsLoggedAndTheWorkerGoesOn(RedisServer server, CapturedOutput output) {
        client.set("wrongdead:dead", "not a list");
        try {
            runner(server).withBean(PoisonBeforeGoodListener.class).run(context -> {
                PoisonBeforeGoodListener l = context.getBean(PoisonBeforeGoodListener.class);
                client.execute("LPUSH", "wrongdead", "pill", "good");
                await().atMost(WAIT).until(() -> l.handled.contains("good"));
                // The dead-letter transaction ran, but its LPUSH met WRONGTYPE: said so, not swallowed.
                await().atMost(WAIT).until(() -> output.getOut().contains(
                        "to dead-letter list 'wrongdead:dead' failed: WRONGTYPE"));
                assertThat(llen(client, "wrongdead")).isZero();
                assertThat(llen(client, "wrongdead:processing:app:wrongdead:0")).isZero();
                assertThat(client.type("wrongdead:dead")).isEqualTo("string");
            });
        } finally {
            client.del("wrongdead:dead");
        }
    }

    static class BlockingListener {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> completed = new CopyOnWriteArrayList<>();

        @RedisListener(id = "slow", queue = "slow", reliable = true)
        void on(String item) throws InterruptedException {
            calls.add(item);
            started.countDown();
            release.await();
            completed.add(item);
        }
    }

    @Test
    void itemOfAConsumerStoppedMidItemIsProcessedAfterRestart(RedisServer server) {
        runner(server).withBean(BlockingListener.class).withPropertyValues("redis.listener.shutdown-timeout=300ms")
                .run(context -> {
                    BlockingListener l = context.getBean(BlockingListener.class);
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    QueueListenerContainer container = (QueueListenerContainer) registry.getListenerContainer("slow");
                    client.execute("LPUSH", "slow", "precious");
                    assertThat(l.started.await(10, TimeUnit.SECONDS)).isTrue();

                    registry.stop();
                    assertThat(container.isRunning()).isFalse();
                    // Cut off mid-item: the item waits in the worker's processing list.
                    assertThat(lrange(client, container.processingKey(0))).containsExactly("precious");
                    l.release.countDown();

                    container.start();
                    await().atMost(WAIT).until(() -> l.completed.contains("precious")
                            && llen(client, container.processingKey(0)) == 0);
                    assertThat(l.calls).containsExactly("precious", "precious");
                    assertThat(l.completed).containsExactly("precious");
                    assertThat(llen(client, "slow")).isZero();
                });
    }

    static class RecoveringListener {

        final List<String> items = new CopyOnWriteArrayList<>();

        @RedisListener(id = "recovering", queue = "crashq", reliable = true)
        void on(String item) {
            items.add(item);
        }
    }

    @Test
    void processingListOfACrashedConsumerIsRecoveredButALiveOneIsNot(RedisServer server) {
        // A consumer that crashed mid-work: items in its processing list, no heartbeat key.
        client.execute("LPUSH", "crashq:processing:other-host:recovering:0", "lost-1", "lost-2");
        // A live consumer elsewhere: its heartbeat key exists, so its list must be left alone.
        client.execute("LPUSH", "crashq:processing:alive-host:recovering:0", "busy");
        client.execute("SET", "crashq:consumer:alive-host:recovering:0", "1", "PX", 60_000);
        runner(server).withBean(RecoveringListener.class).run(context -> {
            RecoveringListener l = context.getBean(RecoveringListener.class);
            await().atMost(WAIT).until(() -> l.items.size() >= 2);
            assertThat(l.items).containsExactlyInAnyOrder("lost-1", "lost-2");
            assertThat(llen(client, "crashq:processing:other-host:recovering:0")).isZero();
            assertThat(lrange(client, "crashq:processing:alive-host:recovering:0")).containsExactly("busy");
            // Recovered items were consumed; later ones still flow.
            client.execute("LPUSH", "crashq", "fresh");
            await().atMost(WAIT).until(() -> l.items.contains("fresh"));
            assertThat(l.items).hasSize(3);
        });
    }

    static class GatedListener {

        final AtomicInteger inFlight = new AtomicInteger();
        final CountDownLatch gate = new CountDownLatch(1);
        final List<String> completed = new CopyOnWriteArrayList<>();

        @RedisListener(id = "gated", queue = "gated", concurrency = "2", reliable = true)
        void on(String item) throws InterruptedException {
            inFlight.incrementAndGet();
            gate.await();
            completed.add(item);
        }
    }

    @Test
    void gracefulShutdownCompletesItemsInFlightAndTakesNoMore(RedisServer server) {
        runner(server).withBean(GatedListener.class).withPropertyValues("redis.listener.shutdown-timeout=10s")
                .run(context -> {
                    GatedListener l = context.getBean(GatedListener.class);
                    RedisListenerEndpointRegistry registry = context.getBean(RedisListenerEndpointRegistry.class);
                    QueueListenerContainer container = (QueueListenerContainer) registry.getListenerContainer("gated");
                    client.execute("LPUSH", "gated", "a", "b");
                    await().atMost(WAIT).until(() -> l.inFlight.get() == 2);

                    CompletableFuture<Void> stopping = CompletableFuture.runAsync(registry::stop);
                    await().atMost(WAIT).until(() -> !registry.isRunning());
                    client.execute("LPUSH", "gated", "late");
                    assertThat(stopping).isNotDone();
                    l.gate.countDown();
                    stopping.get(10, TimeUnit.SECONDS);

                    assertThat(l.completed).containsExactlyInAnyOrder("a", "b");
                    assertThat(container.isRunning()).isFalse();
                    assertThat(llen(client, container.processingKey(0))).isZero();
                    assertThat(llen(client, container.processingKey(1))).isZero();
                    assertThat(lrange(client, "gated")).containsExactly("late");
                });
    }

    static class SturdyListener {

        final List<String> items = new CopyOnWriteArrayList<>();

        @RedisListener(id = "sturdy", queue = "sturdy")
        void on(String item) {
            items.add(item);
        }
    }

    @Test
    void workerReconnectsAfterTheServerDropsItsConnection(RedisServer server) {
        runner(server).withBean(SturdyListener.class).run(context -> {
            SturdyListener l = context.getBean(SturdyListener.class);
            client.execute("LPUSH", "sturdy", "before");
            await().atMost(WAIT).until(() -> l.items.contains("before"));

            // Captured once: between two polls the worker is briefly not blocked, and a second look may find none.
            java.util.concurrent.atomic.AtomicReference<String> worker = new java.util.concurrent.atomic.AtomicReference<>();
            await().atMost(WAIT).until(() -> {
                worker.set(blockedWorkerId());
                return worker.get() != null;
            });
            Long killed = (Long) client.execute("CLIENT", "KILL", "ID", worker.get());
            assertThat(killed).isEqualTo(1);

            client.execute("LPUSH", "sturdy", "after");
            await().atMost(WAIT).until(() -> l.items.contains("after"));
            assertThat(l.items).containsExactly("before", "after");
        });
    }

    /** The id of the client blocked in BRPOP on 'sturdy', or null while there is none. */
    private static String blockedWorkerId() {
        String list = (String) client.execute("CLIENT", "LIST");
        for (String line : list.split("\n")) {
            if (line.contains("cmd=brpop") && line.contains("flags=b")) {
                for (String field : line.split(" ")) {
                    if (field.startsWith("id=")) {
                        return field.substring(3);
                    }
                }
            }
        }
        return null;
    }
}
