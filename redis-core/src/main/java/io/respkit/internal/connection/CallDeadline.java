package io.respkit.internal.connection;

/**
 * The moment a caller's whole call must end, for the thread running it: set by a router that may make several
 * attempts (a cluster command following redirects and failovers), read by the socket reads and the multiplexed
 * wait of the attempt in flight, which then end at that moment rather than one full timeout after the attempt began.
 * Without a deadline set (0), reads keep their per-read timeout.
 *
 * <p>Thread-safe: each thread has its own deadline.
 */
public final class CallDeadline {

    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[1]);

    private CallDeadline() {
    }

    /**
     * Sets the calling thread's deadline.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value, or 0 for none
     * @return the deadline it replaces, for {@link #restore(long)}
     */
    public static long set(long deadlineNanos) {
        long[] d = DEADLINE.get();
        long previous = d[0];
        d[0] = deadlineNanos == 0 ? 0 : deadlineNanos | 1; // never 0 by accident
        return previous;
    }

    /**
     * Puts back the deadline {@link #set(long)} replaced.
     *
     * @param previous what {@link #set(long)} returned
     */
    public static void restore(long previous) {
        DEADLINE.get()[0] = previous;
    }

    /**
     * Returns the calling thread's deadline.
     *
     * @return a {@link System#nanoTime()} value, or 0 for none
     */
    public static long get() {
        return DEADLINE.get()[0];
    }
}
