package io.respkit.pubsub;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A thread waiting in {@link Subscriber#next()} (forever) or {@code next(timeout)} honours
 * {@link Thread#interrupt()}: it leaves with {@link RedisInterruptedException} within about 100 ms, its interrupt flag
 * kept, and the subscriber stays usable, so that a listen loop can be stopped by interrupting its thread. RESP2 and
 * RESP3.
 */
@ExtendWith(RedisServerExtension.class)
class SubscriberInterruptIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void anInterruptedReaderLeavesTypedWithItsFlagAndTheSubscriberStaysUsable(RespVersion protocol,
                                                                              RedisServer server) throws Exception {
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
             Subscriber<String> sub = redis.subscriber()) {
            sub.subscribe("intr");
            assertThat(sub.next(WAIT)).isInstanceOf(SubscriptionEvent.class);

            AtomicReference<Thread> reader = new AtomicReference<>();
            CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
                reader.set(Thread.currentThread());
                try {
                    return sub.next();
                } catch (RedisInterruptedException e) {
                    return Thread.currentThread().isInterrupted() ? e : "flag cleared";
                }
            }, threads);
            await().atMost(WAIT).until(() -> reader.get() != null);
            // Let it block in the read (an interrupt that came earlier would be honoured as well).
            await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
            assertThat(outcome).isNotDone();
            reader.get().interrupt();
            assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(RedisInterruptedException.class);

            // Still subscribed, and the next reader gets the next message.
            assertThat(redis.publish("intr", "after")).isEqualTo(1L);
            assertThat(sub.next(WAIT)).isEqualTo(new Message<>("intr", "after"));
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
