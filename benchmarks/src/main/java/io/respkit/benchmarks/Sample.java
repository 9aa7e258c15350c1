package io.respkit.benchmarks;

/**
 * One measured run of one workload by one contender.
 *
 * @param workload the workload, e.g. {@code pipeline_set}
 * @param contender the contender, e.g. {@code jedis}
 * @param operations how many operations completed (commands, iterations or messages, as the workload defines)
 * @param nanos how long the measured part took
 * @param p50Micros median latency per operation in microseconds, {@code NaN} when not measured
 * @param p99Micros 99th percentile latency in microseconds, {@code NaN} when not measured
 * @param bytesPerOp heap bytes allocated (all threads) per operation, {@code NaN} when unknown
 * @param lost items or messages that never arrived, or -1 when the workload cannot lose any
 * @param cpuNanosPerOp CPU time of this JVM (every thread: the client's I/O threads, JIT and GC included) per
 *        operation in nanoseconds, {@code NaN} when unknown or not the client's alone (redis-benchmark)
 */
public record Sample(String workload, String contender, long operations, long nanos, double p50Micros,
                     double p99Micros, double bytesPerOp, long lost, double cpuNanosPerOp) {

    /** A sample without a CPU figure. */
    public Sample(String workload, String contender, long operations, long nanos, double p50Micros,
            double p99Micros, double bytesPerOp, long lost) {
        this(workload, contender, operations, nanos, p50Micros, p99Micros, bytesPerOp, lost, Double.NaN);
    }

    /** @return operations per second */
    public double opsPerSecond() {
        return operations * 1e9 / nanos;
    }
}
