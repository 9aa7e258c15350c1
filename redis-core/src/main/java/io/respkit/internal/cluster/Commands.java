package io.respkit.internal.cluster;

import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoder;

/**
 * Copies of commands, for sending one command to several nodes or in parts.
 *
 * <p>Stateless and thread-safe.
 */
final class Commands {

    private Commands() {
    }

    /**
     * Copies a command with another decoder: the same name and arguments, its keys still marked as keys.
     *
     * @param command the command
     * @param decoder the copy's decoder
     * @return the copy
     */
    static <R> Command<R> copy(Command<?> command, ReplyDecoder<R> decoder) {
        int n = command.argumentCount();
        Command<R> copy = start(command, decoder, n);
        for (int i = 1; i < n; i++) {
            add(copy, command, i, isKey(command, i));
        }
        if (command.isReadOnly()) {
            copy.readOnly();
        }
        return copy;
    }

    /** The command's first word, by name: a subcommand given as the next argument is found again from it. */
    static <R> Command<R> start(Command<?> command, ReplyDecoder<R> decoder, int capacity) {
        return Command.create(command.codec(), command.argumentText(0), decoder, capacity);
    }

    /** Adds argument {@code i} of {@code from} to {@code to}, as a key when {@code key}. */
    static void add(Command<?> to, Command<?> from, int i, boolean key) {
        Object arg = from.argument(i);
        if (arg instanceof String s) {
            if (key) {
                to.key(s);
            } else {
                to.arg(s);
            }
        } else if (arg instanceof byte[] b) {
            to.arg(b);
        } else if (arg instanceof Long l) {
            to.arg(l.longValue());
        } else {
            to.arg(((Double) arg).doubleValue());
        }
    }

    private static boolean isKey(Command<?> command, int position) {
        for (int k = 0, n = command.keyCount(); k < n; k++) {
            if (command.keyPosition(k) == position) {
                return true;
            }
        }
        return false;
    }
}
