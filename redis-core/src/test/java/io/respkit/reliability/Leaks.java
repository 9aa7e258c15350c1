package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.pool.ConnectionPool;
import io.respkit.test.FaultProxy;
import io.respkit.test.ServerFaults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared checks of the reliability tests: no stray threads, the pool whole, and every reply routed to its own
 * caller.
 *
 * <p>Stateless and thread-safe.
 */
final class Leaks {

    private Leaks() {
    }

    /** @return names of live threads started by respkit, a fault proxy or {@link ServerFaults} */
    static List<String> faultThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && (n.startsWith("respkit") || n.startsWith(FaultProxy.THREAD_PREFIX)
                    || n.startsWith(ServerFaults.THREAD_PREFIX))) {
                names.add(n);
            }
        }
        return names;
    }

    /** Waits until no respkit, fault-proxy or server-faults thread runs any more. */
    static void assertNoStrayThreads() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(faultThreads()).isEmpty());
    }

    /** Asserts that nothing is borrowed from the pool. */
    static void assertPoolWhole(ConnectionPool pool) {
        assertThat(pool.stats().active()).as("connections still borrowed: %s", pool.stats()).isZero();
        assertThat(pool.stats().waiters()).isZero();
    }

    /**
     * Runs {@code count} commands with random values and checks that each reply is its own: ECHO of a random value,
     * and SET then GET of a random value on a random key.
     */
    static void assertRepliesRouted(RedisClient<String> redis, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            String value = Long.toHexString(random.nextLong()) + "-" + i;
            if (i % 2 == 0) {
                assertThat(redis.execute("ECHO", value)).isEqualTo(value);
            } else {
                // Per-thread keys: concurrent callers must not overwrite each other's values between SET and GET.
                String key = "routed:" + Thread.currentThread().getId() + ":" + random.nextInt(64);
                assertThat(redis.set(key, value)).isTrue();
                assertThat(redis.get(key)).isEqualTo(value);
            }
        }
    }
}
