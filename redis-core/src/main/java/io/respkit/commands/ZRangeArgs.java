package io.respkit.commands;

/**
 * Options of the by-score and by-lex forms of {@code ZRANGE}: {@code REV} (highest first) and
 * {@code LIMIT offset count}.
 *
 * <pre>{@code
 * redis.zrangeByScore("board", "(100", "+inf", ZRangeArgs.limit(0, 10));  // first ten above 100
 * redis.zrangeByScore("board", 0, 200, ZRangeArgs.REV.withLimit(1, 2));   // 2nd and 3rd highest in [0, 200]
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code with...} method returns a new instance.
 *
 * @param reverse whether to return the highest scores (or last members lexicographically) first ({@code REV})
 * @param offset how many matching members to skip ({@code LIMIT offset}), at least 0
 * @param count how many members to return at most ({@code LIMIT ... count}); negative for all after the offset
 */
public record ZRangeArgs(boolean reverse, long offset, long count) {

    /** No options: ascending, no limit. */
    public static final ZRangeArgs NONE = new ZRangeArgs(false, 0, -1);
    /** {@code REV}: descending, no limit. */
    public static final ZRangeArgs REV = new ZRangeArgs(true, 0, -1);

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when the offset is negative
     */
    public ZRangeArgs {
        if (offset < 0) {
            throw new IllegalArgumentException("ZRANGE LIMIT offset must not be negative");
        }
    }

    /**
     * Returns ascending options with {@code LIMIT offset count}.
     *
     * @param offset how many matching members to skip, at least 0
     * @param count how many to return at most; negative for all after the offset
     * @return the options
     * @throws IllegalArgumentException when the offset is negative
     */
    public static ZRangeArgs limit(long offset, long count) {
        return new ZRangeArgs(false, offset, count);
    }

    /** @return a copy that returns the highest first ({@code REV}) */
    public ZRangeArgs reversed() {
        return new ZRangeArgs(true, offset, count);
    }

    /**
     * Returns a copy with {@code LIMIT offset count}.
     *
     * @param newOffset how many matching members to skip, at least 0
     * @param newCount how many to return at most; negative for all after the offset
     * @return the options
     * @throws IllegalArgumentException when the offset is negative
     */
    public ZRangeArgs withLimit(long newOffset, long newCount) {
        return new ZRangeArgs(reverse, newOffset, newCount);
    }

    /** @return whether a {@code LIMIT} clause is sent (offset above 0 or a non-negative count) */
    public boolean hasLimit() {
        return offset != 0 || count >= 0;
    }
}
