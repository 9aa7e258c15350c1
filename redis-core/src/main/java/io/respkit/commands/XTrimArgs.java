package io.respkit.commands;

import java.util.Objects;

/**
 * How {@code XTRIM} (and {@code XADD}, through {@link XAddArgs#withTrim(XTrimArgs)}) trims a stream: to at most
 * {@link #maxLen(long) a length} ({@code MAXLEN}) or by evicting {@link #minId(StreamEntryId) the ids below a minimum}
 * ({@code MINID}), exactly ({@code =}, the default) or {@link #withApproximate() approximately} ({@code ~}: whole
 * macro-nodes only, much cheaper), with a {@link #withLimit(long) limit} on the entries evicted in one call
 * ({@code LIMIT}, approximate trimming only).
 *
 * <pre>{@code
 * redis.xtrim("events", XTrimArgs.maxLen(1000).withApproximate());
 * redis.xadd("events", fields, XAddArgs.NONE.withTrim(XTrimArgs.minId(cutoff).withApproximate().withLimit(100)));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param maxLen the length to trim to ({@code MAXLEN}), -1 when trimming by id
 * @param minId the lowest id to keep ({@code MINID}), {@code null} when trimming by length
 * @param approximate {@code ~} instead of {@code =}
 * @param limit the most entries to evict ({@code LIMIT}), -1 for the server's default; 0 means no limit
 */
public record XTrimArgs(long maxLen, StreamEntryId minId, boolean approximate, long limit) {

    /**
     * Validates the combination, as the server would.
     *
     * @throws IllegalArgumentException when neither or both of a length and a minimum id are given, the length or
     *         the limit is negative (other than -1 for none), or a limit is given without approximate trimming
     */
    public XTrimArgs {
        if ((maxLen >= 0) == (minId != null)) {
            throw new IllegalArgumentException("XTRIM trims either to a MAXLEN or to a MINID");
        }
        if (maxLen < -1 || limit < -1) {
            throw new IllegalArgumentException("XTRIM MAXLEN and LIMIT must not be negative");
        }
        if (limit >= 0 && !approximate) {
            throw new IllegalArgumentException("XTRIM LIMIT needs approximate trimming (~)");
        }
    }

    /**
     * Trims to at most {@code maxLen} entries, the oldest evicted ({@code MAXLEN = maxLen}).
     *
     * @param maxLen the length to keep, at least 0
     * @return the arguments
     * @throws IllegalArgumentException when the length is negative
     */
    public static XTrimArgs maxLen(long maxLen) {
        if (maxLen < 0) {
            throw new IllegalArgumentException("XTRIM MAXLEN must not be negative");
        }
        return new XTrimArgs(maxLen, null, false, -1);
    }

    /**
     * Evicts the entries whose ids are below {@code minId} ({@code MINID = minId}).
     *
     * @param minId the lowest id to keep
     * @return the arguments
     * @throws NullPointerException when the id is null
     */
    public static XTrimArgs minId(StreamEntryId minId) {
        return new XTrimArgs(-1, Objects.requireNonNull(minId, "minId"), false, -1);
    }

    /**
     * Returns a copy that trims approximately ({@code ~}): the server evicts only whole macro-nodes, so a few more
     * entries than asked may stay.
     *
     * @return the copy
     */
    public XTrimArgs withApproximate() {
        return new XTrimArgs(maxLen, minId, true, limit);
    }

    /**
     * Returns a copy that evicts at most {@code limit} entries per call ({@code LIMIT}; 0 for no limit).
     *
     * @param limit the most entries to evict, at least 0
     * @return the copy
     * @throws IllegalArgumentException when the limit is negative or trimming is not approximate
     */
    public XTrimArgs withLimit(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("XTRIM LIMIT must not be negative");
        }
        return new XTrimArgs(maxLen, minId, approximate, limit);
    }

    /**
     * Appends the strategy, its operator, threshold and limit to a command.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (minId != null) {
            command.arg("MINID").arg(approximate ? "~" : "=").arg(minId.toString());
        } else {
            command.arg("MAXLEN").arg(approximate ? "~" : "=").arg(maxLen);
        }
        if (limit >= 0) {
            command.arg("LIMIT").arg(limit);
        }
    }
}
