package io.respkit.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.Durations;
import io.respkit.internal.commands.KeyPositions;
import io.respkit.internal.commands.SortedSetRangeDefs;
import io.respkit.protocol.RespWriter;

import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * One Redis command: its words and arguments, the decoder for its reply, and the codec for its values. A command is
 * defined once and runs unchanged directly, in a {@link io.respkit.Pipeline} or in a {@link io.respkit.Transaction}.
 * Use it with {@link io.respkit.RedisClient#execute(Command)} for commands the typed API does not cover.
 *
 * <p>Arguments are added while the command is built; after it has been handed to a client it must not change. Not
 * thread-safe while being built; safe to read once built.
 *
 * <pre>{@code
 * Command<Long> cmd = Command.create(client.codec(), "OBJECT FREQ", ReplyDecoders.integer()).key("k");
 * long freq = client.execute(cmd);
 * }</pre>
 *
 * @param <T> the decoded reply type
 */
public final class Command<T> {

    // A number argument's slot in refs holds one of these markers and its value (or raw double bits) sits in the
    // lazily created numbers array; String and byte[] arguments are stored as themselves. Derived from the
    // reference rather than kept in a parallel kinds array: one array less per command, on every hot path.
    private static final Object LONG = new Object();
    private static final Object DOUBLE = new Object();
    /** The longest block time a command records; 2^62 ms is forever all the same. */
    static final long MAX_BLOCK_MILLIS = Durations.MAX_MILLIS;

    /** Set at creation only; not final because a name holding credentials is shortened once its words are known. */
    String name;
    /** Not final: {@link #spec()} resolves a subcommand given as an argument, a benign race (same spec each time). */
    private CommandSpec spec;
    private final RedisCodec<?> codec;
    private final ReplyDecoder<T> decoder;
    private Object[] refs;
    private long[] numbers;
    private int size;
    /**
     * The block time and the read-only mark set by {@link #blocking} and {@link #readOnly()}, in one field,
     * {@code (blockMillis + 1) << 1 | readOnly}, so that a command stays small: 0 means that the spec decides.
     */
    private long state;
    /**
     * The argument position of the first key, 0 when there is none (position 0 always holds the command's first
     * word, never a key): most commands have one key, and recording it must cost no allocation.
     */
    private int firstKey;
    /**
     * The positions of the second and later keys as {@code [count, position...]}, created at the second key only.
     */
    private int[] moreKeys;

    Command(String name, CommandSpec spec, RedisCodec<?> codec, ReplyDecoder<T> decoder, int capacity) {
        this.name = name;
        this.spec = spec;
        this.codec = codec;
        this.decoder = decoder;
        this.refs = new Object[capacity];
    }

    /**
     * Starts a command. A name of several words, such as {@code "CONFIG GET"}, is sent as that many arguments. The
     * command gets the {@linkplain #spec() spec} respkit knows for the name (matched case-insensitively, the first
     * two words for a command with subcommands), or one without flags for a name it does not know.
     *
     * @param codec the codec for values and the charset for text
     * @param name the command name, e.g. {@code "GET"} or {@code "SCRIPT LOAD"}
     * @param decoder the reply decoder
     * @param <T> the decoded reply type
     * @return the command, ready for arguments
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the name is blank
     */
    public static <T> Command<T> create(RedisCodec<?> codec, String name, ReplyDecoder<T> decoder) {
        return CommandStarts.create(codec, name, decoder, 4);
    }

    /**
     * Starts a command, with room for {@code capacity} arguments (its name's words included) before its argument
     * array grows: for definitions that know how many arguments they add, so that a {@code GET key} carries an array
     * of two instead of four. The command grows past {@code capacity} as needed; the capacity changes nothing that is
     * sent.
     *
     * @param codec the codec for values and the charset for text
     * @param name the command name, e.g. {@code "GET"} or {@code "SCRIPT LOAD"}
     * @param decoder the reply decoder
     * @param capacity how many arguments to make room for, its name's words included; below 1 counts as 1
     * @param <T> the decoded reply type
     * @return the command, ready for arguments
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the name is blank
     */
    public static <T> Command<T> create(RedisCodec<?> codec, String name, ReplyDecoder<T> decoder, int capacity) {
        return CommandStarts.create(codec, name, decoder, capacity);
    }

    /**
     * Starts a command with the given spec, its name's words sent first: how typed commands start, with no lookup.
     *
     * @param codec the codec for values and the charset for text
     * @param spec the command's spec
     * @param decoder the reply decoder
     * @param <T> the decoded reply type
     * @return the command, ready for arguments
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the spec has no name (the spec of unknown commands)
     */
    public static <T> Command<T> create(RedisCodec<?> codec, CommandSpec spec, ReplyDecoder<T> decoder) {
        return create(codec, spec, decoder, 4);
    }

    /**
     * Like {@link #create(RedisCodec, CommandSpec, ReplyDecoder)}, with room for exactly {@code arguments}
     * arguments (its name's words included) before its array grows, for definitions that know how many they add.
     *
     * @param codec the codec for values and the charset for text
     * @param spec the command's spec
     * @param decoder the reply decoder
     * @param arguments how many arguments it will have
     * @param <T> the decoded reply type
     * @return the command, ready for arguments
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the spec has no name (the spec of unknown commands)
     */
    public static <T> Command<T> create(RedisCodec<?> codec, CommandSpec spec, ReplyDecoder<T> decoder,
            int arguments) {
        return CommandStarts.create(codec, spec, decoder, arguments);
    }

    /**
     * Adds a key, encoded with the codec's charset.
     *
     * @param key the key
     * @return this command
     * @throws NullPointerException when the key is null
     */
    public Command<T> key(String key) {
        Objects.requireNonNull(key, "key");
        if (firstKey == 0) {
            firstKey = size;
        } else {
            moreKeys = KeyPositions.room(moreKeys, 1);
            moreKeys[++moreKeys[0]] = size;
        }
        return add(key, 0);
    }

    /**
     * Adds each key.
     *
     * @param keys the keys
     * @return this command
     * @throws NullPointerException when a key is null
     */
    public Command<T> keys(Iterable<String> keys) {
        if (keys instanceof Collection<?> all && all.size() > 1) {
            moreKeys = KeyPositions.room(moreKeys, firstKey == 0 ? all.size() - 1 : all.size());
        }
        for (String key : keys) {
            key(key);
        }
        return this;
    }

    /**
     * Adds each value, encoded by this command's codec.
     *
     * @param values the values, of the codec's value type
     * @return this command
     * @throws NullPointerException when a value is null
     * @throws ClassCastException when a value is not of the codec's type
     */
    public Command<T> values(Iterable<?> values) {
        for (Object v : values) {
            value(v);
        }
        return this;
    }

    /**
     * Adds a text argument (a keyword, a field, a channel), encoded with the codec's charset.
     *
     * @param text the text
     * @return this command
     * @throws NullPointerException when the text is null
     */
    public Command<T> arg(String text) {
        return add(Objects.requireNonNull(text, "argument"), 0);
    }

    /**
     * Adds a binary argument, sent as is.
     *
     * @param bytes the bytes
     * @return this command
     * @throws NullPointerException when the bytes are null
     */
    public Command<T> arg(byte[] bytes) {
        return add(Objects.requireNonNull(bytes, "argument"), 0);
    }

    /**
     * Adds an integer argument, sent as its decimal digits.
     *
     * @param number the number
     * @return this command
     */
    public Command<T> arg(long number) {
        return add(LONG, number);
    }

    /**
     * Adds a floating-point argument; infinities are sent as {@code +inf}/{@code -inf}.
     *
     * @param number the number
     * @return this command
     * @throws IllegalArgumentException when the number is NaN
     */
    public Command<T> arg(double number) {
        if (Double.isNaN(number)) {
            throw new IllegalArgumentException("NaN is not a valid argument for " + name);
        }
        return add(DOUBLE, Double.doubleToRawLongBits(number));
    }

    /**
     * Adds a value, encoded by this command's codec. The value must be of the codec's value type.
     *
     * @param value the value
     * @return this command
     * @throws NullPointerException when the value is null
     * @throws ClassCastException when the value is not of the codec's type
     */
    @SuppressWarnings("unchecked")
    public Command<T> value(Object value) {
        Objects.requireNonNull(value, "value");
        Object arg = ((RedisCodec<Object>) codec).toArgument(value);
        return add(arg instanceof String ? arg : (byte[]) arg, 0);
    }

    /**
     * Marks the command as blocking on the server for up to {@code timeout}, so that the connection waits that much
     * longer than its read timeout for the reply; zero blocks forever. Overrides the block time the command's
     * {@linkplain #spec() spec} would read from its timeout argument.
     *
     * @param timeout how long the server may block, zero for forever
     * @return this command
     * @throws IllegalArgumentException when the timeout is negative
     */
    public Command<T> blocking(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("blocking timeout must not be negative");
        }
        // Rounded up and clamped exactly as the definitions send it.
        long millis = Durations.millisRoundedUp(timeout);
        state = (millis + 1) << 1 | (state & 1);
        return this;
    }

    /**
     * Marks the command as a read that changes nothing on the server, so that running it twice is harmless. A client
     * configured with {@link io.respkit.connection.RedisConfig.Builder#retryReads(boolean)} may then retry it once on
     * a fresh connection after a connection failure; commands not marked are never retried, because a write whose
     * reply was lost may already have been applied. Commands with a read-only {@linkplain #spec() spec} are read-only.
     *
     * @return this command
     */
    public Command<T> readOnly() {
        state |= 1;
        return this;
    }

    /**
     * Returns whether the command changes nothing on the server: its {@linkplain #spec() spec} says so, or it was
     * marked with {@link #readOnly()}.
     *
     * @return {@code true} for a read that is safe to retry
     */
    public boolean isReadOnly() {
        return (state & 1) != 0 || spec().isReadOnly();
    }

    /**
     * Returns the spec of the command's name (of its subcommand for {@code "CLIENT"} created with {@code SETNAME} as
     * its first argument), or the spec of unknown commands, which has no flags.
     *
     * @return the spec, never {@code null}
     */
    public CommandSpec spec() {
        CommandSpec s = spec;
        if (s.hasSubcommands() && size > 1) {
            CommandSpec sub = CommandSpecs.subcommand(s, argumentText(1));
            spec = sub;
            return sub;
        }
        return s;
    }

    /**
     * Returns how many of the arguments are keys, that is were added with {@link #key(String)} or
     * {@link #keys(Iterable)}; cluster routing hashes exactly these.
     *
     * @return the number of keys, 0 for a command without keys
     */
    public int keyCount() {
        return firstKey == 0 ? 0 : moreKeys == null ? 1 : 1 + moreKeys[0];
    }

    /**
     * Returns the argument position of key {@code i}, in the order the keys were added, for use with
     * {@link #argumentText(int)}.
     *
     * @param i the key's index, 0 for the first key
     * @return the key's argument position, at least 1
     * @throws IndexOutOfBoundsException when {@code i} is not below {@link #keyCount()}
     */
    public int keyPosition(int i) {
        if (i < 0 || i >= keyCount()) {
            throw new IndexOutOfBoundsException(i);
        }
        return i == 0 ? firstKey : moreKeys[i];
    }

    /**
     * Returns the command name, as used in messages; it never includes arguments. For a command line passed as the
     * name ({@code "SET k v"}) it is the name respkit knows for it ({@code "SET"}, {@code "CONFIG GET"}), or its first
     * word for a command respkit does not know; for a credential-carrying one ({@code "AUTH user password"}) only the
     * command word and, for {@code ACL}, {@code CONFIG} and {@code SENTINEL}, the subcommand. A one-word name keeps
     * its spelling.
     *
     * @return the name, e.g. {@code "GET"}
     */
    public String name() {
        return name;
    }

    /**
     * Returns how long the server may block, in milliseconds: the time given to {@link #blocking}, else the one the
     * timeout argument of a {@linkplain CommandSpec#isBlocking() blocking} command asks for; -1 when the command
     * does not block, 0 for forever.
     *
     * @return the block time in milliseconds, 0 or -1
     */
    public long blockMillis() {
        long marked = state >>> 1;
        if (marked != 0) {
            return marked - 1;
        }
        BlockTimeout timeout = spec().timeout();
        return timeout == null ? -1 : timeout.millis(this);
    }

    /**
     * Returns the number of arguments including the command's own words.
     *
     * @return the argument count
     */
    public int argumentCount() {
        return size;
    }

    /**
     * Returns argument {@code i} as text, for inspecting commands (for example which command a connection ran).
     *
     * @param i the index, 0 for the first word of the name
     * @return the argument as text
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public String argumentText(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        Object ref = refs[i];
        if (ref instanceof String s) {
            return s;
        }
        if (ref instanceof byte[] b) {
            return new String(b, codec.charset());
        }
        // a double as RespWriter.writeBulk(double) sends it (never NaN: arg(double) refuses it)
        return ref == LONG ? Long.toString(numbers[i]) : SortedSetRangeDefs.bound(Double.longBitsToDouble(numbers[i]));
    }

    /**
     * Returns argument {@code i} as it was given, for routing and copying commands (Redis Cluster splits a
     * multi-key command per slot): a {@link String} (text, a key, or a value the codec passed as text), a
     * {@code byte[]} (not copied: do not modify it), a {@link Long} or a {@link Double}.
     *
     * @param i the index, 0 for the first word of the name
     * @return the argument
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public Object argument(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        Object ref = refs[i];
        if (ref == LONG) {
            return numbers[i];
        }
        return ref == DOUBLE ? Double.longBitsToDouble(numbers[i]) : ref;
    }

    /**
     * Returns the codec this command encodes and decodes with.
     *
     * @return the codec
     */
    public RedisCodec<?> codec() {
        return codec;
    }

    /**
     * Returns the decoder this command's reply is decoded with.
     *
     * @return the decoder
     */
    public ReplyDecoder<T> decoder() {
        return decoder;
    }

    /**
     * Decodes the raw reply to this command.
     *
     * @param reply the raw reply, not an error
     * @return the decoded value
     * @throws io.respkit.exceptions.RedisProtocolException when the reply has an unexpected shape
     */
    public T decode(Object reply) {
        return decoder.decode(reply, codec);
    }

    /**
     * Writes the command as a RESP array of bulk strings.
     *
     * @param writer the writer
     * @throws IOException when the writer's stream fails
     */
    public void writeTo(RespWriter writer) throws IOException {
        writer.writeArrayHeader(size);
        Charset charset = codec.charset();
        for (int i = 0; i < size; i++) {
            Object ref = refs[i];
            if (ref instanceof String s) {
                writer.writeBulk(s, charset);
            } else if (ref instanceof byte[] b) {
                writer.writeBulk(b);
            } else if (ref == LONG) {
                writer.writeBulk(numbers[i]);
            } else {
                writer.writeBulk(Double.longBitsToDouble(numbers[i]));
            }
        }
    }

    /** Appends a String, a byte[], or the LONG or DOUBLE marker with its value in {@code number}. */
    private Command<T> add(Object ref, long number) {
        if (size == refs.length) {
            int n = size * 2;
            refs = Arrays.copyOf(refs, n);
            if (numbers != null) {
                numbers = Arrays.copyOf(numbers, n);
            }
        }
        if (ref == LONG || ref == DOUBLE) {
            if (numbers == null) {
                numbers = new long[refs.length];
            }
            numbers[size] = number;
        }
        refs[size] = ref;
        size++;
        return this;
    }

    /**
     * Returns the command name only: arguments may hold secrets and are never shown.
     *
     * @return e.g. {@code "Command[GET]"}
     */
    @Override
    public String toString() {
        return "Command[" + name + "]";
    }
}
