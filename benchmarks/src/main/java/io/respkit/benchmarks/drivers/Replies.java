package io.respkit.benchmarks.drivers;

import java.util.Objects;

/**
 * Counting helpers shared by the drivers' reply checks.
 *
 * <p>Thread-safe: stateless.
 */
final class Replies {

    private Replies() {
    }

    /**
     * Counts the replies equal to {@code ok}: {@code "OK"} for Jedis, {@code true} for respkit and Spring Data Redis.
     *
     * @param replies the pipeline's replies
     * @param ok the success reply
     * @return how many replies were a success
     */
    static int count(Iterable<?> replies, Object ok) {
        int n = 0;
        for (Object r : replies) {
            if (Objects.equals(ok, r)) {
                n++;
            }
        }
        return n;
    }
}
