package io.respkit.internal;

import io.respkit.commands.Command;

import java.util.concurrent.CompletableFuture;

/**
 * One asynchronous command run on an async worker thread, with what every such call owes the caller who gives up:
 * when the caller completes the response first (cancels it, times it out with {@code orTimeout} or
 * {@code completeOnTimeout}, completes it itself), a command not started yet is never sent, and the worker that
 * waits for its reply is interrupted, which makes it stop waiting within about 100 ms. A blocking pop ({@link
 * PutBacks#isPop}) is run raw so that what it took can be put back: when its reply cannot be decoded, or arrives
 * just as the caller gives up. Where a command runs and how a pop's take is put back, subclasses say.
 *
 * <p>Thread-safe: run once by a worker thread, while any thread may complete its response.
 *
 * @param <T> the reply type
 */
public abstract class WorkerCall<T> implements Runnable {

    private final Command<T> command;
    private final CompletableFuture<T> response;
    /** The worker while it runs the command, the one thread the caller's give-up may interrupt; guarded by this. */
    private Thread runner;
    /** Set once the worker is done with the command, after which it must not be interrupted; guarded by this. */
    private boolean finished;

    /**
     * Ties the call to its response: completing the response stops the worker.
     *
     * @param command the command
     * @param response completed with the decoded reply, or exceptionally with the command's failure
     */
    protected WorkerCall(Command<T> command, CompletableFuture<T> response) {
        this.command = command;
        this.response = response;
        response.whenComplete((value, error) -> giveUp());
    }

    /**
     * Runs the command, unless the caller already gave up, and completes the response. Never throws.
     */
    @Override
    public final void run() {
        synchronized (this) {
            if (response.isDone()) {
                finished = true;
                return; // given up before it started: nothing is sent
            }
            runner = Thread.currentThread();
        }
        try {
            if (!PutBacks.isPop(command)) {
                T value = execute(command);
                done();
                response.complete(value);
                return;
            }
            Object raw = executePop(command);
            done();
            T value;
            try {
                value = command.decode(raw);
            } catch (RuntimeException e) {
                putBack(command, raw); // nobody can have what it took
                throw e;
            }
            if (!response.complete(value)) {
                putBack(command, raw); // the caller gave up while the reply was on its way
            }
        } catch (RuntimeException e) {
            done();
            response.completeExceptionally(e);
        }
    }

    /**
     * Runs a command that is not a blocking pop; an interrupt of the calling thread means the caller gave up.
     *
     * @param command the command
     * @return its decoded reply
     * @throws RuntimeException its failure, which completes the response
     */
    protected abstract T execute(Command<T> command);

    /**
     * Runs a blocking pop and returns its raw reply, unblocking it on the server when the calling thread is
     * interrupted (the caller gave up) while it waits.
     *
     * @param pop the pop
     * @return its raw reply
     * @throws RuntimeException its failure, which completes the response
     */
    protected abstract Object executePop(Command<T> pop);

    /**
     * Puts back what a pop took when nobody can have it. Must not throw: a failure is logged.
     *
     * @param pop the pop
     * @param raw its raw reply
     */
    protected abstract void putBack(Command<T> pop, Object raw);

    /** The caller completed the response, or the worker did: stop a worker that still runs the command. */
    private synchronized void giveUp() {
        if (runner != null && !finished) {
            runner.interrupt();
        }
    }

    /** From now on nobody interrupts the worker; an interrupt that came meanwhile is cleared. */
    private void done() {
        synchronized (this) {
            finished = true;
            runner = null;
        }
        Thread.interrupted(); // only a give-up interrupts a worker thread
    }
}
