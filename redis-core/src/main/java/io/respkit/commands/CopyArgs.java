package io.respkit.commands;

/**
 * Options of {@code COPY}: the destination database ({@code DB}) and whether to overwrite an existing destination
 * ({@code REPLACE}).
 *
 * <pre>{@code
 * redis.copy("src", "dst", CopyArgs.NONE.replace().toDatabase(1));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param database the destination database, or -1 for the connection's database
 * @param replaceExisting whether to overwrite an existing destination key
 */
public record CopyArgs(int database, boolean replaceExisting) {

    /** No options: same database, no overwrite. */
    public static final CopyArgs NONE = new CopyArgs(-1, false);

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when the database is below -1
     */
    public CopyArgs {
        if (database < -1) {
            throw new IllegalArgumentException("COPY DB must not be negative");
        }
    }

    /**
     * Returns a copy copying into another database ({@code DB index}).
     *
     * @param index the database, at least 0
     * @return the options
     * @throws IllegalArgumentException when the index is negative
     */
    public CopyArgs toDatabase(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("COPY DB must not be negative");
        }
        return new CopyArgs(index, replaceExisting);
    }

    /** @return a copy that overwrites an existing destination ({@code REPLACE}) */
    public CopyArgs replace() {
        return new CopyArgs(database, true);
    }

    /**
     * Appends the options to a {@code COPY} whose keys were just added.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (database >= 0) {
            command.arg("DB").arg(database);
        }
        if (replaceExisting) {
            command.arg("REPLACE");
        }
    }
}
