package io.respkit.commands;

/**
 * Options of {@code LPOS}: {@code RANK} (which match to return, negative to search from the tail) and
 * {@code MAXLEN} (how many elements to compare at most). The {@code COUNT} option is a parameter of the
 * list-returning {@code lpos} methods instead, so that the return type says whether one or several positions come
 * back.
 *
 * <pre>{@code client.lpos("list", "c", LPosArgs.rank(-1).maxlen(1000))}</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param rank the rank: 1 for the first match (the server default), 2 for the second, -1 for the last; never 0
 * @param maxlen the most elements to compare, or 0 for the whole list
 */
public record LPosArgs(long rank, long maxlen) {

    /** No options: the first match, searching the whole list. */
    public static final LPosArgs NONE = new LPosArgs(1, 0);

    /**
     * Validates the options.
     *
     * @param rank the rank, never 0
     * @param maxlen the most elements to compare, 0 for all
     * @throws IllegalArgumentException when the rank is 0 or {@code maxlen} is negative
     */
    public LPosArgs {
        if (rank == 0) {
            throw new IllegalArgumentException("rank must not be 0");
        }
        if (maxlen < 0) {
            throw new IllegalArgumentException("maxlen must not be negative");
        }
    }

    /**
     * Returns options starting at the {@code rank}-th match ({@code RANK}).
     *
     * @param rank 1 for the first match, 2 for the second, -1 for the last match, -2 for the one before it
     * @return the options
     * @throws IllegalArgumentException when the rank is 0
     */
    public static LPosArgs rank(long rank) {
        return new LPosArgs(rank, 0);
    }

    /**
     * Returns a copy that compares at most {@code n} elements ({@code MAXLEN}).
     *
     * @param n the most elements to compare, 0 for the whole list
     * @return the options
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public LPosArgs maxlen(long n) {
        return new LPosArgs(rank, n);
    }

    /**
     * Appends the options to a command; the defaults are not sent.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (rank != 1) {
            command.arg("RANK").arg(rank);
        }
        if (maxlen > 0) {
            command.arg("MAXLEN").arg(maxlen);
        }
    }
}
