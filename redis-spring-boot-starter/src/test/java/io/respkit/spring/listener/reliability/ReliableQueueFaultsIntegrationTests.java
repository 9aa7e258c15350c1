package io.respkit.spring.listener.reliability;

import io.respkit.RedisClient;
import io.respkit.spring.listener.ListenerContainerSettings;
import io.respkit.spring.listener.QueueListenerContainer;
import io.respkit.spring.listener.QueueListenerSpec;
import io.respkit.connection.Backoff;
import io.respkit.spring.listener.RedisListenerErrorHandler;
import io.respkit.spring.listener.RedisListenerMetrics;
import io.respkit.spring.listener.RedisMessage;
import io.respkit.spring.listener.RedisMessageHandler;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reliable queue listener never loses an item when its consumer is killed mid-handler: a worker thread
 * interrupted while handling retries the item and goes on consuming, a container stopped without grace leaves the
 * item in its processing list and handles it after restart, and a poison item ends in the dead-letter list after
 * its attempts. Containers are built directly, as {@code @RedisListener(queue = ..., reliable = true)} builds them.
 */
@ExtendWith(RedisServerExtension.class)
class ReliableQueueFaultsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisClient<String> client;
    private QueueListenerContainer container;

    @BeforeEach
    void connect(RedisServer server) {
        client = RedisClient.create(server.config());
        client.flushall();
    }

    @AfterEach
    void close() {
        if (container != null) {
            container.stop();
        }
        client.close();
    }

    static ListenerContainerSettings settings(Duration shutdownTimeout) {
        return new ListenerContainerSettings(Duration.ofMillis(200), shutdownTimeout,
                new Backoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(500)), Duration.ofMillis(20),
                true, 1, 3, false, "test");
    }

    private QueueListenerContainer container(RedisServer server, String queue, int maxAttempts,
            Duration shutdownTimeout, RedisMessageHandler handler, RedisListenerErrorHandler errors) {
        return new QueueListenerContainer(new QueueListenerSpec(queue, queue, 1, true, queue + ":dead", maxAttempts,
                true), handler, errors, server.config(), settings(shutdownTimeout), RedisListenerMetrics.noop());
    }

    private static String text(RedisMessage<byte[]> m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    private void assertNothingLeft(String queue) {
        assertThat(client.llen(queue)).isZero();
        assertThat(client.llen(container.processingKey(0))).isZero();
        assertThat(client.llen(queue + ":dead")).isZero();
    }

    @Test
    void workerInterruptedMidHandlerRetriesTheItemAndKeepsConsuming(RedisServer server) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        List<String> completed = new CopyOnWriteArrayList<>();
        List<String> attempts = new CopyOnWriteArrayList<>();
        container = container(server, "irq", 3, Duration.ofSeconds(3), m -> {
            String item = text(m);
            attempts.add(item + "#" + m.attempt());
            if (item.equals("precious") && m.attempt() == 1) {
                worker.set(Thread.currentThread());
                started.countDown();
                try {
                    never.await(); // the consumer is "killed" here
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a well-behaved handler keeps the interrupt
                    throw e;
                }
            }
            // Every handler waits interruptibly: a leftover interrupt would make it fail at once.
            new CountDownLatch(0).await(1, TimeUnit.MILLISECONDS);
            completed.add(item);
        }, (id, m, e) -> { });
        container.start();
        client.lpush("irq", "precious");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        worker.get().interrupt();
        client.lpush("irq", "next-1", "next-2");

        await().atMost(WAIT).until(() -> completed.size() == 3);
        assertThat(completed).containsExactly("precious", "next-1", "next-2");
        assertThat(attempts).containsExactly("precious#1", "precious#2", "next-1#1", "next-2#1");
        assertNothingLeft("irq");

        // A restart redelivers nothing: every item was acknowledged.
        container.stop();
        container.start();
        client.lpush("irq", "after-restart");
        await().atMost(WAIT).until(() -> completed.contains("after-restart"));
        assertThat(completed).containsExactly("precious", "next-1", "next-2", "after-restart");
        assertNothingLeft("irq");
    }

    @Test
    void containerStoppedWithoutGraceRedeliversTheItemAfterRestart(RedisServer server) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        List<String> completed = new CopyOnWriteArrayList<>();
        List<String> attempts = new CopyOnWriteArrayList<>();
        container = container(server, "cut", 3, Duration.ZERO, m -> {
            String item = text(m);
            attempts.add(item + "#" + m.attempt());
            if (started.getCount() > 0) {
                started.countDown();
                never.await(); // interrupted by the forced stop
            }
            completed.add(item);
        }, (id, m, e) -> { });
        container.start();
        client.lpush("cut", "precious");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        container.stop(); // no grace: the worker is cut off mid-item
        assertThat(container.isRunning()).isFalse();
        assertThat(client.lrange(container.processingKey(0), 0, -1)).containsExactly("precious");
        assertThat(completed).isEmpty();

        container.start();
        await().atMost(WAIT).until(() -> completed.contains("precious"));
        assertThat(attempts).containsExactly("precious#1", "precious#1");
        assertNothingLeft("cut");
    }

    @Test
    void handlerThatIgnoresTheForcedStopIsRedeliveredNotLost(RedisServer server) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> completed = new CopyOnWriteArrayList<>();
        container = container(server, "stubborn", 3, Duration.ofMillis(50), m -> {
            if (started.getCount() > 0) {
                started.countDown();
                // Ignores interrupts and finishes after the stop: its acknowledgement cannot reach the server.
                boolean released = false;
                while (!released) {
                    try {
                        released = release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        // deliberately deaf to the container's interrupt
                    }
                }
            }
            completed.add(text(m));
        }, (id, m, e) -> { });
        container.start();
        client.lpush("stubborn", "precious");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        container.stop();
        assertThat(client.lrange(container.processingKey(0), 0, -1)).containsExactly("precious");
        release.countDown();
        container.start();
        // At least once: handled by the cut-off worker and again after the restart.
        await().atMost(WAIT).until(() -> completed.size() == 2);
        assertThat(completed).containsExactly("precious", "precious");
        assertNothingLeft("stubborn");
    }

    @Test
    void poisonItemEndsInTheDeadLetterListAfterItsAttempts(RedisServer server) {
        List<String> attempts = new CopyOnWriteArrayList<>();
        List<String> reported = new CopyOnWriteArrayList<>();
        List<String> completed = new CopyOnWriteArrayList<>();
        container = container(server, "orders", 4, Duration.ofSeconds(3), m -> {
            attempts.add(text(m) + "#" + m.attempt());
            if (text(m).equals("poison")) {
                throw new IllegalStateException("cannot parse");
            }
            completed.add(text(m));
        }, (id, m, e) -> reported.add(id + "|" + text(m) + "|" + m.attempt() + "|" + e.getMessage()));
        container.start();
        client.lpush("orders", "good-1", "poison", "good-2");

        await().atMost(WAIT).until(() -> completed.size() == 2 && client.llen("orders:dead") == 1);
        assertThat(client.lrange("orders:dead", 0, -1)).containsExactly("poison");
        assertThat(attempts).containsExactly("good-1#1", "poison#1", "poison#2", "poison#3", "poison#4",
                "good-2#1");
        assertThat(reported).containsExactly("orders|poison|4|cannot parse");
        assertThat(client.llen("orders")).isZero();
        assertThat(client.llen(container.processingKey(0))).isZero();
    }
}
