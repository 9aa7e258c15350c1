package io.respkit.commands;

import java.util.Objects;

/**
 * One end of a range of stream entry ids, for {@code XRANGE}, {@code XREVRANGE} and {@code XPENDING}: an id
 * (inclusive: a {@link StreamEntryId} is a bound), {@link #exclusive(StreamEntryId)} (sent as {@code (id}), or
 * {@link #unbounded()} (sent as {@code -} at the low end and {@code +} at the high end, whichever end it is given
 * for, so that it cannot be put at the wrong end).
 *
 * <pre>{@code
 * redis.xrange("events", StreamBound.exclusive(lastSeen), StreamBound.unbounded(), 100);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface StreamBound permits StreamEntryId, StreamBound.Exclusive, StreamBound.Unbounded {

    /**
     * Returns the bound including {@code id}: {@code id} itself.
     *
     * @param id the id
     * @return the bound
     * @throws NullPointerException when the id is null
     */
    static StreamBound inclusive(StreamEntryId id) {
        return Objects.requireNonNull(id, "id");
    }

    /**
     * Returns the bound excluding {@code id} ({@code (id}).
     *
     * @param id the id
     * @return the bound
     * @throws NullPointerException when the id is null
     */
    static StreamBound exclusive(StreamEntryId id) {
        return new Exclusive(id);
    }

    /**
     * Returns the open end: {@code -} as a low bound, {@code +} as a high bound.
     *
     * @return the bound
     */
    static StreamBound unbounded() {
        return Unbounded.INSTANCE;
    }

    /**
     * Returns the bound as the server reads it at the low end of a range.
     *
     * @return e.g. {@code "5-0"}, {@code "(5-0"} or {@code "-"}
     */
    String lowerText();

    /**
     * Returns the bound as the server reads it at the high end of a range.
     *
     * @return e.g. {@code "5-0"}, {@code "(5-0"} or {@code "+"}
     */
    String upperText();

    /**
     * A bound that excludes its id. Immutable and thread-safe.
     *
     * @param id the excluded id
     */
    record Exclusive(StreamEntryId id) implements StreamBound {

        /**
         * Checks the id.
         *
         * @param id the excluded id
         * @throws NullPointerException when the id is null
         */
        public Exclusive {
            Objects.requireNonNull(id, "id");
        }

        /** @return {@code (id} */
        @Override
        public String lowerText() {
            return "(" + id;
        }

        /** @return {@code (id} */
        @Override
        public String upperText() {
            return "(" + id;
        }
    }

    /** The open end of a range. Immutable and thread-safe. */
    enum Unbounded implements StreamBound {
        /** The only instance. */
        INSTANCE;

        /** @return {@code -} */
        @Override
        public String lowerText() {
            return "-";
        }

        /** @return {@code +} */
        @Override
        public String upperText() {
            return "+";
        }
    }
}
