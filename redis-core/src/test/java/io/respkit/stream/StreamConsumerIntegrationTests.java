package io.respkit.stream;

import io.respkit.RedisClient;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.PendingEntry;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.XGroupCreateArgs;
import io.respkit.commands.XPendingArgs;
import io.respkit.commands.XReadArgs;
import io.respkit.commands.StreamOffset;
import io.respkit.connection.Backoff;
import io.respkit.exceptions.RedisServerException;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import io.respkit.test.ServerFaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link StreamConsumer} against a real server: delivery and acknowledgement, retries and dead letters, claiming a
 * dead instance's entries, batch order, a lost group, stopping with and without grace, and the resources close ends.
 */
@ExtendWith(RedisServerExtension.class)
class StreamConsumerIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static RedisClient<String> redis;

    @BeforeAll
    static void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private static String key(TestInfo info) {
        String key = "sc:" + info.getTestMethod().orElseThrow().getName();
        redis.del(key, key + ":dead");
        return key;
    }

    private static List<StreamEntryId> add(String stream, int count, String prefix) {
        List<StreamEntryId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(redis.xadd(stream, Map.of("n", prefix + i)));
        }
        return ids;
    }

    private static StreamConsumerBuilder<String> builder(String stream, StreamRecorder recorder) {
        return StreamConsumer.builder(redis).stream(stream).group("g").startId(StreamEntryId.MIN)
                .block(Duration.ofMillis(200)).retryBackoff(Backoff.fixed(Duration.ofMillis(50)))
                .claimIdle(Duration.ofSeconds(30)).reconnectBackoff(Backoff.fixed(Duration.ofMillis(50)))
                .listener(recorder).errorListener(recorder).closeGrace(Duration.ofSeconds(5));
    }

    private static long pending(String stream) {
        return redis.xpending(stream, "g").count();
    }

    @Test
    void handsOnEveryEntryOnceInOrderAndAcknowledgesIt(TestInfo info) {
        String stream = key(info);
        StreamRecorder recorder = new StreamRecorder();
        Queue<StreamMessage<String>> seen = new ConcurrentLinkedQueue<>();
        List<StreamEntryId> before = add(stream, 20, "a");
        try (StreamConsumer<String> consumer = builder(stream, recorder).consumer("c1").handler(seen::add).build()) {
            consumer.start();
            List<StreamEntryId> after = add(stream, 30, "b");
            await().atMost(WAIT).until(() -> recorder.processed.size() == 50);
            List<StreamEntryId> all = new ArrayList<>(before);
            all.addAll(after);
            assertThat(seen).extracting(StreamMessage::id).containsExactlyElementsOf(all);
            assertThat(seen).allSatisfy(m -> {
                assertThat(m.deliveryCount()).isEqualTo(1);
                assertThat(m.stream()).isEqualTo(stream);
            });
            assertThat(seen.peek().field("n")).isEqualTo("a0");
            assertThat(pending(stream)).isZero();
        }
        assertThat(recorder.consumerErrors).isEmpty();
        assertThat(recorder.received).hasValue(50);
    }

    @Test
    void aPoisonEntryIsRetriedThenDeadLetteredWithItsFieldsIntact(TestInfo info) {
        String stream = key(info);
        StreamRecorder recorder = new StreamRecorder();
        Queue<Long> poisonDeliveries = new ConcurrentLinkedQueue<>();
        try (StreamConsumer<String> consumer = builder(stream, recorder).maxAttempts(3).listenerId("billing")
                .handler(m -> {
                    if ("poison".equals(m.field("kind"))) {
                        poisonDeliveries.add(m.deliveryCount());
                        throw new IllegalArgumentException("cannot bill order " + m.field("order"));
                    }
                }).build()) {
            consumer.start();
            add(stream, 5, "ok");
            StreamEntryId poison = redis.xadd(stream, Map.of("kind", "poison", "order", "42", "note", "x y"));
            add(stream, 5, "ok");
            await().atMost(WAIT).until(() -> redis.xlen(stream + ":dead") == 1 && pending(stream) == 0);
            assertThat(poisonDeliveries).containsExactly(1L, 2L, 3L);
            StreamEntry<String> dead = redis.xrange(stream + ":dead").get(0);
            assertThat(dead.fields()).containsEntry("kind", "poison").containsEntry("order", "42")
                    .containsEntry("note", "x y")
                    .containsEntry("dead-letter-stream", stream)
                    .containsEntry("dead-letter-id", poison.toString())
                    .containsEntry("dead-letter-group", "g")
                    .containsEntry("dead-letter-consumer", consumer.consumerNames().get(0))
                    .containsEntry("dead-letter-listener", "billing")
                    .containsEntry("dead-letter-deliveries", "3")
                    .containsEntry("dead-letter-error", IllegalArgumentException.class.getName())
                    .containsEntry("dead-letter-message", "cannot bill order 42");
            assertThat(recorder.processed).hasSize(10).doesNotContain(poison);
            assertThat(recorder.failed).hasValue(3);
            assertThat(recorder.retried).hasValue(2);
            assertThat(recorder.deadLettered).hasValue(1);
            assertThat(recorder.handlerErrors).hasValue(3);
            assertThat(consumer.isRunning()).isTrue();
        }
    }

    @Test
    void aSecondInstanceClaimsTheEntriesAKilledInstanceLeftPending(TestInfo info) {
        String stream = key(info);
        StreamRecorder first = new StreamRecorder();
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        add(stream, 25, "x");
        StreamConsumer<String> dying = builder(stream, first).consumer("dying").batchSize(5).handler(m -> {
            started.incrementAndGet();
            never.await(); // a handler that hangs until the instance is killed
        }).build();
        dying.start();
        await().atMost(WAIT).until(() -> started.get() == 1);
        assertThat(dying.stop(Duration.ZERO)).isTrue();
        dying.close();
        List<PendingEntry> left = redis.xpending(stream, "g", XPendingArgs.of(100));
        assertThat(left).hasSize(5).allSatisfy(p -> assertThat(p.consumer()).isEqualTo("dying"));
        assertThat(first.processed).isEmpty();

        StreamRecorder second = new StreamRecorder();
        Map<StreamEntryId, Long> counts = new ConcurrentHashMap<>();
        try (StreamConsumer<String> rescuer = builder(stream, second).consumer("rescuer")
                .claimIdle(Duration.ofMillis(300)).claimInterval(Duration.ofMillis(100))
                .handler(m -> counts.put(m.id(), m.deliveryCount())).build()) {
            rescuer.start();
            await().atMost(WAIT).until(() -> second.processed.size() == 25 && pending(stream) == 0);
            assertThat(second.claimed.get()).isEqualTo(5);
            // The claimed ones were delivered before; the rest was new.
            assertThat(left).allSatisfy(p -> assertThat(counts.get(p.id())).isEqualTo(2L));
            assertThat(counts.values().stream().filter(c -> c == 1L)).hasSize(20);
        }
    }

    @Test
    void anEntryDeliveredMoreThanMaxAttemptsIsDeadLetteredWithoutBeingHandedOn(TestInfo info) {
        String stream = key(info);
        redis.xgroupCreate(stream, "g", StreamEntryId.MIN, XGroupCreateArgs.NONE.withMkStream());
        StreamEntryId id = redis.xadd(stream, Map.of("n", "crash"));
        // A consumer that brought its process down on this entry three times: three deliveries, never a result.
        redis.xreadgroup("g", "crashed", XReadArgs.count(1), stream, StreamOffset.undelivered());
        redis.xreadgroup("g", "crashed", XReadArgs.count(1), stream, StreamEntryId.MIN);
        redis.xreadgroup("g", "crashed", XReadArgs.count(1), stream, StreamEntryId.MIN);
        AtomicInteger handled = new AtomicInteger();
        StreamRecorder recorder = new StreamRecorder();
        try (StreamConsumer<String> consumer = builder(stream, recorder).maxAttempts(3)
                .claimIdle(Duration.ofMillis(300)).claimInterval(Duration.ofMillis(100))
                .handler(m -> handled.incrementAndGet()).build()) {
            consumer.start();
            await().atMost(WAIT).until(() -> redis.xlen(stream + ":dead") == 1 && pending(stream) == 0);
        }
        assertThat(handled).hasValue(0);
        assertThat(redis.xrange(stream + ":dead").get(0).fields()).containsEntry("n", "crash")
                .containsEntry("dead-letter-id", id.toString()).containsEntry("dead-letter-deliveries", "4")
                .containsEntry("dead-letter-error", IllegalStateException.class.getName());
        assertThat(recorder.deadLettered).hasValue(1);
    }

    @Test
    void binaryValuesAreHandedOnAndDeadLetteredByteForByte(TestInfo info) {
        String stream = key(info);
        RedisClient<byte[]> bytes = redis.withCodec(ByteArrayCodec.INSTANCE);
        byte[] payload = {0, (byte) 0xff, (byte) 0xc3, 0x28, '\r', '\n'};
        Queue<byte[]> seen = new ConcurrentLinkedQueue<>();
        try (StreamConsumer<byte[]> consumer = StreamConsumer.builder(bytes).stream(stream).group("g")
                .startId(StreamEntryId.MIN).block(Duration.ofMillis(200)).maxAttempts(1).handler(m -> {
                    seen.add(m.field("blob"));
                    throw new IllegalStateException("no");
                }).build()) {
            consumer.start();
            bytes.xadd(stream, Map.of("blob", payload));
            await().atMost(WAIT).until(() -> redis.xlen(stream + ":dead") == 1 && pending(stream) == 0);
        }
        assertThat(seen).singleElement().isEqualTo(payload);
        Map<String, byte[]> dead = bytes.xrange(stream + ":dead").get(0).fields();
        assertThat(dead.get("blob")).isEqualTo(payload);
        assertThat(dead.get("dead-letter-deliveries")).asString().isEqualTo("1");
    }

    @Test
    void listenersThatThrowDoNotStopTheConsumer(TestInfo info) {
        String stream = key(info);
        AtomicInteger handled = new AtomicInteger();
        StreamConsumerListener throwing = new StreamConsumerListener() {
            @Override
            public void received(StreamMessage<?> message) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void processed(StreamMessage<?> message, long elapsedNanos) {
                throw new IllegalStateException("metrics down");
            }
        };
        try (StreamConsumer<String> consumer = builder(stream, new StreamRecorder()).listener(throwing)
                .errorListener((m, e) -> {
                    throw new IllegalStateException("alerts down");
                }).handler(m -> {
                    if (handled.incrementAndGet() % 2 == 0) {
                        throw new IllegalArgumentException("every other one fails once");
                    }
                }).build()) {
            consumer.start();
            add(stream, 10, "x");
            await().atMost(WAIT).until(() -> pending(stream) == 0);
            assertThat(consumer.isRunning()).isTrue();
        }
        assertThat(handled.get()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void connectionsKilledMidStreamAreReopenedAndEveryEntryIsHandled(TestInfo info, RedisServer server) {
        String stream = key(info);
        StreamRecorder recorder = new StreamRecorder();
        Map<StreamEntryId, Boolean> handled = new ConcurrentHashMap<>();
        try (StreamConsumer<String> consumer = builder(stream, recorder).concurrency(2).batchSize(5)
                .handler(m -> handled.put(m.id(), true)).build()) {
            consumer.start();
            List<StreamEntryId> ids = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                ids.addAll(add(stream, 200, round + "-"));
                int target = (round + 1) * 150;
                await().atMost(WAIT).until(() -> handled.size() >= target);
                ServerFaults.clientKill(server, "TYPE", "normal");
            }
            await().atMost(WAIT).until(() -> handled.keySet().containsAll(ids) && pending(stream) == 0);
            assertThat(consumer.isRunning()).isTrue();
        }
        assertThat(recorder.consumerErrors).isNotEmpty();
    }

    @Test
    void aRestartedConsumerFirstTakesUpItsOwnPendingEntries(TestInfo info) {
        String stream = key(info);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        add(stream, 4, "x");
        StreamRecorder recorder = new StreamRecorder();
        try (StreamConsumer<String> c = builder(stream, recorder).consumer("same").handler(m -> {
            started.incrementAndGet();
            never.await();
        }).build()) {
            c.start();
            await().atMost(WAIT).until(() -> started.get() == 1);
            c.stop(Duration.ZERO);
        }
        assertThat(pending(stream)).isEqualTo(4);
        Queue<StreamMessage<String>> seen = new ConcurrentLinkedQueue<>();
        try (StreamConsumer<String> c = builder(stream, recorder).consumer("same").handler(seen::add).build()) {
            c.start();
            await().atMost(WAIT).until(() -> seen.size() == 4 && pending(stream) == 0);
            assertThat(seen).extracting(StreamMessage::deliveryCount).containsExactly(2L, 2L, 2L, 2L);
            assertThat(recorder.claimed).hasValue(4);
        }
    }

    @Test
    void batchModeHandsEachWorkerItsEntriesInStreamOrder(TestInfo info) {
        String stream = key(info);
        StreamRecorder recorder = new StreamRecorder();
        Map<String, List<StreamEntryId>> byThread = new ConcurrentHashMap<>();
        AtomicInteger largest = new AtomicInteger();
        try (StreamConsumer<String> consumer = builder(stream, recorder).consumer("b").concurrency(3).batchSize(7)
                .batchHandler(batch -> {
                    largest.accumulateAndGet(batch.size(), Math::max);
                    byThread.computeIfAbsent(Thread.currentThread().getName(), k -> new ArrayList<>())
                            .addAll(batch.stream().map(StreamMessage::id).toList());
                }).build()) {
            consumer.start();
            redis.pipelined(p -> {
                for (int i = 0; i < 500; i++) {
                    p.xadd(stream, Map.of("n", Integer.toString(i)));
                }
            });
            await().atMost(WAIT).until(() -> recorder.processed.size() == 500 && pending(stream) == 0);
        }
        assertThat(largest.get()).isBetween(1, 7);
        assertThat(byThread.values().stream().mapToInt(List::size).sum()).isEqualTo(500);
        byThread.forEach((thread, ids) -> assertThat(ids).as(thread).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void aGroupDeletedWhileRunningIsRecreatedAndConsumptionGoesOn(TestInfo info) {
        String stream = key(info);
        StreamRecorder recorder = new StreamRecorder();
        try (StreamConsumer<String> consumer = builder(stream, recorder).concurrency(2).handler(m -> { }).build()) {
            consumer.start();
            add(stream, 10, "a");
            await().atMost(WAIT).until(() -> recorder.processed.size() == 10);
            assertThat(redis.xgroupDestroy(stream, "g")).isTrue();
            List<StreamEntryId> after = add(stream, 10, "b");
            await().atMost(WAIT).until(() -> recorder.processed.containsAll(after));
            assertThat(recorder.processed).hasSize(20).doesNotHaveDuplicates();
            assertThat(pending(stream)).isZero();
        }
    }

    @Test
    void stopWithGraceLetsTheRunningHandlerFinishAndHandsOnNothingMore(TestInfo info) throws Exception {
        String stream = key(info);
        StreamRecorder recorder = new StreamRecorder();
        CountDownLatch release = new CountDownLatch(1);
        Queue<StreamEntryId> handled = new ConcurrentLinkedQueue<>();
        List<StreamEntryId> ids = add(stream, 3, "x");
        StreamConsumer<String> consumer = builder(stream, recorder).batchSize(3).handler(m -> {
            handled.add(m.id());
            release.await();
        }).build();
        consumer.start();
        await().atMost(WAIT).until(() -> handled.size() == 1);
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> consumer.stop(Duration.ofSeconds(10)));
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> !stopped.isDone());
        release.countDown();
        assertThat(stopped.get()).isTrue();
        assertThat(handled).containsExactly(ids.get(0));
        assertThat(recorder.processed).containsExactly(ids.get(0));
        List<PendingEntry> left = redis.xpending(stream, "g", XPendingArgs.of(10));
        assertThat(left).extracting(PendingEntry::id).containsExactly(ids.get(1), ids.get(2));
        consumer.close();
    }

    @Test
    void stopWithoutGraceInterruptsTheHandlerAndAcknowledgesNothing(TestInfo info) {
        String stream = key(info);
        StreamRecorder recorder = new StreamRecorder();
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch inHandler = new CountDownLatch(1);
        add(stream, 1, "x");
        try (StreamConsumer<String> consumer = builder(stream, recorder).handler(m -> {
            inHandler.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }).build()) {
            consumer.start();
            await().atMost(WAIT).until(() -> inHandler.getCount() == 0);
            assertThat(consumer.stop(Duration.ZERO)).isTrue();
            assertThat(interrupted).isTrue();
            assertThat(consumer.isRunning()).isFalse();
        }
        assertThat(recorder.processed).isEmpty();
        assertThat(recorder.deadLettered).hasValue(0);
        assertThat(redis.xpending(stream, "g", XPendingArgs.of(10))).singleElement()
                .satisfies(p -> assertThat(p.deliveryCount()).isEqualTo(1));
        assertThat(redis.exists(stream + ":dead")).isZero();
    }

    @Test
    void closeEndsEveryThreadAndConnectionAndAStoppedConsumerStartsAgain(TestInfo info) {
        String stream = key(info);
        StreamRecorder recorder = new StreamRecorder();
        long connectionsBefore = clients();
        StreamConsumer<String> consumer = builder(stream, recorder).consumer("t").concurrency(3)
                .handler(m -> { }).build();
        consumer.start();
        await().atMost(WAIT).until(() -> threads(stream) == 3 && clients() == connectionsBefore + 3);
        consumer.stop(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> threads(stream) == 0 && clients() == connectionsBefore);
        consumer.start();
        add(stream, 5, "x");
        await().atMost(WAIT).until(() -> recorder.processed.size() == 5);
        consumer.close();
        consumer.close();
        assertThat(threads(stream)).isZero();
        await().atMost(WAIT).until(() -> clients() == connectionsBefore);
        assertThatThrownBy(consumer::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnreachableServerDoesNotFailTheStartAndCloseStillEndsEveryThread() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StreamRecorder recorder = new StreamRecorder();
        try (RedisClient<String> nowhere = RedisClient.create(io.respkit.connection.RedisConfig.builder()
                .host("127.0.0.1").port(port).build())) {
            StreamConsumer<String> consumer = StreamConsumer.builder(nowhere).stream("sc:nowhere").group("g")
                    .concurrency(2).reconnectBackoff(Backoff.fixed(Duration.ofMillis(20))).listener(recorder)
                    .errorListener(recorder).handler(m -> { }).build();
            consumer.start();
            await().atMost(WAIT).until(() -> recorder.consumerErrors.size() >= 4);
            assertThat(consumer.isRunning()).isTrue();
            consumer.close();
            assertThat(threads("sc:nowhere")).isZero();
        }
    }

    @Test
    void aKeyThatIsNotAStreamFailsTheStart(TestInfo info) {
        String stream = key(info);
        redis.set(stream, "text");
        try (StreamConsumer<String> consumer = builder(stream, new StreamRecorder()).handler(m -> { }).build()) {
            assertThatThrownBy(consumer::start).isInstanceOf(RedisServerException.class)
                    .satisfies(e -> assertThat(((RedisServerException) e).code()).isEqualTo("WRONGTYPE"));
            assertThat(consumer.isRunning()).isFalse();
        } finally {
            redis.del(stream);
        }
    }

    private static long threads(String stream) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("respkit-stream-" + stream + "-")).count();
    }

    private static long clients() {
        return redis.clientList().lines().count();
    }
}
