package io.respkit.commands;

import java.util.Objects;

/**
 * Options of {@code MIGRATE}: {@code COPY} (keep the keys here), {@code REPLACE} (overwrite them there) and the
 * target's credentials ({@code AUTH password} or {@code AUTH2 username password}). The credentials never appear in
 * {@link #toString()}, and respkit masks them in logs and error messages.
 *
 * <pre>{@code
 * redis.migrate("10.0.0.2", 6379, 0, Duration.ofSeconds(5), MigrateArgs.NONE.copy().auth("default", secret), "k");
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param keepSource whether to keep the keys on this server ({@code COPY})
 * @param replaceExisting whether to overwrite existing keys on the target ({@code REPLACE})
 * @param username the target's user for {@code AUTH2}, or {@code null}
 * @param password the target's password, or {@code null} for none
 */
public record MigrateArgs(boolean keepSource, boolean replaceExisting, String username, String password) {

    /** No options: move the keys, fail on existing ones, no credentials. */
    public static final MigrateArgs NONE = new MigrateArgs(false, false, null, null);

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException when a username is given without a password
     */
    public MigrateArgs {
        if (username != null && password == null) {
            throw new IllegalArgumentException("MIGRATE AUTH2 needs a password with its username");
        }
    }

    /** @return a copy that keeps the keys on this server ({@code COPY}) */
    public MigrateArgs copy() {
        return new MigrateArgs(true, replaceExisting, username, password);
    }

    /** @return a copy that overwrites existing keys on the target ({@code REPLACE}) */
    public MigrateArgs replace() {
        return new MigrateArgs(keepSource, true, username, password);
    }

    /**
     * Returns a copy authenticating to the target with a password ({@code AUTH password}).
     *
     * @param newPassword the password
     * @return the options
     * @throws NullPointerException when the password is null
     */
    public MigrateArgs auth(String newPassword) {
        return new MigrateArgs(keepSource, replaceExisting, null, Objects.requireNonNull(newPassword, "password"));
    }

    /**
     * Returns a copy authenticating to the target as a user ({@code AUTH2 username password}).
     *
     * @param newUsername the user
     * @param newPassword the password
     * @return the options
     * @throws NullPointerException when an argument is null
     */
    public MigrateArgs auth(String newUsername, String newPassword) {
        return new MigrateArgs(keepSource, replaceExisting, Objects.requireNonNull(newUsername, "username"),
                Objects.requireNonNull(newPassword, "password"));
    }

    /**
     * Appends the options that precede {@code KEYS}.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (keepSource) {
            command.arg("COPY");
        }
        if (replaceExisting) {
            command.arg("REPLACE");
        }
        if (username != null) {
            command.arg("AUTH2").arg(username).arg(password);
        } else if (password != null) {
            command.arg("AUTH").arg(password);
        }
    }

    /** @return the options, credentials masked */
    @Override
    public String toString() {
        return "MigrateArgs[keepSource=" + keepSource + ", replaceExisting=" + replaceExisting
                + (password == null ? "" : ", credentials=***") + "]";
    }
}
