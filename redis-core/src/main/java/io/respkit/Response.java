package io.respkit;

import io.respkit.commands.Command;

/**
 * The future result of one command queued in a {@link Pipeline} or {@link Transaction}, available once the
 * pipeline or transaction has run.
 *
 * <p>Not thread-safe: read it on the thread that ran the pipeline, after it ran.
 *
 * @param <T> the result type
 */
public final class Response<T> {

    private static final Object PENDING = new Object();

    private final String commandName;
    private Command<T> command;
    private Object value = PENDING;
    private RedisException failure;

    Response(Command<T> command) {
        this.command = command;
        this.commandName = command.name();
    }

    /**
     * Returns the command's result.
     *
     * @return the decoded result, possibly {@code null}
     * @throws IllegalStateException when the pipeline or transaction has not run yet
     * @throws RedisException the command's own failure: a {@link RedisServerException} for an error reply, a
     *         {@link RedisConnectionException} when the connection failed before its reply was read
     */
    @SuppressWarnings("unchecked")
    public T get() {
        if (failure != null) {
            throw failure;
        }
        if (value == PENDING) {
            throw new IllegalStateException("The result of " + commandName
                    + " is not available before the pipeline or transaction has executed");
        }
        return (T) value;
    }

    /**
     * Returns whether the command has a result or a failure.
     *
     * @return {@code true} once it ran
     */
    public boolean isDone() {
        return failure != null || value != PENDING;
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
        return commandName;
    }

    Command<T> command() {
        return command;
    }

    void complete(Object raw) {
        try {
            value = command.decode(raw);
        } catch (RedisException e) {
            failure = e;
        }
        command = null; // lets a long pipeline release its arguments once answered
    }

    void fail(RedisException e) {
        failure = e;
        command = null;
    }

    /** Returns the result, or the failure when there is one; for result lists. */
    Object resultOrFailure() {
        return failure != null ? failure : value;
    }

    @Override
    public String toString() {
        return "Response[" + commandName + (failure != null ? ", failed" : isDone() ? ", done" : ", pending") + "]";
    }
}
