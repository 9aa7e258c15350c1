package io.respkit.stream;

import io.respkit.RedisClient;
import io.respkit.connection.Backoff;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 10,000 entries through three {@link StreamConsumer} instances of two workers each, while handlers fail at random
 * and instances are stopped without grace (their handlers interrupted, their connections cut) or with a short one
 * and replaced, under the same consumer names or new ones. Every entry is processed at least once; an entry that no
 * failure touched (no handler failure, no successful handling whose acknowledgement a stop cut off) exactly once;
 * nothing is left pending; no thread is left running.
 */
@ExtendWith(RedisServerExtension.class)
class StreamConsumerChaosIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumerChaosIntegrationTests.class);
    private static final int ENTRIES = 10_000;
    private static final int INSTANCES = 3;
    private static final int RESTARTS = 15;
    private static final String STREAM = "sc:chaos";

    private static RedisClient<String> redis;

    @BeforeAll
    static void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
        redis.del(STREAM, STREAM + ":dead");
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    /** What happened to each entry, by its number. */
    private static final class Ledger implements StreamConsumerListener, StreamErrorListener {
        final AtomicIntegerArray successes = new AtomicIntegerArray(ENTRIES);
        final AtomicIntegerArray failures = new AtomicIntegerArray(ENTRIES);
        final AtomicIntegerArray acks = new AtomicIntegerArray(ENTRIES);
        final AtomicIntegerArray dead = new AtomicIntegerArray(ENTRIES);
        final AtomicInteger acked = new AtomicInteger();
        final List<Throwable> consumerErrors = java.util.Collections.synchronizedList(new ArrayList<>());

        static int number(StreamMessage<?> m) {
            return Integer.parseInt((String) m.field("n"));
        }

        void handle(StreamMessage<String> m) {
            int n = number(m);
            if (ThreadLocalRandom.current().nextInt(100) < 3) {
                failures.incrementAndGet(n);
                throw new IllegalStateException("random failure of entry " + n);
            }
            successes.incrementAndGet(n);
        }

        @Override
        public void processed(StreamMessage<?> message, long elapsedNanos) {
            acked.incrementAndGet();
            acks.incrementAndGet(number(message));
        }

        @Override
        public void deadLettered(StreamMessage<?> message, String deadLetterStream) {
            dead.incrementAndGet(number(message));
        }

        /**
         * Entries handled successfully or dead-lettered. Not the acknowledgements seen: a stop that cuts the
         * connection after the server ran an {@code XACK} but before its reply came leaves the entry acknowledged
         * without the consumer knowing (it then counts as touched below).
         */
        int done() {
            int done = 0;
            for (int n = 0; n < ENTRIES; n++) {
                done += successes.get(n) > 0 || dead.get(n) > 0 ? 1 : 0;
            }
            return done;
        }

        @Override
        public void onError(StreamMessage<?> message, Throwable error) {
            if (message == null) {
                consumerErrors.add(error);
            }
        }
    }

    private static StreamConsumer<String> consumer(String name, Ledger ledger) {
        return StreamConsumer.builder(redis).stream(STREAM).group("g").startId(io.respkit.commands.StreamEntryId.MIN)
                .consumer(name).concurrency(2).batchSize(20).maxAttempts(10)
                .block(Duration.ofMillis(100)).retryBackoff(Backoff.fixed(Duration.ofMillis(20)))
                .claimIdle(Duration.ofSeconds(1)).claimInterval(Duration.ofMillis(200))
                .reconnectBackoff(Backoff.fixed(Duration.ofMillis(20)))
                .handler(ledger::handle).listener(ledger).errorListener(ledger).closeGrace(Duration.ZERO).build();
    }

    @Test
    void everyEntryIsProcessedAtLeastOnceAndExactlyOnceWhereNoFailureTouchedIt() {
        long seed = System.nanoTime();
        log.info("Chaos seed {}", seed);
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        redis.del(STREAM, STREAM + ":dead");
        redis.pipelined(p -> {
            for (int i = 0; i < ENTRIES; i++) {
                p.xadd(STREAM, Map.of("n", Integer.toString(i), "payload", "entry " + i));
            }
        });
        List<StreamConsumer<String>> running = new ArrayList<>();
        int fresh = 0;
        for (int i = 0; i < INSTANCES; i++) {
            running.add(consumer("i" + i, ledger));
            running.get(i).start();
        }
        try {
            int stoppedWithoutGrace = 0;
            for (int r = 0; r < RESTARTS; r++) {
                int target = Math.min(ENTRIES - 200, (r + 1) * ENTRIES / (RESTARTS + 2));
                await().atMost(Duration.ofSeconds(20)).until(() -> ledger.acked.get() >= target);
                int victim = random.nextInt(INSTANCES);
                StreamConsumer<String> old = running.get(victim);
                boolean noGrace = random.nextBoolean();
                stoppedWithoutGrace += noGrace ? 1 : 0;
                assertThat(old.stop(noGrace ? Duration.ZERO : Duration.ofMillis(200))).isTrue();
                old.close();
                // Half the time the replacement has the same names (it takes up its own pending entries at once),
                // else new ones (the old names' pending entries wait for a claim).
                String name = random.nextBoolean() ? "i" + victim : "fresh" + fresh++;
                StreamConsumer<String> replacement = consumer(name, ledger);
                running.set(victim, replacement);
                replacement.start();
            }
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> ledger.done() == ENTRIES && redis.xpending(STREAM, "g").count() == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                List<Integer> missing = new ArrayList<>();
                for (int n = 0; n < ENTRIES && missing.size() < 20; n++) {
                    if (ledger.successes.get(n) == 0 && ledger.dead.get(n) == 0) {
                        missing.add(n);
                    }
                }
                throw new AssertionError("done " + ledger.done() + ", pending " + redis.xpending(STREAM, "g")
                        + ", missing " + missing + ", consumer errors " + ledger.consumerErrors, e);
            }
            log.info("Chaos: {} restarts ({} without grace), {} acknowledgements for {} entries", RESTARTS,
                    stoppedWithoutGrace, ledger.acked.get(), ENTRIES);
        } finally {
            running.forEach(StreamConsumer::close);
        }

        int touched = 0;
        int dead = 0;
        for (int n = 0; n < ENTRIES; n++) {
            int successes = ledger.successes.get(n);
            int failures = ledger.failures.get(n);
            int acks = ledger.acks.get(n);
            dead += ledger.dead.get(n) > 0 ? 1 : 0;
            assertThat(successes + ledger.dead.get(n)).as("entry %d handled or dead-lettered", n).isPositive();
            assertThat(acks).as("entry %d acknowledged only after a success", n).isLessThanOrEqualTo(successes);
            if (failures == 0 && acks == successes) {
                assertThat(successes).as("entry %d, untouched by failures, handled exactly once", n).isEqualTo(1);
            } else {
                touched++;
            }
        }
        log.info("Chaos: {} entries touched by a failure or a cut-off acknowledgement, {} dead-lettered", touched,
                dead);
        assertThat(redis.xpending(STREAM, "g").count()).isZero();
        assertThat(ledger.consumerErrors).isEmpty();
        assertThat(touched).isLessThan(ENTRIES / 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("respkit-stream-" + STREAM + "-")));
    }
}
