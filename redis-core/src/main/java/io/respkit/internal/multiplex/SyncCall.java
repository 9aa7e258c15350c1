package io.respkit.internal.multiplex;

import io.respkit.RedisException;
import io.respkit.commands.Command;
import io.respkit.internal.Errors;
import io.respkit.protocol.ErrorReply;

import java.util.concurrent.locks.LockSupport;

/**
 * One command of a caller that waits for its reply on the calling thread: the synchronous path of the multiplexed
 * mode. Lighter than a {@code CompletableFuture}: no waiter nodes, no timed-get signaller, no dependent stages, and
 * the reply is decoded by the waiting caller rather than on the reader thread, which serves every caller and is the
 * bottleneck under load.
 *
 * <p>Thread-safe for its one protocol: created and awaited by one caller thread, completed once by another
 * (see {@link Slot}). The outcome fields are plain; they are published by the volatile write of {@code state} and
 * read after its volatile read.
 *
 * @param <T> the reply type
 */
final class SyncCall<T> implements Slot {

    private static final int PENDING = 0;
    private static final int REPLIED = 1;
    private static final int FAILED = 2;

    private final Command<T> command;
    private final Thread caller = Thread.currentThread();
    private final long submittedAt = System.nanoTime();
    private Object frame;
    private RedisException failure;
    private String address;
    private volatile int state;
    /** Set by the caller before it parks; the completer unparks only then (an unpark costs a futex call). */
    private volatile boolean parked;

    SyncCall(Command<T> command) {
        this.command = command;
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
        this.frame = frame;
        this.address = address;
        finish(REPLIED);
    }

    @Override
    public void fail(RedisException cause) {
        this.failure = cause;
        finish(FAILED);
    }

    private void finish(int outcome) {
        state = outcome;
        // Dekker-style with await(): the caller writes parked then reads state, this writes state then reads
        // parked, both volatile, so at least one side sees the other and no wake-up is lost.
        if (parked) {
            LockSupport.unpark(caller);
        }
    }

    /**
     * Waits for the outcome, spinning for up to {@code spins} checks first. There is no deadline here: the
     * connection's watchdog fails every command once the oldest is overdue, and that completes this call too. An
     * untimed park is markedly cheaper than a timed one (no kernel timer to arm and cancel per command).
     *
     * @param spins how many times to check before parking; 0 to park at once
     * @return {@code true} when completed, {@code false} when the caller was interrupted first (its interrupt
     *         status is kept)
     */
    boolean await(int spins) {
        for (int i = 0; i < spins; i++) {
            if (state != PENDING) {
                return true;
            }
            Thread.onSpinWait();
        }
        if (state != PENDING) {
            return true;
        }
        parked = true;
        while (state == PENDING) {
            if (Thread.currentThread().isInterrupted()) {
                return false; // park returns at once while interrupted: never spin on it
            }
            LockSupport.park(this);
        }
        return true;
    }

    /** @return {@code true} once completed */
    boolean isDone() {
        return state != PENDING;
    }

    /**
     * Returns the decoded reply; only once {@link #await} returned {@code true}.
     *
     * @return the reply
     * @throws io.respkit.RedisServerException for an error reply
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
