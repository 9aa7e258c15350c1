package io.respkit.benchmarks;

/**
 * The measured part of a workload: wall time, and allocation and CPU time of every thread of this JVM.
 *
 * <p>Immutable and thread-safe.
 */
record Clock(long startNanos, long startBytes, long startCpu) {

    /** @return a clock started now */
    static Clock start() {
        return new Clock(System.nanoTime(), Allocations.total(), Allocations.cpuNanos());
    }

    /** @return the sample of what ran since {@link #start()}: {@code ops} operations, latency when recorded */
    Sample stop(String workload, String contender, long ops, LatencyRecorder latency, long lost) {
        long nanos = System.nanoTime() - startNanos;
        long bytes = Allocations.total() - startBytes;
        double p50 = latency == null ? Double.NaN : latency.percentileMicros(50);
        double p99 = latency == null ? Double.NaN : latency.percentileMicros(99);
        long cpu = Allocations.cpuNanos() - startCpu;
        return new Sample(workload, contender, ops, nanos, p50, p99, startBytes < 0 ? Double.NaN
                : (double) bytes / Math.max(1, ops), lost, startCpu < 0 ? Double.NaN
                : (double) cpu / Math.max(1, ops));
    }
}
