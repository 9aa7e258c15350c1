package io.respkit.commands;

import io.respkit.internal.commands.Durations;

import java.time.Duration;

/**
 * Options of {@code XREAD} and {@code XREADGROUP}: {@code COUNT} (most entries per stream), {@code BLOCK} (wait for
 * entries, {@link Duration#ZERO} forever) and, for {@code XREADGROUP} only, {@code NOACK} (do not add the entries to
 * the pending list). A blocking read waits its block time on top of the client's read timeout and never shares a
 * multiplexed connection. A caller that gives up on a blocking read (interrupted, or an async result cancelled) has
 * it unblocked on the server; should the server have answered first, the entries an {@code XREADGROUP} got stay in
 * the consumer's pending list (see {@code XPENDING}/{@code XCLAIM}), unless it was {@code NOACK}.
 *
 * <pre>{@code
 * redis.xread(XReadArgs.count(100).withBlock(Duration.ofSeconds(5)), Map.of("events", lastId));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param count the most entries per stream, -1 for no limit
 * @param block how long to wait for entries ({@code BLOCK}), {@link Duration#ZERO} forever, {@code null} not to
 * @param noAck {@code NOACK} ({@code XREADGROUP} only)
 */
public record XReadArgs(long count, Duration block, boolean noAck) {

    /** No options: every entry after the offsets, without waiting. */
    public static final XReadArgs NONE = new XReadArgs(-1, null, false);

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException when the count is below 1 (other than -1 for none) or the block time is
     *         negative
     */
    public XReadArgs {
        if (count == 0 || count < -1) {
            throw new IllegalArgumentException("XREAD COUNT must be at least 1");
        }
        if (block != null && block.isNegative()) {
            throw new IllegalArgumentException("XREAD BLOCK must not be negative");
        }
    }

    /**
     * Returns arguments reading at most {@code count} entries per stream.
     *
     * @param count the most entries per stream, at least 1
     * @return the arguments
     * @throws IllegalArgumentException when the count is below 1
     */
    public static XReadArgs count(long count) {
        return NONE.withCount(count);
    }

    /**
     * Returns arguments waiting up to {@code timeout} for entries.
     *
     * @param timeout how long to wait, {@link Duration#ZERO} for forever
     * @return the arguments
     * @throws IllegalArgumentException when the timeout is negative
     */
    public static XReadArgs block(Duration timeout) {
        return NONE.withBlock(timeout);
    }

    /**
     * @param count the most entries per stream, at least 1
     * @return a copy with {@code COUNT count}
     * @throws IllegalArgumentException when the count is below 1
     */
    public XReadArgs withCount(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("XREAD COUNT must be at least 1");
        }
        return new XReadArgs(count, block, noAck);
    }

    /**
     * @param timeout how long to wait for entries, {@link Duration#ZERO} for forever
     * @return a copy with {@code BLOCK}
     * @throws IllegalArgumentException when the timeout is negative
     * @throws NullPointerException when the timeout is null
     */
    public XReadArgs withBlock(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("XREAD BLOCK must not be negative");
        }
        return new XReadArgs(count, timeout, noAck);
    }

    /** @return a copy with {@code NOACK}, for {@code XREADGROUP} */
    public XReadArgs withNoAck() {
        return new XReadArgs(count, block, true);
    }

    /**
     * Appends {@code COUNT} and {@code BLOCK} to a command and marks it blocking when it blocks.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (count > 0) {
            command.arg("COUNT").arg(count);
        }
        if (block != null) {
            command.arg("BLOCK").arg(Durations.millisRoundedUp(block)).blocking(block);
        }
        if (noAck) {
            command.arg("NOACK");
        }
    }
}
