package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.pool.ConnectionPool;
import io.respkit.test.FaultProxy;
import io.respkit.test.ServerFaults;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared checks of the reliability tests: the pool whole, every reply routed to its own caller, and the threads
 * {@link NoStrayThreads} watches.
 *
 * <p>Stateless and thread-safe.
 */
final class Leaks {

    private Leaks() {
    }

    /** @return live threads started by respkit, a fault proxy or {@link ServerFaults} */
    static Set<Thread> faultThreadSet() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && (n.startsWith("respkit") || n.startsWith(FaultProxy.THREAD_PREFIX)
                    || n.startsWith(ServerFaults.THREAD_PREFIX))) {
                threads.add(t);
            }
        }
        return threads;
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
