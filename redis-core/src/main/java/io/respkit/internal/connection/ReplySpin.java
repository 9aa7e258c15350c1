package io.respkit.internal.connection;


import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a caller alone in the JVM wait for the first bytes of its reply by polling the socket, for a round trip at
 * most, instead of parking in the kernel at once.
 *
 * <p>Not thread-safe: one per connection, used by the caller that owns the connection. The count of spinning
 * callers is shared by the JVM.
 *
 * <p>Why: a caller that parks lets its CPU go idle; on a virtual machine waking an idle vCPU for the reply costs
 * about as much as the loopback round trip itself (measured: 65 µs per command parked, about 30 µs spinning). A
 * spinning caller keeps its CPU awake, so the reply is seen the moment it lands. Spinning takes a CPU, so a caller
 * spins only when no other caller in the JVM waits for a reply (with company, the server and the others need the CPUs), never on a
 * single-CPU machine, and a connection whose replies repeatedly take longer than the spin (a remote server, a slow
 * command, a blocking pop on an empty queue) stops spinning for a while: it spins only where the round trip is short.
 */
public final class ReplySpin {

    /** The longest spin: about two loopback round trips; far shorter than any network round trip worth parking for. */
    static final long SPIN_NANOS = Long.getLong("respkit.replySpinNanos", 50_000L);

    /** A spinner that never spins. */
    static final ReplySpin NEVER = new ReplySpin(false);

    private static final boolean ENABLED = SPIN_NANOS > 0 && Runtime.getRuntime().availableProcessors() > 1;
    /** Callers of every connection now waiting for a reply (spinning or parked). */
    private static final AtomicInteger WAITING = new AtomicInteger();
    /** After a spin that saw nothing, this many replies are waited for by parking before the next spin. */
    private static final int BACK_OFF = 64;

    private final boolean enabled;
    private final long spinNanos;
    /** {@link #WAITING}, or a test's own count, so that a test never sees the rest of the JVM's callers. */
    private final AtomicInteger waiting;
    private int skip;
    /** Whether this connection's caller is counted in {@link #WAITING}. */
    private boolean counted;

    ReplySpin() {
        this(ENABLED);
    }

    /** For tests: a spinner that spins, or not, whatever the machine. */
    ReplySpin(boolean enabled) {
        this(enabled, SPIN_NANOS);
    }

    private ReplySpin(boolean enabled, long spinNanos) {
        this(enabled, spinNanos, WAITING);
    }

    /**
     * For tests: a spinner with its own longest spin (a test on a busy machine must not race the clock) and its own
     * count of waiting callers (the rest of the test JVM's callers must not count).
     */
    ReplySpin(boolean enabled, long spinNanos, AtomicInteger waiting) {
        this.enabled = enabled;
        this.spinNanos = spinNanos;
        this.waiting = waiting;
    }

    /**
     * Spins until bytes are readable from {@code in}, or for {@link #SPIN_NANOS} at most, when no other caller in the
     * JVM waits for a reply and this connection's recent replies came within a spin. Returns at once otherwise.
     * Never reads. Must be followed by {@link #done()} once the reply was read (or the read failed).
     *
     * <p>A blocking command ({@code BRPOP} on a busy queue answers at once) may spin too, but is never counted as
     * company: a listener parked for seconds in {@code BLMPOP} must not stop the rest of the JVM from spinning.
     *
     * @param in the socket's input
     * @param blocking whether the command whose reply is awaited may block on the server
     */
    void await(InputStream in, boolean blocking) {
        if (!enabled) {
            return;
        }
        if (blocking) {
            if (waiting.get() == 0) {
                spin(in);
            }
            return;
        }
        counted = true;
        if (waiting.getAndIncrement() == 0) {
            spin(in);
        }
    }

    /**
     * Spins, as {@link #await} does for a blocking command, until a frame the server pushes of its own accord (a
     * pub/sub message) is readable: when no caller in the JVM waits for a reply, and this connection's recent
     * frames came within a spin. Never counted as company.
     *
     * @param in the socket's input
     */
    void awaitPush(InputStream in) {
        if (enabled && waiting.get() == 0) {
            spin(in);
        }
    }

    private void spin(InputStream in) {
        if (skip > 0) {
            skip--;
            return;
        }
        try {
            long end = System.nanoTime() + spinNanos;
            while (in.available() == 0) {
                if (System.nanoTime() - end >= 0 || Thread.currentThread().isInterrupted()) {
                    skip = BACK_OFF;
                    return;
                }
                Thread.onSpinWait();
            }
        } catch (IOException e) {
            // the read that follows reports the failure
        }
    }

    /**
     * Returns whether a caller waits for a reply on a pooled or dedicated connection now: a caller of the
     * multiplexed connection then parks rather than spins, as two spinners would take both CPUs of a small machine
     * from the server.
     *
     * @return {@code true} when some caller in the JVM is counted as waiting
     */
    public static boolean othersWaiting() {
        return WAITING.get() != 0;
    }

    /** The reply awaited by {@link #await} was read, or its read failed. */
    void done() {
        if (counted) {
            counted = false;
            waiting.decrementAndGet();
        }
    }
}
