package io.respkit.benchmarks;

/**
 * Counts latencies in microsecond buckets up to 100 ms (everything slower lands in the last bucket), so recording
 * allocates nothing and costs an array increment.
 *
 * <p>Not thread-safe: one recorder per thread, {@linkplain #merge merged} at the end.
 */
public final class LatencyRecorder {

    static final int BUCKETS = 100_000;

    private final int[] counts = new int[BUCKETS];
    private long total;

    /**
     * Records one latency.
     *
     * @param nanos the latency in nanoseconds
     */
    public void record(long nanos) {
        long micros = nanos / 1_000;
        counts[(int) Math.min(BUCKETS - 1, Math.max(0, micros))]++;
        total++;
    }

    /**
     * Adds another recorder's counts to this one's.
     *
     * @param other the other recorder
     */
    public void merge(LatencyRecorder other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /**
     * Adds {@code n} latencies of one bucket.
     *
     * @param bucket the bucket, in microseconds
     * @param n how many
     */
    void add(int bucket, int n) {
        counts[bucket] += n;
        total += n;
    }

    /** @return how many latencies were recorded */
    public long count() {
        return total;
    }

    /**
     * Returns the latency at a percentile.
     *
     * @param percentile from 0 to 100
     * @return the bucket's upper edge in microseconds, or {@code NaN} when nothing was recorded
     */
    public double percentileMicros(double percentile) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percentile / 100.0));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i + 1;
            }
        }
        return BUCKETS;
    }
}
