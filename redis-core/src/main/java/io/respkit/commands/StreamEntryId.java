package io.respkit.commands;

import java.nio.charset.StandardCharsets;

/**
 * The id of a stream entry: a millisecond time and a sequence number within that millisecond, written
 * {@code <millis>-<sequence>} by Redis. Both parts are unsigned 64-bit numbers, held in {@code long}s; ids compare
 * and print as unsigned, as the server orders them.
 *
 * <p>An id is also a {@link StreamBound} (an inclusive range bound) and a {@link StreamOffset} (read the entries
 * after it), so it can be passed wherever those are expected. The special words of the stream commands are not ids:
 * {@code *} is {@link XAddArgs#NONE} (the server picks the id), {@code -} and {@code +} are
 * {@link StreamBound#unbounded()}, {@code $} is {@link StreamOffset#latest()} and {@code >} is
 * {@link StreamOffset#undelivered()}; {@link #parse(String)} refuses them.
 *
 * <pre>{@code
 * StreamEntryId id = redis.xadd("events", Map.of("type", "login"));
 * StreamEntryId.parse("1700000000000-0").compareTo(id);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param millis the time part, unsigned
 * @param sequence the sequence part, unsigned
 */
public record StreamEntryId(long millis, long sequence) implements Comparable<StreamEntryId>, StreamBound,
        StreamOffset {

    /** {@code 0-0}: lower than any entry's id (the server never gives an entry this id). */
    public static final StreamEntryId MIN = new StreamEntryId(0, 0);
    /** The highest id, {@code 18446744073709551615-18446744073709551615}. */
    public static final StreamEntryId MAX = new StreamEntryId(-1L, -1L);

    /**
     * Returns the id {@code millis-sequence}.
     *
     * @param millis the time part, unsigned
     * @param sequence the sequence part, unsigned
     * @return the id
     */
    public static StreamEntryId of(long millis, long sequence) {
        return new StreamEntryId(millis, sequence);
    }

    /**
     * Parses an id written {@code <millis>-<sequence>}, each part the decimal digits of an unsigned 64-bit number.
     *
     * @param text the id, e.g. {@code "1700000000000-3"}
     * @return the id
     * @throws IllegalArgumentException when the text is not a complete id (a special word such as {@code $} or
     *         {@code *}, a lone millisecond part, a sign, a part out of range, anything else)
     * @throws NullPointerException when the text is null
     */
    public static StreamEntryId parse(String text) {
        int dash = text.indexOf('-');
        if (dash > 0 && dash < text.length() - 1) {
            try {
                return new StreamEntryId(unsigned(text, 0, dash), unsigned(text, dash + 1, text.length()));
            } catch (NumberFormatException e) {
                // reported below, with the text
            }
        }
        throw new IllegalArgumentException("not a stream entry id (<millis>-<sequence>): \"" + text + "\"");
    }

    /**
     * Parses an id sent by the server as ASCII bytes, without making a string first.
     *
     * @param bytes the id's bytes
     * @return the id
     * @throws IllegalArgumentException when the bytes are not a complete id
     */
    public static StreamEntryId parse(byte[] bytes) {
        int dash = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '-') {
                dash = i;
                break;
            }
        }
        if (dash > 0 && dash < bytes.length - 1) {
            try {
                return new StreamEntryId(unsigned(bytes, 0, dash), unsigned(bytes, dash + 1, bytes.length));
            } catch (NumberFormatException e) {
                // reported by the text parser
            }
        }
        return parse(new String(bytes, StandardCharsets.US_ASCII)); // throws, naming the text
    }

    /** The largest unsigned value that can take one more decimal digit without overflowing 64 bits. */
    private static final long LIMIT = Long.divideUnsigned(-1L, 10);

    private static long unsigned(CharSequence s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = digit(v, s.charAt(i) - '0');
        }
        return v;
    }

    private static long unsigned(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = digit(v, b[i] - '0');
        }
        return v;
    }

    /** Appends a decimal digit in unsigned arithmetic; a non-digit or an overflow past 2^64 - 1 throws. */
    private static long digit(long v, int d) {
        if (d < 0 || d > 9 || Long.compareUnsigned(v, LIMIT) > 0 || (v == LIMIT && d > 5)) {
            throw new NumberFormatException();
        }
        return v * 10 + d;
    }

    /**
     * Compares as the server orders ids: by the unsigned millisecond part, then the unsigned sequence.
     *
     * @param other the other id
     * @return negative, zero or positive as this id is lower, equal or higher
     */
    @Override
    public int compareTo(StreamEntryId other) {
        int c = Long.compareUnsigned(millis, other.millis);
        return c != 0 ? c : Long.compareUnsigned(sequence, other.sequence);
    }

    /**
     * Returns whether this id is {@code 0-0}.
     *
     * @return {@code true} for {@link #MIN}
     */
    public boolean isMin() {
        return millis == 0 && sequence == 0;
    }

    /**
     * Returns the id as the server writes it.
     *
     * @return {@code <millis>-<sequence>}, both unsigned decimal
     */
    @Override
    public String toString() {
        return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
    }

    /** @return this id's text, as a lower bound it is inclusive */
    @Override
    public String lowerText() {
        return toString();
    }

    /** @return this id's text, as an upper bound it is inclusive */
    @Override
    public String upperText() {
        return toString();
    }

    /** @return this id's text */
    @Override
    public String offsetText() {
        return toString();
    }
}
