package io.respkit.commands;

import java.time.Duration;
import java.time.Instant;

/**
 * Options of {@code GETEX}: set a new expiry ({@code EX}, {@code PX}, {@code EXAT}, {@code PXAT}) or remove it
 * ({@code PERSIST}); {@link #NONE} leaves the time to live as it is.
 *
 * <pre>{@code client.getex("k", GetExArgs.ex(Duration.ofSeconds(10)));}</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind {@code null}, {@code "EX"}, {@code "PX"}, {@code "EXAT"}, {@code "PXAT"} or {@code "PERSIST"}
 * @param amount seconds or milliseconds, relative or absolute, for the kind; ignored for {@code PERSIST}
 */
public record GetExArgs(String kind, long amount) {

    /** No options: {@code GETEX} behaves like {@code GET}. */
    public static final GetExArgs NONE = new GetExArgs(null, 0);

    private static final GetExArgs PERSIST = new GetExArgs("PERSIST", 0);

    /**
     * Expire after {@code ttl}: {@code EX} when it is a whole number of seconds, else {@code PX}.
     *
     * @param ttl a positive time to live
     * @return the options
     * @throws IllegalArgumentException when the ttl is not positive
     */
    public static GetExArgs ex(Duration ttl) {
        long millis = positive(ttl.toMillis());
        return millis % 1000 == 0 ? new GetExArgs("EX", millis / 1000) : new GetExArgs("PX", millis);
    }

    /**
     * Expire after {@code seconds} ({@code EX}).
     *
     * @param seconds a positive number of seconds
     * @return the options
     * @throws IllegalArgumentException when not positive
     */
    public static GetExArgs ex(long seconds) {
        return new GetExArgs("EX", positive(seconds));
    }

    /**
     * Expire after {@code millis} milliseconds ({@code PX}).
     *
     * @param millis a positive number of milliseconds
     * @return the options
     * @throws IllegalArgumentException when not positive
     */
    public static GetExArgs px(long millis) {
        return new GetExArgs("PX", positive(millis));
    }

    /**
     * Expire at {@code at}: {@code EXAT} for a whole second, else {@code PXAT}.
     *
     * @param at the moment of expiry
     * @return the options
     */
    public static GetExArgs expireAt(Instant at) {
        return at.getNano() == 0 ? new GetExArgs("EXAT", at.getEpochSecond()) : new GetExArgs("PXAT", at.toEpochMilli());
    }

    /**
     * Remove the key's time to live ({@code PERSIST}).
     *
     * @return the options
     */
    public static GetExArgs persist() {
        return PERSIST;
    }

    /**
     * Appends the options to a command.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (kind != null) {
            command.arg(kind);
            if (!"PERSIST".equals(kind)) {
                command.arg(amount);
            }
        }
    }

    private static long positive(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("expiry must be positive, was " + n);
        }
        return n;
    }
}
