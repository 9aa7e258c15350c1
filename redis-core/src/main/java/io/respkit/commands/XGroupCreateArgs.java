package io.respkit.commands;

/**
 * Options of {@code XGROUP CREATE}: {@code MKSTREAM} (create the stream, empty, when missing) and
 * {@code ENTRIESREAD} (how many of the stream's entries the group has read, so that its lag is known at once).
 *
 * <pre>{@code
 * redis.xgroupCreate("events", "workers", StreamOffset.latest(), XGroupCreateArgs.NONE.withMkStream());
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param mkStream create a missing stream ({@code MKSTREAM})
 * @param entriesRead the group's entries-read counter ({@code ENTRIESREAD}), -1 for unknown (not sent)
 */
public record XGroupCreateArgs(boolean mkStream, long entriesRead) {

    /** No options: the stream must exist, the entries-read counter is unknown. */
    public static final XGroupCreateArgs NONE = new XGroupCreateArgs(false, -1);

    /**
     * Validates the counter.
     *
     * @throws IllegalArgumentException when the counter is below -1
     */
    public XGroupCreateArgs {
        if (entriesRead < -1) {
            throw new IllegalArgumentException("XGROUP ENTRIESREAD must not be negative");
        }
    }

    /** @return a copy with {@code MKSTREAM} */
    public XGroupCreateArgs withMkStream() {
        return new XGroupCreateArgs(true, entriesRead);
    }

    /**
     * @param entriesRead how many entries the group has read, at least 0
     * @return a copy with {@code ENTRIESREAD entriesRead}
     * @throws IllegalArgumentException when the counter is negative
     */
    public XGroupCreateArgs withEntriesRead(long entriesRead) {
        if (entriesRead < 0) {
            throw new IllegalArgumentException("XGROUP ENTRIESREAD must not be negative");
        }
        return new XGroupCreateArgs(mkStream, entriesRead);
    }

    /**
     * Appends the options to a command.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (mkStream) {
            command.arg("MKSTREAM");
        }
        if (entriesRead >= 0) {
            command.arg("ENTRIESREAD").arg(entriesRead);
        }
    }
}
