package io.respkit.protocol;

/**
 * The limits a {@link RespReader} enforces on what a server may send, so that a hostile or broken server cannot make
 * the client allocate unbounded memory or recurse without end.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxBulkLength largest bulk, blob error or verbatim string, in bytes (default 512 MiB, Redis' own limit)
 * @param maxAggregateLength most elements in one array, set or push frame; a map counts two per pair
 *        (default 2<sup>28</sup>)
 * @param maxDepth deepest nesting of aggregates (default 128)
 * @param maxLineLength longest simple string, error, number or length line, in bytes (default 1 MiB)
 * @param attachAttributes {@code true} to hand back RESP3 attributes as {@link AttributedReply}, {@code false}
 *        (default) to skip them
 */
public record RespLimits(long maxBulkLength, long maxAggregateLength, int maxDepth, int maxLineLength,
                         boolean attachAttributes) {

    /** The defaults described on the components. */
    public static final RespLimits DEFAULT = new RespLimits(512L * 1024 * 1024, 1L << 28, 128, 1024 * 1024, false);

    /**
     * Validates the limits.
     *
     * @throws IllegalArgumentException when a limit is not positive
     */
    public RespLimits {
        if (maxBulkLength <= 0 || maxAggregateLength <= 0 || maxDepth <= 0 || maxLineLength < 16) {
            throw new IllegalArgumentException("RESP limits must be positive (line length at least 16)");
        }
    }
}
