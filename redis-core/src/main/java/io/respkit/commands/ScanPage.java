package io.respkit.commands;

import java.util.List;

/**
 * One page of a {@code SCAN}-family iteration: the cursor to continue from and the items of this page. Most code
 * uses the stream-returning {@code scan} methods, which hide the cursor.
 *
 * <p>Immutable when {@code T} is; thread-safe to read.
 *
 * @param cursor the cursor for the next call; {@code "0"} when the iteration is complete
 * @param items the items of this page
 * @param <T> the item type
 */
public record ScanPage<T>(String cursor, List<T> items) {

    /**
     * Returns whether the iteration is complete.
     *
     * @return {@code true} when the cursor is {@code "0"}
     */
    public boolean isFinished() {
        return "0".equals(cursor);
    }
}
