package io.respkit.commands;

import java.util.List;

/**
 * The reply of {@code LCS ... IDX}: where the longest common subsequence of two strings lies in each, as matching
 * ranges (last match first, as the server lists them), and its length.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matches the matching ranges, from the end of the strings to their start
 * @param length the length of the longest common subsequence
 */
public record LcsResult(List<Match> matches, long length) {

    /**
     * Copies the matches.
     *
     * @throws NullPointerException when the list or a match is null
     */
    public LcsResult {
        matches = List.copyOf(matches);
    }

    /**
     * One run of the common subsequence: the same characters at {@code first} in the first string and at
     * {@code second} in the second.
     *
     * <p>Immutable and thread-safe.
     *
     * @param first the range in the first key's string
     * @param second the range in the second key's string
     * @param length the run's length
     */
    public record Match(Range first, Range second, long length) {
    }

    /**
     * An inclusive range of byte offsets.
     *
     * <p>Immutable and thread-safe.
     *
     * @param start the first offset
     * @param end the last offset, inclusive
     */
    public record Range(long start, long end) {
    }
}
