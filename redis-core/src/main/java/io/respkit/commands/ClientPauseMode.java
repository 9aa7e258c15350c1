package io.respkit.commands;

/**
 * What {@code CLIENT PAUSE} holds back. Immutable and thread-safe.
 */
public enum ClientPauseMode {
    /** Every command of ordinary and pub/sub clients (the default). */
    ALL,
    /** Only commands that may write (and {@code EVAL}, {@code PUBLISH}, ...); reads go on. */
    WRITE
}
