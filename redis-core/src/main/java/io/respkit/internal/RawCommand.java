package io.respkit.internal;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.internal.commands.Decoders;

import java.util.Objects;

/**
 * Builds the command of a client's {@code execute(String, Object...)}: by name, with arguments of any type, and the
 * reply decoded as a tree (bulk strings by the codec).
 *
 * <p>Stateless and thread-safe.
 */
public final class RawCommand {

    private RawCommand() {
    }

    /**
     * Creates the command: {@code String} and {@code byte[]} arguments are sent as they are, integral and
     * floating-point numbers as numbers, anything else as its {@code toString()}.
     *
     * @param codec the client's codec
     * @param name the command name, e.g. {@code "CONFIG GET"}
     * @param args the arguments
     * @return the command
     * @throws NullPointerException when an argument is null
     */
    public static Command<Object> of(RedisCodec<?> codec, String name, Object... args) {
        Command<Object> cmd = Command.create(codec, name, Decoders.decoded());
        for (Object arg : args) {
            if (arg instanceof String s) {
                cmd.arg(s);
            } else if (arg instanceof byte[] b) {
                cmd.arg(b);
            } else if (arg instanceof Long || arg instanceof Integer || arg instanceof Short || arg instanceof Byte) {
                cmd.arg(((Number) arg).longValue());
            } else if (arg instanceof Double || arg instanceof Float) {
                cmd.arg(((Number) arg).doubleValue());
            } else {
                cmd.arg(String.valueOf(Objects.requireNonNull(arg, "argument")));
            }
        }
        return cmd;
    }
}
