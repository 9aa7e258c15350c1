package io.respkit.benchmarks;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * {@link LatencyRecorder}'s buckets shared by any number of threads, for workloads with thousands of them (a
 * recorder each would take 400 KB each): recording is an atomic increment.
 *
 * <p>Thread-safe.
 */
final class SharedLatencyRecorder {

    private final AtomicIntegerArray counts = new AtomicIntegerArray(LatencyRecorder.BUCKETS);

    /**
     * Records one latency.
     *
     * @param nanos the latency in nanoseconds
     */
    void record(long nanos) {
        counts.incrementAndGet((int) Math.min(LatencyRecorder.BUCKETS - 1, Math.max(0, nanos / 1_000)));
    }

    /** @return a recorder with the counts so far, for percentiles */
    LatencyRecorder snapshot() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < LatencyRecorder.BUCKETS; i++) {
            int n = counts.get(i);
            if (n > 0) {
                r.add(i, n);
            }
        }
        return r;
    }
}
