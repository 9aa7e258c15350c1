package io.respkit.commands;

/**
 * The end of a list a command takes from or puts to: {@code LEFT} is the head (index 0), {@code RIGHT} the tail. Used
 * by {@code LMOVE}, {@code BLMOVE}, {@code LMPOP} and {@code BLMPOP}.
 *
 * <p>Immutable and thread-safe.
 */
public enum ListDirection {

    /** The head of the list ({@code LEFT}). */
    LEFT,

    /** The tail of the list ({@code RIGHT}). */
    RIGHT
}
