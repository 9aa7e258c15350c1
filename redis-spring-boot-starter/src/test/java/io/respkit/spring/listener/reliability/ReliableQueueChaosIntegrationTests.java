package io.respkit.spring.listener.reliability;

import io.respkit.RedisClient;
import io.respkit.spring.listener.ListenerContainerSettings;
import io.respkit.spring.listener.QueueListenerContainer;
import io.respkit.spring.listener.QueueListenerSpec;
import io.respkit.connection.Backoff;
import io.respkit.spring.listener.RedisListenerMetrics;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 items through a reliable queue listener with 4 workers while about 5% of handler attempts fail and the
 * container is restarted 3 to 5 times: every item is processed at least once, none ends in the dead-letter list,
 * and an item is processed more than once only when a failure hit it or it was in flight at a restart.
 */
@ExtendWith(RedisServerExtension.class)
class ReliableQueueChaosIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(ReliableQueueChaosIntegrationTests.class);
    private static final int ITEMS = 10_000;
    private static final int BATCHES = 5;
    private static final int MAX_ATTEMPTS = 3;

    private final Map<Integer, AtomicInteger> successes = new ConcurrentHashMap<>();
    private final Set<Integer> failed = ConcurrentHashMap.newKeySet();
    private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<Integer> inFlightAtRestart = ConcurrentHashMap.newKeySet();
    private final AtomicInteger processed = new AtomicInteger();
    private volatile boolean stopping;

    private void handle(int id, int attempt) {
        inFlight.add(id);
        try {
            if (stopping) {
                inFlightAtRestart.add(id);
            }
            // Fails about 5% of attempts, never the last one, so that no item is dead-lettered.
            if (attempt < MAX_ATTEMPTS && ThreadLocalRandom.current().nextInt(100) < 5) {
                failed.add(id);
                throw new IllegalStateException("random failure of item " + id);
            }
            if (successes.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
                processed.incrementAndGet();
            }
        } finally {
            inFlight.remove(id);
        }
    }

    @Test
    void everyItemIsProcessedAtLeastOnceAndExactlyOnceUnlessAFailureOrRestartHitIt(RedisServer server) {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int restarts = 3 + random.nextInt(3);
        // After which batches (0..BATCHES-1) to restart: 'restarts' distinct ones, any but the last.
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
        java.util.Collections.shuffle(order, random);
        Set<Integer> restartAfter = new HashSet<>(order.subList(0, Math.min(restarts, order.size())));
        log.info("chaos seed {}: {} restarts after batches {}", seed, restarts, restartAfter);

        QueueListenerContainer container = new QueueListenerContainer(
                new QueueListenerSpec("chaos", "chaos", 4, true, "chaos:dead", MAX_ATTEMPTS, true),
                m -> handle(Integer.parseInt(new String(m.payload(), StandardCharsets.UTF_8)), m.attempt()),
                (id, m, e) -> { }, server.config(),
                new ListenerContainerSettings(Duration.ofMillis(200), Duration.ofSeconds(5),
                        new Backoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(500)), Duration.ZERO, true,
                        1, MAX_ATTEMPTS, false, "test"),
                RedisListenerMetrics.noop());
        int restarted = 0;
        try (RedisClient<String> client = RedisClient.create(server.config())) {
            client.flushall();
            container.start();
            int perBatch = ITEMS / BATCHES;
            for (int b = 0; b < BATCHES; b++) {
                List<String> batch = new ArrayList<>(perBatch);
                for (int i = b * perBatch; i < (b + 1) * perBatch; i++) {
                    batch.add(Integer.toString(i));
                }
                client.lpush("chaos", batch);
                if (restartAfter.contains(b) || (b == BATCHES - 1 && restarted < restarts)) {
                    int target = b * perBatch + random.nextInt(perBatch / 2);
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                            .until(() -> processed.get() >= target);
                    stopping = true;
                    inFlightAtRestart.addAll(inFlight);
                    container.stop();
                    inFlightAtRestart.addAll(inFlight);
                    stopping = false;
                    container.start();
                    restarted++;
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> processed.get() == ITEMS);
            container.stop();

            assertThat(restarted).isBetween(3, 5);
            assertThat(successes.keySet()).hasSize(ITEMS);
            Set<Integer> duplicated = successes.entrySet().stream().filter(e -> e.getValue().get() > 1)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<Integer> excused = new HashSet<>(failed);
            excused.addAll(inFlightAtRestart);
            assertThat(duplicated).isSubsetOf(excused);
            assertThat(failed).isNotEmpty();
            assertThat(client.llen("chaos")).isZero();
            assertThat(client.llen("chaos:dead")).isZero();
            for (int i = 0; i < 4; i++) {
                assertThat(client.llen(container.processingKey(i))).isZero();
            }
            log.info("chaos: {} items, {} hit by failures, {} in flight at restarts, {} processed twice",
                    ITEMS, failed.size(), inFlightAtRestart.size(), duplicated.size());
        } finally {
            container.stop();
        }
    }
}
