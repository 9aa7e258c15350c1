package io.respkit.pool;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ConnectionPool}'s bounds, kept by respkit with {@code java.util.concurrent} instead of by commons-pool2, whose
 * bound is kept in monitors: a borrower holds one of {@code maxTotal} leases from before it looks for a connection
 * until it has given it back ({@link #enter}, {@link #leave}), and a connection is opened only while fewer than
 * {@code maxTotal} are open or being opened ({@link #reserve}, {@link #gone}). A borrower that finds the pool full
 * waits for a lease on a fair {@link Semaphore}, which parks a virtual thread without pinning its carrier, in
 * arrival order, but for a bounded number of leases taken by borrowers that came when one was free
 * ({@link #BARGES_PER_HANDOFF}); nobody waits inside commons-pool2. See {@link ConnectionPool}'s class comment for
 * why this keeps every caller out of commons-pool2's monitor waits.
 *
 * <p>Thread-safe.
 */
final class PoolGate {

    /** Thrown by the factory when {@code maxTotal} connections are open: preallocated, without a stack trace. */
    static final Exception AT_CAPACITY = new AtCapacity();

    private final int maxTotal;
    private final Semaphore leases;
    /**
     * How many leases in a row a borrower that did not wait may take while others wait, before the longest waiter
     * gets the next one. Taking a lease given back at once spares a platform thread two context switches, which on
     * loopback cost more than the command (64 threads on a pool of 16: 61k GET/s against 43k when every lease goes to
     * the longest waiter); bounding it keeps every waiter moving at a fifth of the pool's pace at least, where a pool
     * that lets every newcomer in first (commons-pool2's) left some of 2,000 virtual threads waiting out maxWait.
     */
    static final int BARGES_PER_HANDOFF = 4;

    private final AtomicInteger barges = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Connections open or being opened. */
    private final AtomicInteger open = new AtomicInteger();

    PoolGate(int maxTotal) {
        this.maxTotal = maxTotal;
        this.leases = new Semaphore(maxTotal, true);
    }

    /** @return the most connections open at once, and the most leases out at once */
    int maxTotal() {
        return maxTotal;
    }

    /**
     * Takes a lease, waiting until {@code deadline} for one to be given back: a free one at once unless waiters
     * were passed over {@link #BARGES_PER_HANDOFF} times since one was served, else in turn. A thread whose interrupt
     * flag is already set still gets a lease that is free now (as it would get an idle connection): what it then
     * runs decides how the interrupt is reported.
     *
     * @param deadline a {@link System#nanoTime()} not to wait past
     * @return {@code true} with a lease; {@code false} when none came free in time
     * @throws InterruptedException when the thread was interrupted while it waited
     */
    boolean enter(long deadline) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            if (leases.tryAcquire()) {
                return true;
            }
            throw new InterruptedException();
        }
        // tryAcquire() takes a free lease even on a fair semaphore, ahead of the waiters: counted, and bounded.
        if (barges.get() < BARGES_PER_HANDOFF && leases.tryAcquire()) {
            if (leases.hasQueuedThreads()) {
                barges.incrementAndGet();
            }
            return true;
        }
        boolean got = leases.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (got) {
            barges.set(0);
        }
        return got;
    }

    /** Gives a lease back, once its connection is back (in the slot, idle in commons-pool2, or destroyed). */
    void leave() {
        leases.release();
    }

    /**
     * The pool closed: one lease more, for the longest waiter, which finds the pool closed and gives it back as it
     * fails, to the next waiter, and so on; nobody waits out {@code maxWait} on a closed pool. Once only.
     */
    void close() {
        if (closed.compareAndSet(false, true)) {
            leases.release();
        }
    }

    /** @return how many borrowers wait for a lease */
    int waiters() {
        return leases.getQueueLength();
    }

    /**
     * Counts a connection about to be opened, unless {@code maxTotal} are open or being opened.
     *
     * @throws Exception {@link #AT_CAPACITY} when the pool is full
     */
    void reserve() throws Exception {
        for (;;) {
            int n = open.get();
            if (n >= maxTotal) {
                throw AT_CAPACITY;
            }
            if (open.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    /** A connection counted by {@link #reserve} was destroyed, or failed to open. */
    void gone() {
        open.decrementAndGet();
    }

    /** A full pool, told to a borrower holding a lease: another connection is idle or on its way back. */
    private static final class AtCapacity extends Exception {
        private static final long serialVersionUID = 1L;

        AtCapacity() {
            super("the pool has maxTotal connections open", null, false, false);
        }
    }
}
