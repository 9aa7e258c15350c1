package io.respkit.commands;

/**
 * How {@code FLUSHDB} and {@code FLUSHALL} free memory: before replying, or in the background.
 *
 * <p>Immutable and thread-safe.
 */
public enum FlushMode {

    /** Free the memory before replying ({@code SYNC}). */
    SYNC,

    /** Reply at once and free the memory in a background thread ({@code ASYNC}); the keys are gone either way. */
    ASYNC
}
