package io.respkit;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisServerException;

import io.respkit.commands.Command;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The future result of one command: queued in a {@link Pipeline} or {@link Transaction} (available once it ran),
 * or sent through {@link RedisClient#async()} (available when the reply arrives). It is a
 * {@link CompletableFuture}, so results compose with {@code thenApply}, {@code allOf} and the rest; its
 * {@link #get()} throws unchecked respkit exceptions.
 *
 * <p>Thread-safe, as {@link CompletableFuture} is. Stages attached without {@code Async} may run on respkit's
 * reader thread: keep them short, or use the {@code ...Async} variants.
 *
 * @param <T> the result type
 */
public final class Response<T> extends CompletableFuture<T> {

    private final boolean waits;
    /**
     * The command until it is answered, then only its name (a String the command already holds): a long pipeline
     * releases the arguments of answered commands, and one field less keeps every response at 32 bytes. Not
     * volatile: only the owning pipeline or transaction needs the command, and any other thread reading the field
     * sees either the command or its name, both safely published by their final fields, and either names it.
     */
    private Object command;
    private volatile RedisException failure;

    Response(Command<T> command) {
        this(command, false);
    }

    Response(Command<T> command, boolean waits) {
        this.command = command;
        this.waits = waits;
    }

    /**
     * Returns the command's result. A pipeline or transaction response must have run first; an asynchronous one
     * waits for its reply.
     *
     * @return the decoded result, possibly {@code null}
     * @throws IllegalStateException when the pipeline or transaction has not run yet
     * @throws RedisException the command's own failure: a {@link RedisServerException} for an error reply, a
     *         {@link RedisConnectionException} when the connection failed before its reply was read
     * @throws RedisInterruptedException when the calling thread was interrupted while it waited; the response is
     *         left as it is
     */
    @Override
    public T get() {
        if (!isDone() && !waits) {
            throw new IllegalStateException("The result of " + commandName()
                    + " is not available before the pipeline or transaction has executed");
        }
        try {
            return super.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisInterruptedException("Interrupted while waiting for the reply to " + commandName(), e);
        }
    }

    /**
     * Returns the command's failure, if it failed.
     *
     * @return the failure, or {@code null} when it succeeded or has not run
     */
    public RedisException failure() {
        return failure;
    }

    /**
     * Returns the command name.
     *
     * @return e.g. {@code "SET"}
     */
    public String commandName() {
        Object c = command;
        return c instanceof Command<?> cmd ? cmd.name() : (String) c;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        RedisException e = unwrap(ex);
        if (failure == null && !isDone()) {
            failure = e;
        }
        release();
        return super.completeExceptionally(e);
    }

    @SuppressWarnings("unchecked")
    Command<T> command() {
        Object c = command;
        return c instanceof Command<?> cmd ? (Command<T>) cmd : null;
    }

    boolean completeRaw(Object raw) {
        Command<T> c = command();
        boolean completed;
        try {
            completed = complete(c.decode(raw));
        } catch (RedisException e) {
            completed = completeExceptionally(e);
        }
        release();
        return completed;
    }

    /** Lets a long pipeline release the arguments of an answered command; its name stays for messages. */
    private void release() {
        Object c = command;
        if (c instanceof Command<?> cmd) {
            command = cmd.name();
        }
    }

    void fail(RedisException e) {
        completeExceptionally(e);
    }

    /** Returns the result, or the failure when there is one; for result lists. */
    Object resultOrFailure() {
        RedisException f = failure;
        if (f != null) {
            return f;
        }
        try {
            return getNow(null);
        } catch (java.util.concurrent.CancellationException e) {
            return e; // cancelled by its caller: the list shows it, and it is no command failure
        } catch (java.util.concurrent.CompletionException e) {
            return unwrap(e.getCause());
        }
    }

    private static RedisException unwrap(Throwable t) {
        Throwable cause = t;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RedisException e) {
            return e;
        }
        return new RedisException("Command failed: " + cause, cause);
    }

    @Override
    public String toString() {
        return "Response[" + commandName() + (failure != null ? ", failed" : isDone() ? ", done" : ", pending") + "]";
    }
}
