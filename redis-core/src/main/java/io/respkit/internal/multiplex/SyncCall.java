package io.respkit.internal.multiplex;

import io.respkit.exceptions.RedisException;
import io.respkit.commands.Command;
import io.respkit.internal.Errors;
import io.respkit.protocol.ErrorReply;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One command of a caller that waits for its reply on the calling thread: the synchronous path of the multiplexed
 * mode. Lighter than a {@code CompletableFuture}: no waiter nodes, no timed park, no dependent stages, and the
 * reply is decoded by the waiting caller rather than on the reader thread, which serves every caller and is the
 * bottleneck under load.
 *
 * <p>For a large batch of replies, wake-ups are handed on: the reader does not unpark each parked caller itself
 * (each unpark is a system call, and a woken caller tends to preempt the busy reader), it links the parked callers
 * into a chain and unparks the first; each woken caller unparks the next before it returns ({@link #wakeChain}).
 * A small batch is woken directly ({@link #wakeEach}).
 *
 * <p>Thread-safe for its one protocol: created and awaited by one caller thread, completed once by another (see
 * {@link Slot}). The outcome fields are plain; they are published by the volatile write or compare-and-set of
 * {@code state} and read after its volatile read.
 *
 * @param <T> the reply type
 */
final class SyncCall<T> implements Slot {

    private static final int PENDING = 0;
    private static final int PARKED = 1;
    private static final int REPLIED = 2;
    private static final int FAILED = 3;
    /** The caller was interrupted while parked and left; nobody waits for the outcome. */
    private static final int ABANDONED = 4;

    private static final VarHandle STATE;
    /** How long a caller alone on the connection spins before it parks: about two loopback round trips. */
    private static final long SPIN_NANOS = Long.getLong("respkit.mux.spinNanos", 100_000L);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SyncCall.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Command<T> command;
    private final Thread caller = Thread.currentThread();
    private final long submittedAt = System.nanoTime();
    private Object frame;
    private RedisException failure;
    private String address;
    /** The next parked caller of the same batch, which this caller unparks once woken. */
    private SyncCall<?> next;
    private volatile int state;
    /** Set before the call is published to the connection: whether the caller spins before it parks. */
    private boolean spin;

    SyncCall(Command<T> command) {
        this.command = command;
    }

    /** Makes the caller spin briefly before parking; only before the call is submitted. */
    void spinFirst() {
        spin = true;
    }

    @Override
    public Command<?> command() {
        return command;
    }

    @Override
    public long submittedAt() {
        return submittedAt;
    }

    @Override
    public void reply(Object frame, String address) {
        if (!replyOrDefer(frame, address) && STATE.compareAndSet(this, PARKED, REPLIED)) {
            LockSupport.unpark(caller);
        }
    }

    /**
     * Stores the reply; completes the call at once when its caller is not parked.
     *
     * @param frame the raw reply
     * @param address the server address, for messages
     * @return {@code true} when completed; {@code false} when the caller is parked (or has left), and the call
     *         must go through {@link #wakeChain} to complete
     */
    boolean replyOrDefer(Object frame, String address) {
        this.frame = frame;
        this.address = address;
        return STATE.compareAndSet(this, PENDING, REPLIED);
    }

    /**
     * Completes deferred calls, whose replies are stored, and wakes their parked callers as a chain: the first is
     * unparked here, each unparks the next when it wakes. Clears the array slots.
     *
     * @param calls the calls, in reply order
     * @param n how many
     */
    static void wakeChain(SyncCall<?>[] calls, int n) {
        SyncCall<?> head = null;
        for (int i = n - 1; i >= 0; i--) {
            SyncCall<?> c = calls[i];
            calls[i] = null;
            c.next = head; // published by the compare-and-set below
            if (STATE.compareAndSet(c, PARKED, REPLIED)) {
                head = c; // else the caller was interrupted and left: skip it
            }
        }
        if (head != null) {
            LockSupport.unpark(head.caller);
        }
    }

    /**
     * Completes deferred calls, whose replies are stored, and unparks each parked caller; for small batches, where
     * a chain's serial hops cost more than the unparks they save the reader. Clears the array slots.
     *
     * @param calls the calls, in reply order
     * @param n how many
     */
    static void wakeEach(SyncCall<?>[] calls, int n) {
        for (int i = 0; i < n; i++) {
            SyncCall<?> c = calls[i];
            calls[i] = null;
            if (STATE.compareAndSet(c, PARKED, REPLIED)) {
                LockSupport.unpark(c.caller);
            }
        }
    }

    @Override
    public void fail(RedisException cause) {
        this.failure = cause;
        for (;;) {
            int s = state;
            if (s == PENDING && STATE.compareAndSet(this, PENDING, FAILED)) {
                return;
            }
            if (s == PARKED && STATE.compareAndSet(this, PARKED, FAILED)) {
                LockSupport.unpark(caller);
                return;
            }
            if (s != PENDING && s != PARKED) {
                return;
            }
        }
    }

    /**
     * Waits for the outcome. There is no deadline here: the connection's watchdog fails every command once the
     * oldest is overdue, and that completes this call too. An untimed park is markedly cheaper than a timed one (no
     * kernel timer to arm and cancel per command).
     *
     * @return {@code true} when completed, {@code false} when the caller was interrupted first (its interrupt
     *         status is kept)
     */
    boolean await() {
        return await(0);
    }

    /**
     * Like {@link #await()}, but gives up at {@code deadlineNanos} as at an interrupt: the call is abandoned (its
     * reply, when it comes, is dropped) and {@code false} returned with the thread not interrupted.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value, or 0 for none
     * @return {@code true} once completed; {@code false} when interrupted or past the deadline
     */
    boolean await(long deadlineNanos) {
        if (spin) {
            // A caller alone on the connection spins for about one round trip: being woken costs the reader an
            // unpark and this thread a context switch, which on loopback is as long as the round trip itself.
            // With company it parks at once: spinners would take the CPU that the reader and the others need.
            long end = System.nanoTime() + SPIN_NANOS;
            do {
                for (int i = 0; i < 32; i++) {
                    if (state != PENDING) {
                        return true;
                    }
                    Thread.onSpinWait();
                }
            } while (System.nanoTime() - end < 0);
        }
        if (!STATE.compareAndSet(this, PENDING, PARKED)) {
            return true; // completed meanwhile, without a chain
        }
        for (;;) {
            if (deadlineNanos == 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, deadlineNanos - System.nanoTime());
            }
            int s = state;
            if (s == PARKED) {
                // Spurious wake-up, a stray permit, or an interrupt (park returns at once while interrupted).
                if ((Thread.currentThread().isInterrupted()
                        || deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0)
                        && STATE.compareAndSet(this, PARKED, ABANDONED)) {
                    return false;
                }
                continue;
            }
            SyncCall<?> n = next;
            if (n != null) {
                next = null;
                LockSupport.unpark(n.caller); // first, so the chain never waits for this caller's own work
            }
            return true;
        }
    }

    /**
     * Returns the decoded reply; only once {@link #await} returned {@code true}.
     *
     * @return the reply
     * @throws io.respkit.exceptions.RedisServerException for an error reply
     * @throws RedisException the connection's failure, or a decoding failure
     */
    T result() {
        if (state == FAILED) {
            throw failure;
        }
        Object f = frame;
        if (f instanceof ErrorReply error) {
            throw Errors.fromReply(error, command.name(), address);
        }
        return command.decode(f);
    }
}
