package io.respkit.commands;

import java.util.Objects;

/**
 * Options of {@code XADD}: the entry's id (chosen by the server, {@code *}, unless {@link #withId(StreamEntryId) given}
 * or {@link #withAutoSequence(long) given as a millisecond time} for the server to number), {@code NOMKSTREAM} (do not
 * create a missing stream) and trimming in the same call ({@link #withTrim(XTrimArgs)}).
 *
 * <pre>{@code
 * redis.xadd("events", fields, XAddArgs.NONE.withTrim(XTrimArgs.maxLen(10_000).withApproximate()));
 * redis.xadd("events", fields, XAddArgs.NONE.withId(StreamEntryId.of(1700000000000L, 0)).withNoMkStream());
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param id the explicit id, or {@code null} for one chosen by the server
 * @param autoSequenceMillis the millisecond part of an id whose sequence the server picks ({@code <ms>-*}), or -1
 * @param noMkStream do not create the stream when missing ({@code NOMKSTREAM}); the reply is then {@code null}
 * @param trim how to trim the stream after adding, or {@code null}
 */
public record XAddArgs(StreamEntryId id, long autoSequenceMillis, boolean noMkStream, XTrimArgs trim) {

    /** No options: the server picks the id ({@code *}), creates a missing stream, trims nothing. */
    public static final XAddArgs NONE = new XAddArgs(null, -1, false, null);

    /**
     * Validates the combination, as the server would.
     *
     * @throws IllegalArgumentException when both an id and an auto-sequenced millisecond time are given, the id is
     *         {@code 0-0}, or the time is negative (other than -1 for none)
     */
    public XAddArgs {
        if (id != null && autoSequenceMillis != -1) {
            throw new IllegalArgumentException("XADD takes either an id or a millisecond time to number");
        }
        if (id != null && id.isMin()) {
            throw new IllegalArgumentException("the ID specified in XADD must be greater than 0-0");
        }
        if (autoSequenceMillis < -1) {
            throw new IllegalArgumentException("XADD millisecond time must not be negative");
        }
    }

    /**
     * Returns a copy adding the entry with id {@code id}, which must be above the stream's last id.
     *
     * @param id the id, above {@code 0-0}
     * @return the copy
     * @throws NullPointerException when the id is null
     * @throws IllegalArgumentException when the id is {@code 0-0}
     */
    public XAddArgs withId(StreamEntryId id) {
        return new XAddArgs(Objects.requireNonNull(id, "id"), -1, noMkStream, trim);
    }

    /**
     * Returns a copy adding the entry with millisecond part {@code millis}, the server picking the sequence
     * ({@code <millis>-*}).
     *
     * @param millis the millisecond part, at least 0
     * @return the copy
     * @throws IllegalArgumentException when the time is negative
     */
    public XAddArgs withAutoSequence(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("XADD millisecond time must not be negative");
        }
        return new XAddArgs(null, millis, noMkStream, trim);
    }

    /**
     * Returns a copy that does not create a missing stream ({@code NOMKSTREAM}).
     *
     * @return the copy
     */
    public XAddArgs withNoMkStream() {
        return new XAddArgs(id, autoSequenceMillis, true, trim);
    }

    /**
     * Returns a copy that trims the stream as {@code trim} says after adding.
     *
     * @param trim the trimming, or {@code null} for none
     * @return the copy
     */
    public XAddArgs withTrim(XTrimArgs trim) {
        return new XAddArgs(id, autoSequenceMillis, noMkStream, trim);
    }

    /**
     * Appends the options and the id to a command, in the order the server expects.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (noMkStream) {
            command.arg("NOMKSTREAM");
        }
        if (trim != null) {
            trim.appendTo(command);
        }
        if (id != null) {
            command.arg(id.toString());
        } else if (autoSequenceMillis >= 0) {
            command.arg(autoSequenceMillis + "-*");
        } else {
            command.arg("*");
        }
    }
}
