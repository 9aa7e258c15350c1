package io.respkit.commands;

/**
 * Where {@code LINSERT} puts the new element relative to the pivot element.
 *
 * <p>Immutable and thread-safe.
 */
public enum InsertPosition {

    /** Insert just before the pivot ({@code BEFORE}). */
    BEFORE,

    /** Insert just after the pivot ({@code AFTER}). */
    AFTER
}
