package io.respkit.commands;

/**
 * What {@code FUNCTION RESTORE} does with the libraries already loaded.
 *
 * <p>Immutable and thread-safe.
 */
public enum FunctionRestorePolicy {
    /** Add the restored libraries; fail if one of them exists (the server's default). */
    APPEND,
    /** Add the restored libraries, replacing those of the same name. */
    REPLACE,
    /** Delete every library first. */
    FLUSH
}
