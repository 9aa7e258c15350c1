package io.respkit;

import io.respkit.exceptions.RedisPipelineException;

/**
 * How a {@link Pipeline} behaves.
 *
 * <p>Immutable and thread-safe.
 *
 * @param raiseOnError when {@code true} (the default), {@link Pipeline#execute()} reads every reply and then throws
 *        {@link RedisPipelineException} for the first failed command; when {@code false}, failures are returned as
 *        exception values in the result list
 * @param flushEvery after this many queued commands (default 1000) the pipeline sends them and reads their replies,
 *        so that a pipeline of a million commands keeps bounded memory; a transactional round is sent whole
 * @param transaction when {@code true} (redis-py's {@code pipeline(transaction=True)}), each round of the pipeline
 *        is wrapped in {@code MULTI}/{@code EXEC} and runs atomically; {@code false} by default
 */
public record PipelineOptions(boolean raiseOnError, int flushEvery, boolean transaction) {

    /** Raise on error, flush every 1000 commands, not transactional. */
    public static final PipelineOptions DEFAULT = new PipelineOptions(true, 1000, false);

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when {@code flushEvery} is less than 1
     */
    public PipelineOptions {
        if (flushEvery < 1) {
            throw new IllegalArgumentException("flushEvery must be at least 1");
        }
    }

    /**
     * Options for a pipeline that is not transactional.
     *
     * @param raiseOnError whether to raise on error
     * @param flushEvery commands per round trip, at least 1
     * @throws IllegalArgumentException when {@code flushEvery} is less than 1
     */
    public PipelineOptions(boolean raiseOnError, int flushEvery) {
        this(raiseOnError, flushEvery, false);
    }

    /**
     * Returns a copy with {@code raiseOnError} set.
     *
     * @param raise whether to raise on error
     * @return the options
     */
    public PipelineOptions withRaiseOnError(boolean raise) {
        return new PipelineOptions(raise, flushEvery, transaction);
    }

    /**
     * Returns a copy with {@code flushEvery} set.
     *
     * @param n commands per round trip, at least 1
     * @return the options
     */
    public PipelineOptions withFlushEvery(int n) {
        return new PipelineOptions(raiseOnError, n, transaction);
    }

    /**
     * Returns a copy with {@code transaction} set: each round wrapped in {@code MULTI}/{@code EXEC}.
     *
     * @param on whether rounds are transactional
     * @return the options
     */
    public PipelineOptions withTransaction(boolean on) {
        return new PipelineOptions(raiseOnError, flushEvery, on);
    }
}
