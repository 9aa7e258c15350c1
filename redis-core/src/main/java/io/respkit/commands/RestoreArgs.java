package io.respkit.commands;

import java.time.Duration;
import java.time.Instant;

/**
 * Options of {@code RESTORE}: the time to live ({@code ttl}, or an absolute expiry with {@code ABSTTL}),
 * {@code REPLACE}, and the eviction hints {@code IDLETIME} (LRU) or {@code FREQ} (LFU).
 *
 * <pre>{@code
 * byte[] dump = redis.dump("k");
 * redis.restore("copy", dump, RestoreArgs.NONE.ttl(Duration.ofMinutes(5)).replace());
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param ttl the time to live, or {@code null} for none (mutually exclusive with {@code expireAt})
 * @param expireAt the absolute expiry ({@code ABSTTL}), or {@code null} for none
 * @param replaceExisting whether to overwrite an existing key ({@code REPLACE})
 * @param idleTime the idle time to record ({@code IDLETIME}, whole seconds), or {@code null}
 * @param frequency the LFU frequency to record ({@code FREQ}, 0 to 255), or -1 for none
 */
public record RestoreArgs(Duration ttl, Instant expireAt, boolean replaceExisting, Duration idleTime, int frequency) {

    /** No options: no expiry, no overwrite, no eviction hints. */
    public static final RestoreArgs NONE = new RestoreArgs(null, null, false, null, -1);

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when both a ttl and an absolute expiry are given, the ttl or idle time is
     *         negative, the frequency is outside -1..255, or both an idle time and a frequency are given (the server
     *         refuses both)
     */
    public RestoreArgs {
        if (ttl != null && expireAt != null) {
            throw new IllegalArgumentException("RESTORE takes a ttl or an absolute expiry, not both");
        }
        if (ttl != null && ttl.isNegative()) {
            throw new IllegalArgumentException("RESTORE ttl must not be negative");
        }
        if (idleTime != null && idleTime.isNegative()) {
            throw new IllegalArgumentException("RESTORE IDLETIME must not be negative");
        }
        if (frequency < -1 || frequency > 255) {
            throw new IllegalArgumentException("RESTORE FREQ must be between 0 and 255");
        }
        if (idleTime != null && frequency >= 0) {
            throw new IllegalArgumentException("RESTORE takes IDLETIME or FREQ, not both");
        }
    }

    /**
     * Returns a copy with a time to live, millisecond precision.
     *
     * @param newTtl the time to live, positive ({@link Duration#ZERO} for none)
     * @return the options
     * @throws IllegalArgumentException when negative or an absolute expiry is set
     */
    public RestoreArgs ttl(Duration newTtl) {
        return new RestoreArgs(newTtl, expireAt, replaceExisting, idleTime, frequency);
    }

    /**
     * Returns a copy with an absolute expiry ({@code ABSTTL}), millisecond precision.
     *
     * @param at when the key expires
     * @return the options
     * @throws IllegalArgumentException when a ttl is set
     */
    public RestoreArgs expireAt(Instant at) {
        return new RestoreArgs(ttl, at, replaceExisting, idleTime, frequency);
    }

    /** @return a copy that overwrites an existing key ({@code REPLACE}) */
    public RestoreArgs replace() {
        return new RestoreArgs(ttl, expireAt, true, idleTime, frequency);
    }

    /**
     * Returns a copy recording an idle time for LRU eviction ({@code IDLETIME seconds}).
     *
     * @param idle the idle time, whole seconds sent
     * @return the options
     * @throws IllegalArgumentException when negative or a frequency is set
     */
    public RestoreArgs idleTime(Duration idle) {
        return new RestoreArgs(ttl, expireAt, replaceExisting, idle, frequency);
    }

    /**
     * Returns a copy recording an access frequency for LFU eviction ({@code FREQ}).
     *
     * @param freq the frequency, 0 to 255
     * @return the options
     * @throws IllegalArgumentException when out of range or an idle time is set
     */
    public RestoreArgs frequency(int freq) {
        if (freq < 0) {
            throw new IllegalArgumentException("RESTORE FREQ must be between 0 and 255");
        }
        return new RestoreArgs(ttl, expireAt, replaceExisting, idleTime, freq);
    }

    /**
     * Appends the options that follow the payload.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (replaceExisting) {
            command.arg("REPLACE");
        }
        if (expireAt != null) {
            command.arg("ABSTTL");
        }
        if (idleTime != null) {
            command.arg("IDLETIME").arg(idleTime.getSeconds());
        }
        if (frequency >= 0) {
            command.arg("FREQ").arg(frequency);
        }
    }

    /**
     * Returns the ttl argument {@code RESTORE} takes before the payload.
     *
     * @return milliseconds, 0 for none; Unix milliseconds with an absolute expiry
     */
    public long ttlArgument() {
        if (expireAt != null) {
            return Math.max(1, expireAt.toEpochMilli());
        }
        return ttl == null ? 0 : ttl.toMillis();
    }
}
