package io.respkit.commands;

/**
 * Where reading a stream starts, for {@code XREAD}, {@code XREADGROUP}, {@code XGROUP CREATE} and
 * {@code XGROUP SETID}: after an id (a {@link StreamEntryId} is an offset), after the last entry the stream has now
 * ({@link #latest()}, sent as {@code $}), or, for {@code XREADGROUP} only, the entries never delivered to any
 * consumer of the group ({@link #undelivered()}, sent as {@code >}). A command given an offset it does not accept
 * throws {@link IllegalArgumentException} before anything is sent.
 *
 * <pre>{@code
 * redis.xread(XReadArgs.block(Duration.ofSeconds(5)), Map.of("events", StreamOffset.latest()));
 * redis.xreadgroup("workers", "w1", XReadArgs.count(10), Map.of("events", StreamOffset.undelivered()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface StreamOffset permits StreamEntryId, StreamOffset.Special {

    /**
     * Returns the offset after the stream's current last entry ({@code $}): only entries added from now on.
     *
     * @return the offset
     */
    static StreamOffset latest() {
        return Special.LATEST;
    }

    /**
     * Returns the offset of the entries never delivered to any consumer of the group ({@code >}), for
     * {@code XREADGROUP}.
     *
     * @return the offset
     */
    static StreamOffset undelivered() {
        return Special.UNDELIVERED;
    }

    /**
     * Returns the offset after {@code id}: the id itself.
     *
     * @param id the id
     * @return the offset
     * @throws NullPointerException when the id is null
     */
    static StreamOffset after(StreamEntryId id) {
        return java.util.Objects.requireNonNull(id, "id");
    }

    /**
     * Returns the offset as the server reads it.
     *
     * @return e.g. {@code "5-0"}, {@code "$"} or {@code ">"}
     */
    String offsetText();

    /** The offsets that are not ids. Immutable and thread-safe. */
    enum Special implements StreamOffset {
        /** {@code $}: after the stream's last entry at the time of the call. */
        LATEST("$"),
        /** {@code >}: the entries never delivered to any consumer of the group. */
        UNDELIVERED(">");

        private final String text;

        Special(String text) {
            this.text = text;
        }

        /** @return {@code $} or {@code >} */
        @Override
        public String offsetText() {
            return text;
        }
    }
}
