package io.respkit.commands;

import java.time.Duration;
import java.time.Instant;

/**
 * Options of {@code SET}: expiry ({@code EX}, {@code PX}, {@code EXAT}, {@code PXAT} or {@code KEEPTTL}) and
 * condition ({@code NX} or {@code XX}).
 *
 * <pre>{@code client.set("k", "v", SetArgs.ex(Duration.ofSeconds(10)).nx());}</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param expiryKind {@code null}, {@code "EX"}, {@code "PX"}, {@code "EXAT"}, {@code "PXAT"} or {@code "KEEPTTL"}
 * @param expiry the expiry amount for the kind (seconds or milliseconds, relative or absolute)
 * @param condition {@code null}, {@code "NX"} or {@code "XX"}
 */
public record SetArgs(String expiryKind, long expiry, String condition) {

    /** No options: a plain {@code SET}. */
    public static final SetArgs NONE = new SetArgs(null, 0, null);

    /**
     * Expire after {@code ttl}, in whole seconds ({@code EX}) when it is a whole number of seconds, else in
     * milliseconds ({@code PX}).
     *
     * @param ttl a positive time to live
     * @return the options
     * @throws IllegalArgumentException when the ttl is not positive
     */
    public static SetArgs ex(Duration ttl) {
        return NONE.expireIn(ttl);
    }

    /**
     * Expire after {@code seconds} ({@code EX}).
     *
     * @param seconds a positive number of seconds
     * @return the options
     * @throws IllegalArgumentException when not positive
     */
    public static SetArgs ex(long seconds) {
        return new SetArgs("EX", positive(seconds), null);
    }

    /**
     * Expire after {@code millis} milliseconds ({@code PX}).
     *
     * @param millis a positive number of milliseconds
     * @return the options
     * @throws IllegalArgumentException when not positive
     */
    public static SetArgs px(long millis) {
        return new SetArgs("PX", positive(millis), null);
    }

    /**
     * Expire at {@code at} ({@code PXAT}, or {@code EXAT} for whole seconds).
     *
     * @param at the moment of expiry
     * @return the options
     */
    public static SetArgs expireAt(Instant at) {
        return at.getNano() == 0 ? new SetArgs("EXAT", at.getEpochSecond(), null)
                : new SetArgs("PXAT", at.toEpochMilli(), null);
    }

    /**
     * Keep the key's current time to live ({@code KEEPTTL}).
     *
     * @return the options
     */
    public static SetArgs keepTtl() {
        return new SetArgs("KEEPTTL", 0, null);
    }

    /**
     * Only set when the key does not exist ({@code NX}).
     *
     * @return the options
     */
    public static SetArgs ifAbsent() {
        return NONE.nx();
    }

    /**
     * Only set when the key exists ({@code XX}).
     *
     * @return the options
     */
    public static SetArgs ifPresent() {
        return NONE.xx();
    }

    /**
     * Returns a copy that expires after {@code ttl}.
     *
     * @param ttl a positive time to live
     * @return the options
     */
    public SetArgs expireIn(Duration ttl) {
        long millis = ttl.toMillis();
        positive(millis);
        return millis % 1000 == 0 ? new SetArgs("EX", millis / 1000, condition) : new SetArgs("PX", millis, condition);
    }

    /** @return a copy that only sets when the key does not exist */
    public SetArgs nx() {
        return new SetArgs(expiryKind, expiry, "NX");
    }

    /** @return a copy that only sets when the key exists */
    public SetArgs xx() {
        return new SetArgs(expiryKind, expiry, "XX");
    }

    /**
     * Appends the options to a command.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (expiryKind != null) {
            command.arg(expiryKind);
            if (!"KEEPTTL".equals(expiryKind)) {
                command.arg(expiry);
            }
        }
        if (condition != null) {
            command.arg(condition);
        }
    }

    private static long positive(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("expiry must be positive, was " + n);
        }
        return n;
    }
}
