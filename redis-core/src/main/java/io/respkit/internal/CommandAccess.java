package io.respkit.internal;

import io.respkit.commands.Command;

import java.nio.charset.Charset;

/**
 * Gives connections what they need to know about a {@link Command} that is not part of its public API, in the way
 * the JDK's {@code SharedSecrets} do: {@link Command} installs the accessor when its class is initialised, which
 * happens before any command exists.
 *
 * <p>Thread-safe: the accessor is installed once, during {@link Command}'s class initialisation, and class
 * initialisation publishes it to every thread that can hold a command.
 */
public final class CommandAccess {

    /** What {@link Command} exposes to connections. */
    @FunctionalInterface
    public interface Accessor {
        /**
         * Returns the charset in which the command's top-level bulk reply may be decoded straight from the read
         * buffer to a {@link String}, because its decoder would turn the bytes into exactly that string.
         *
         * @param command the command
         * @return the charset, or {@code null} when the reply must stay bytes
         */
        Charset bulkTextCharset(Command<?> command);
    }

    private static Accessor accessor;

    private CommandAccess() {
    }

    /**
     * Installs the accessor; only {@link Command} calls this, once.
     *
     * @param a the accessor
     * @throws IllegalStateException when one is already installed
     */
    public static synchronized void install(Accessor a) {
        if (accessor != null) {
            throw new IllegalStateException("CommandAccess is installed by Command only");
        }
        accessor = a;
    }

    /**
     * See {@link Accessor#bulkTextCharset(Command)}.
     *
     * @param command the command
     * @return the charset, or {@code null} when the reply must stay bytes
     */
    public static Charset bulkTextCharset(Command<?> command) {
        return accessor.bulkTextCharset(command);
    }
}
