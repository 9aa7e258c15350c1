package io.respkit.internal.commands;

import java.util.Arrays;

/**
 * The positions of a command's second and later keys, as {@code [count, position...]} in an array that grows as
 * keys are added: created at the second key only, so that a command with one key (most of them) allocates nothing
 * for it. Stateless and thread-safe.
 */
public final class KeyPositions {

    private KeyPositions() {
    }

    /**
     * Returns {@code more}, or a larger copy of it, with room for {@code extra} more positions.
     *
     * @param more the positions so far, or {@code null} before the second key
     * @param extra how many positions are about to be added
     * @return the array to add them to
     */
    public static int[] room(int[] more, int extra) {
        if (more == null) {
            return new int[1 + Math.max(extra, 3)];
        }
        if (more[0] + extra >= more.length) {
            return Arrays.copyOf(more, Math.max(more.length * 2, more[0] + extra + 1));
        }
        return more;
    }
}
