package io.respkit.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated, and CPU time used, by all threads of this JVM since it started (HotSpot's
 * {@link com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes()}), so that a workload's cost counts the
 * client's I/O threads too, not only the caller's.
 *
 * <p>Thread-safe.
 */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private Allocations() {
    }

    /**
     * Returns the total so far.
     *
     * @return bytes allocated by every thread, live or ended, or -1 when the JVM cannot tell
     */
    public static long total() {
        return THREADS.getTotalThreadAllocatedBytes();
    }

    /**
     * Returns the CPU time this JVM used so far, every thread counted.
     *
     * @return nanoseconds, or -1 when the JVM cannot tell
     */
    public static long cpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }
}
