package io.respkit.commands;

/**
 * Options of {@code ZADD}: {@code NX} (only add new members), {@code XX} (only update existing members), {@code GT}
 * / {@code LT} (only update when the new score is greater / less than the current one) and {@code CH} (count
 * changed members, not only added ones, in the reply).
 *
 * <pre>{@code
 * redis.zadd("board", 120, "alice", ZAddArgs.XX.withCh());   // update only, reply counts the change
 * redis.zadd("board", Map.of("bob", 7.0), ZAddArgs.GT);      // never lowers a score
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code with...} method returns a new instance.
 *
 * @param nx only add new members, never update ({@code NX})
 * @param xx only update existing members, never add ({@code XX})
 * @param gt only update when the new score is greater ({@code GT})
 * @param lt only update when the new score is less ({@code LT})
 * @param ch reply with the number of members added or changed instead of only added ({@code CH})
 */
public record ZAddArgs(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch) {

    /** No options. */
    public static final ZAddArgs NONE = new ZAddArgs(false, false, false, false, false);
    /** {@code NX}: only add new members. */
    public static final ZAddArgs NX = new ZAddArgs(true, false, false, false, false);
    /** {@code XX}: only update existing members. */
    public static final ZAddArgs XX = new ZAddArgs(false, true, false, false, false);
    /** {@code GT}: only update when the new score is greater; new members are still added. */
    public static final ZAddArgs GT = new ZAddArgs(false, false, true, false, false);
    /** {@code LT}: only update when the new score is less; new members are still added. */
    public static final ZAddArgs LT = new ZAddArgs(false, false, false, true, false);
    /** {@code CH}: count changed members too. */
    public static final ZAddArgs CH = new ZAddArgs(false, false, false, false, true);

    /**
     * Validates the combination, as the server would.
     *
     * @throws IllegalArgumentException when {@code NX} and {@code XX}, {@code GT} and {@code LT}, or {@code NX}
     *         and {@code GT}/{@code LT} are combined
     */
    public ZAddArgs {
        if (nx && xx) {
            throw new IllegalArgumentException("ZADD NX and XX are mutually exclusive");
        }
        if (gt && lt) {
            throw new IllegalArgumentException("ZADD GT and LT are mutually exclusive");
        }
        if (nx && (gt || lt)) {
            throw new IllegalArgumentException("ZADD NX cannot be combined with GT or LT");
        }
    }

    /**
     * @return a copy with {@code NX}
     * @throws IllegalArgumentException when combined with XX, GT or LT
     */
    public ZAddArgs withNx() {
        return new ZAddArgs(true, xx, gt, lt, ch);
    }

    /**
     * @return a copy with {@code XX}
     * @throws IllegalArgumentException when combined with NX
     */
    public ZAddArgs withXx() {
        return new ZAddArgs(nx, true, gt, lt, ch);
    }

    /**
     * @return a copy with {@code GT}
     * @throws IllegalArgumentException when combined with LT or NX
     */
    public ZAddArgs withGt() {
        return new ZAddArgs(nx, xx, true, lt, ch);
    }

    /**
     * @return a copy with {@code LT}
     * @throws IllegalArgumentException when combined with GT or NX
     */
    public ZAddArgs withLt() {
        return new ZAddArgs(nx, xx, gt, true, ch);
    }

    /** @return a copy with {@code CH} */
    public ZAddArgs withCh() {
        return new ZAddArgs(nx, xx, gt, lt, true);
    }

    /**
     * Appends the options to a command, in the order the server expects.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (nx) {
            command.arg("NX");
        }
        if (xx) {
            command.arg("XX");
        }
        if (gt) {
            command.arg("GT");
        }
        if (lt) {
            command.arg("LT");
        }
        if (ch) {
            command.arg("CH");
        }
    }
}
