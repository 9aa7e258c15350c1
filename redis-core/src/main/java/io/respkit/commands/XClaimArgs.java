package io.respkit.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Options of {@code XCLAIM}: the claimed entries' idle time ({@code IDLE}) or last delivery time ({@code TIME}),
 * their delivery count ({@code RETRYCOUNT}), {@code FORCE} (claim ids missing from the pending list too, if they
 * exist in the stream) and {@code LASTID} (move the group's last delivered id).
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param idle the idle time to set ({@code IDLE}), or {@code null}
 * @param time the last delivery time to set ({@code TIME}), or {@code null}
 * @param retryCount the delivery count to set ({@code RETRYCOUNT}), -1 to leave it (it is incremented)
 * @param force {@code FORCE}
 * @param lastId the group's new last delivered id ({@code LASTID}), or {@code null}
 */
public record XClaimArgs(Duration idle, Instant time, long retryCount, boolean force, StreamEntryId lastId) {

    /** No options: the claimed entries' idle time is reset and their delivery count incremented. */
    public static final XClaimArgs NONE = new XClaimArgs(null, null, -1, false, null);

    /**
     * Validates the combination.
     *
     * @throws IllegalArgumentException when both an idle time and a delivery time are given, the idle time is
     *         negative or the retry count is below -1
     */
    public XClaimArgs {
        if (idle != null && time != null) {
            throw new IllegalArgumentException("XCLAIM takes IDLE or TIME, not both");
        }
        if (idle != null && idle.isNegative()) {
            throw new IllegalArgumentException("XCLAIM IDLE must not be negative");
        }
        if (retryCount < -1) {
            throw new IllegalArgumentException("XCLAIM RETRYCOUNT must not be negative");
        }
    }

    /**
     * @param idle the idle time the claimed entries get, millisecond precision
     * @return a copy with {@code IDLE}
     * @throws IllegalArgumentException when a {@code TIME} was given or the time is negative
     */
    public XClaimArgs withIdle(Duration idle) {
        return new XClaimArgs(Objects.requireNonNull(idle, "idle"), time, retryCount, force, lastId);
    }

    /**
     * @param time the last delivery time the claimed entries get, millisecond precision
     * @return a copy with {@code TIME}
     * @throws IllegalArgumentException when an {@code IDLE} was given
     */
    public XClaimArgs withTime(Instant time) {
        return new XClaimArgs(idle, Objects.requireNonNull(time, "time"), retryCount, force, lastId);
    }

    /**
     * @param retryCount the delivery count the claimed entries get, at least 0
     * @return a copy with {@code RETRYCOUNT}
     * @throws IllegalArgumentException when the count is negative
     */
    public XClaimArgs withRetryCount(long retryCount) {
        if (retryCount < 0) {
            throw new IllegalArgumentException("XCLAIM RETRYCOUNT must not be negative");
        }
        return new XClaimArgs(idle, time, retryCount, force, lastId);
    }

    /** @return a copy with {@code FORCE} */
    public XClaimArgs withForce() {
        return new XClaimArgs(idle, time, retryCount, true, lastId);
    }

    /**
     * @param lastId the group's new last delivered id
     * @return a copy with {@code LASTID}
     */
    public XClaimArgs withLastId(StreamEntryId lastId) {
        return new XClaimArgs(idle, time, retryCount, force, Objects.requireNonNull(lastId, "lastId"));
    }

    /**
     * Appends the options to a command ({@code JUSTID} is the caller's).
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (idle != null) {
            command.arg("IDLE").arg(idle.toMillis());
        }
        if (time != null) {
            command.arg("TIME").arg(time.toEpochMilli());
        }
        if (retryCount >= 0) {
            command.arg("RETRYCOUNT").arg(retryCount);
        }
        if (force) {
            command.arg("FORCE");
        }
        if (lastId != null) {
            command.arg("LASTID").arg(lastId.toString());
        }
    }
}
