package io.respkit.internal;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoder;

import java.nio.charset.Charset;

/**
 * Gives connections and command definitions what they need of a {@link Command} that is not part of its public
 * API, in the way the JDK's {@code SharedSecrets} do: {@link Command} installs the accessor when its class is
 * initialised, which happens before any command exists.
 *
 * <p>Thread-safe: the accessor is installed once, during {@link Command}'s class initialisation, into a volatile
 * field.
 */
public final class CommandAccess {

    /** What {@link Command} exposes to connections and command definitions. */
    public interface Accessor {
        /**
         * Returns the charset in which the command's top-level bulk reply may be decoded straight from the read
         * buffer to a {@link String}, because its decoder would turn the bytes into exactly that string.
         *
         * @param command the command
         * @return the charset, or {@code null} when the reply must stay bytes
         */
        Charset bulkTextCharset(Command<?> command);

        /**
         * Starts a command like {@link Command#create}, with room for exactly {@code arguments} arguments.
         *
         * @param codec the codec
         * @param name the command name
         * @param decoder the reply decoder
         * @param arguments how many arguments it will have, its name's words included
         * @param <T> the decoded reply type
         * @return the command
         */
        <T> Command<T> create(RedisCodec<?> codec, String name, ReplyDecoder<T> decoder, int arguments);
    }

    private static volatile Accessor accessor;

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

    /**
     * Starts a command with room for exactly its arguments, for definitions that know how many they add: a
     * {@code GET key} then carries an array of two instead of four, and an {@code HSET} of three fields one of seven
     * instead of four grown to eight. See {@link Accessor#create}.
     *
     * @param codec the codec
     * @param name the command name
     * @param decoder the reply decoder
     * @param arguments how many arguments it will have, its name's words included
     * @param <T> the decoded reply type
     * @return the command
     */
    public static <T> Command<T> create(RedisCodec<?> codec, String name, ReplyDecoder<T> decoder, int arguments) {
        if (accessor == null) {
            Command.create(codec, name, decoder); // initialises Command, which installs the accessor
        }
        return accessor.create(codec, name, decoder, arguments);
    }
}
