package io.respkit.pubsub;

import io.respkit.RedisClient;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The API traps of a tutorial ported from redis-py: {@code next(Duration.ZERO)} polls (like
 * {@code get_message(timeout=0)}) and {@link Subscriber#next()} waits for as long as it takes; confirmations can be
 * skipped (like {@code ignore_subscribe_messages=True}); and closing the subscriber from another thread makes the
 * threads waiting in {@code next} or {@code listen()} return cleanly, with no exception. RESP2 and RESP3.
 */
@ExtendWith(RedisServerExtension.class)
class SubscriberPollAndCloseIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ExecutorService threads;

    @BeforeEach
    void startThreads() {
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("reader threads ended").isTrue();
    }

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        return RedisClient.create(server.configBuilder().protocol(protocol).build());
    }

    private static void awaitSubscribers(RedisClient<String> redis, String channel, long n) {
        await().atMost(WAIT).until(() -> {
            Object reply = redis.execute("PUBSUB", "NUMSUB", channel);
            Object count = reply instanceof Map<?, ?> map ? map.get(channel) : ((List<?>) reply).get(1);
            return Long.valueOf(n).equals(count);
        });
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void zeroTimeoutPollsAndReturnsAtOnce(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol); Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("poll");
            assertThat(sub.next(WAIT)).isInstanceOf(SubscriptionEvent.class);

            // Nothing buffered: null at once (generous bound: "at once" on a loaded machine).
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> sub.next(Duration.ZERO))).isNull();
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> sub.next(Duration.ZERO))).isNull();

            assertThat(redis.execute("PUBLISH", "poll", "hello")).isEqualTo(1L);
            AtomicReference<PubSubMessage<String>> got = new AtomicReference<>();
            await().atMost(WAIT).until(() -> {
                got.set(sub.next(Duration.ZERO));
                return got.get() != null;
            });
            assertThat(got.get()).isEqualTo(new Message<>("poll", "hello"));
            assertThat(sub.next(Duration.ZERO)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void noArgNextWaitsForTheNextMessage(RespVersion protocol, RedisServer server) throws Exception {
        try (RedisClient<String> redis = client(server, protocol); Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("wait");
            assertThat(sub.next()).isEqualTo(new SubscriptionEvent<>(SubscriptionEvent.Kind.SUBSCRIBE, "wait", 1));
            CompletableFuture<PubSubMessage<String>> next = CompletableFuture.supplyAsync(sub::next, threads);
            assertThat(redis.execute("PUBLISH", "wait", "late")).isEqualTo(1L);
            assertThat(next.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(new Message<>("wait", "late"));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void confirmationsCanBeSkippedButReconnectionsAreStillReported(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol);
             Subscriber<String> sub = redis.subscriber().ignoreSubscribeMessages(true)) {
            sub.subscribe("quiet-a", "quiet-b");
            sub.psubscribe("quiet-*");
            awaitSubscribers(redis, "quiet-b", 1);
            assertThat(redis.execute("PUBLISH", "quiet-a", "1")).isEqualTo(2L);
            assertThat(sub.next(WAIT)).isEqualTo(new Message<>("quiet-a", "1"));
            assertThat(sub.next(WAIT)).isEqualTo(new PatternMessage<>("quiet-*", "quiet-a", "1"));

            sub.unsubscribe("quiet-a");
            sub.punsubscribe();
            awaitSubscribers(redis, "quiet-a", 0);
            assertThat(sub.next(Duration.ofMillis(200))).isNull();

            // The subscriber's own notice of a gap is not a confirmation: it is still delivered.
            redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
            PubSubMessage<String> reconnected = sub.next(WAIT);
            assertThat(reconnected).isInstanceOfSatisfying(SubscriptionEvent.class,
                    e -> assertThat(e.kind()).isEqualTo(SubscriptionEvent.Kind.RECONNECTED));
            awaitSubscribers(redis, "quiet-b", 1);
            assertThat(redis.execute("PUBLISH", "quiet-b", "2")).isEqualTo(1L);
            assertThat(sub.next(WAIT)).isEqualTo(new Message<>("quiet-b", "2"));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void closeFromAnotherThreadMakesBlockedReadersReturnCleanly(RespVersion protocol, RedisServer server)
            throws Exception {
        try (RedisClient<String> redis = client(server, protocol)) {
            Subscriber<String> sub = redis.subscriber();
            sub.subscribe("closing");
            assertThat(sub.next(WAIT)).isInstanceOf(SubscriptionEvent.class);
            CompletableFuture<PubSubMessage<String>> timed = CompletableFuture.supplyAsync(
                    () -> sub.next(Duration.ofMinutes(5)), threads);
            CompletableFuture<PubSubMessage<String>> forever = CompletableFuture.supplyAsync(sub::next, threads);
            CompletableFuture<List<PubSubMessage<String>>> listening = CompletableFuture.supplyAsync(() -> {
                List<PubSubMessage<String>> seen = new ArrayList<>();
                for (PubSubMessage<String> m : sub.listen()) {
                    seen.add(m);
                }
                return seen;
            }, threads);
            // Wait until one of them is blocked reading (the others wait for the read lock).
            await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream().anyMatch(t ->
                    t.getState() == Thread.State.RUNNABLE && List.of(t.getStackTrace()).stream()
                            .anyMatch(f -> f.getMethodName().equals("readFrame"))));

            sub.close();

            assertThat(timed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNull();
            assertThat(forever.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNull();
            assertThat(listening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
            // After close: null at once, no exception; the iteration is over.
            assertThat(sub.next(Duration.ofMinutes(5))).isNull();
            assertThat(sub.next()).isNull();
            assertThat(sub.listen().iterator().hasNext()).isFalse();
            assertThat(sub.isOpen()).isFalse();
            awaitSubscribers(redis, "closing", 0);
        }
    }
}
