package io.respkit.commands;

import java.util.Objects;

/**
 * A lexicographic range of sorted-set members, as {@code ZRANGEBYLEX}, {@code ZLEXCOUNT}, {@code ZREMRANGEBYLEX},
 * {@code ZRANGESTORE ... BYLEX} take it: each bound is {@code "-"} (below everything), {@code "+"} (above
 * everything), {@code "[member"} (inclusive) or {@code "(member"} (exclusive). Bounds the server would refuse are
 * refused here, before anything is sent.
 *
 * <pre>{@code
 * redis.zlexcount("names", LexRange.of("[a", "(c"));              // members from "a" up to, not including, "c"
 * redis.zlexcount("names", LexRange.closed("a", "c"));            // same as of("[a", "[c")
 * redis.zremrangeByLex("names", LexRange.ALL);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param min the lower bound, as sent
 * @param max the upper bound, as sent
 */
public record LexRange(String min, String max) {

    /** Every member: {@code - +}. */
    public static final LexRange ALL = new LexRange("-", "+");

    /**
     * Validates the bounds.
     *
     * @throws NullPointerException when a bound is null
     * @throws IllegalArgumentException when a bound is neither {@code "-"}, {@code "+"} nor starts with {@code [} or
     *         {@code (}
     */
    public LexRange {
        check(Objects.requireNonNull(min, "min"));
        check(Objects.requireNonNull(max, "max"));
    }

    /**
     * Returns the range between two bounds given in the server's syntax.
     *
     * @param min the lower bound: {@code "-"}, {@code "[a"} or {@code "(a"}
     * @param max the upper bound: {@code "+"}, {@code "[z"} or {@code "(z"}
     * @return the range
     * @throws IllegalArgumentException when a bound lacks its prefix
     */
    public static LexRange of(String min, String max) {
        return new LexRange(min, max);
    }

    /**
     * Returns the range from {@code from} to {@code to}, both included.
     *
     * @param from the lowest member included
     * @param to the highest member included
     * @return the range {@code [from [to}
     */
    public static LexRange closed(String from, String to) {
        return new LexRange("[" + from, "[" + to);
    }

    /**
     * Returns the range of members from {@code from}, included, up to everything.
     *
     * @param from the lowest member included
     * @return the range {@code [from +}
     */
    public static LexRange atLeast(String from) {
        return new LexRange("[" + from, "+");
    }

    /**
     * Returns the range of members below {@code to}, excluded.
     *
     * @param to the first member excluded
     * @return the range {@code - (to}
     */
    public static LexRange lessThan(String to) {
        return new LexRange("-", "(" + to);
    }

    private static void check(String bound) {
        if (bound.equals("-") || bound.equals("+")) {
            return;
        }
        if (bound.isEmpty() || (bound.charAt(0) != '[' && bound.charAt(0) != '(')) {
            throw new IllegalArgumentException("a lex bound is -, + or starts with [ or (");
        }
    }
}
