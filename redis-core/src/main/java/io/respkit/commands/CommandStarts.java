package io.respkit.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.internal.commands.CommandSpecs;

import java.util.Objects;

/**
 * How a {@link Command} starts: from a spec (its name's words, no lookup) or from a name (the spec looked up once,
 * case-insensitively; a multi-word name split on any blank and shown by its command words only).
 *
 * <p>Stateless and thread-safe.
 */
final class CommandStarts {

    private CommandStarts() {
    }

    /** See {@link Command#create(RedisCodec, CommandSpec, ReplyDecoder, int)}. */
    static <T> Command<T> create(RedisCodec<?> codec, CommandSpec spec, ReplyDecoder<T> decoder, int arguments) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(decoder, "decoder");
        String[] words = spec.wordsShared();
        if (words.length == 0) {
            throw new IllegalArgumentException("the spec of unknown commands has no name to send");
        }
        Command<T> command = new Command<>(spec.name(), spec, codec, decoder, Math.max(1, arguments));
        for (String word : words) {
            command.arg(word);
        }
        return command;
    }

    /** See {@link Command#create(RedisCodec, String, ReplyDecoder)}; room for {@code capacity} arguments. */
    static <T> Command<T> create(RedisCodec<?> codec, String name, ReplyDecoder<T> decoder, int capacity) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("command name must not be blank");
        }
        if (!hasBlank(name)) {
            return new Command<>(name, CommandSpecs.lookup(name), codec, decoder, Math.max(1, capacity)).arg(name);
        }
        // Any blank separates words: a tab or a newline must not hide a credential command's arguments in one "name".
        String[] words = name.trim().split("\\s+");
        CommandSpec spec = CommandSpecs.lookup(words);
        Command<T> command = new Command<>(name, spec, codec, decoder, Math.max(capacity, words.length));
        for (String word : words) {
            command.arg(word);
        }
        // A whole command line passed as the name ("AUTH user password", "SET k v") shows only its command words,
        // in messages and metrics alike: its arguments may be credentials or user data.
        if (spec.carriesCredentials(command)) {
            boolean twoWords = (spec.isSubcommand() || spec.hasSubcommands()) && words.length > 1;
            command.name = twoWords ? words[0] + " " + words[1] : words[0];
        } else {
            command.name = spec.isKnown() ? spec.name() : words[0];
        }
        return command;
    }

    /** Whether the name holds white space as {@code \\s} matches it: space, tab, newline, CR, form feed, VT. */
    private static boolean hasBlank(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                return true;
            }
        }
        return false;
    }
}
