package io.respkit.internal.server;

import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.exceptions.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * Which arguments of a command are keys, for routing by key (Redis Cluster): the keys the command marked itself
 * (every typed command marks all of its keys, see {@link Command#key(String)}), else what the server's
 * {@code COMMAND INFO} key specs say for these arguments ({@link ServerCommandTable}, one lookup per server and
 * name), else, where only the server can tell ({@code SORT ... STORE}, {@code MIGRATE ... KEYS}, movable keys
 * without key specs), the server's own {@code COMMAND GETKEYS} for these arguments, one round trip per call. Both
 * lookups run through the {@link CommandRunner}, on a connection other than the one the command is sent on.
 * Thread-safe, as the table and the runner are.
 *
 * <p>A command created by name with plain arguments ({@code execute("GET", "k")}) has no marked keys, whether or not
 * respkit knows its name: it is looked up like any raw command. A command that marks some keys is trusted to have
 * marked all of them.
 */
public final class CommandKeys {

    private static final Logger log = LoggerFactory.getLogger(CommandKeys.class);
    private static final int[] NONE = new int[0];

    private final ServerCommandTable table;
    private final String server;
    private final CommandRunner runner;
    private final boolean includeNotKeys;

    /**
     * Creates the key finder of one server.
     *
     * @param table the command tables, possibly shared with other servers
     * @param server the server's address, as the table knows it
     * @param runner runs {@code COMMAND INFO} and {@code COMMAND GETKEYS} on that server
     * @throws NullPointerException when an argument is null
     */
    public CommandKeys(ServerCommandTable table, String server, CommandRunner runner) {
        this(table, server, runner, false);
    }

    /**
     * Creates the key finder of one server.
     *
     * @param table the command tables, possibly shared with other servers
     * @param server the server's address, as the table knows it
     * @param runner runs {@code COMMAND INFO} and {@code COMMAND GETKEYS} on that server
     * @param includeNotKeys whether arguments of {@code not_key} key specs count: a cluster routes the shard channel
     *        of {@code SPUBLISH} by its slot like a key
     * @throws NullPointerException when an argument is null
     */
    public CommandKeys(ServerCommandTable table, String server, CommandRunner runner, boolean includeNotKeys) {
        this.table = Objects.requireNonNull(table, "table");
        this.server = Objects.requireNonNull(server, "server");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.includeNotKeys = includeNotKeys;
    }

    /**
     * Returns the argument positions of the command's keys (position 0 is the first word of its name), in the
     * order the server's {@code COMMAND GETKEYS} lists them.
     *
     * @param command the command
     * @return the positions, a new array; empty for a command without keys, and when nothing can tell (the server
     *         does not know the command, cannot be asked, or refuses the arguments)
     * @throws NullPointerException when the command is null
     */
    public int[] positions(Command<?> command) {
        int marked = command.keyCount();
        if (marked > 0) {
            int[] positions = new int[marked];
            for (int i = 0; i < marked; i++) {
                positions[i] = command.keyPosition(i);
            }
            return positions;
        }
        KeyPositions found = table.keyPositions(server, Arguments.of(command), runner, includeNotKeys);
        if (found instanceof KeyPositions.Found f) {
            return f.positions();
        }
        if (found instanceof KeyPositions.AskServer) {
            return askServer(command);
        }
        return NONE;
    }

    /** {@code COMMAND GETKEYS} with the command's arguments; the keys it names mapped back to their positions. */
    private int[] askServer(Command<?> command) {
        int argc = command.argumentCount();
        Command<Object> getKeys = Command.create(command.codec(), "COMMAND", ReplyDecoders.raw(), argc + 2)
                .arg("GETKEYS");
        for (int i = 0; i < argc; i++) {
            getKeys.arg(command.argumentText(i));
        }
        Object reply;
        try {
            reply = runner.run(getKeys);
        } catch (RedisException e) {
            // An error reply (arguments the server refuses) or a failure: nothing can tell, and routing goes on.
            log.debug("COMMAND GETKEYS for {} on {} failed: {}", command.name(), server, e.getClass().getSimpleName());
            return NONE;
        }
        if (!(reply instanceof List<?> keys) || keys.isEmpty()) {
            return NONE;
        }
        Charset charset = command.codec().charset();
        int[] positions = new int[keys.size()];
        boolean[] taken = new boolean[argc];
        int previous = 0;
        for (int k = 0; k < positions.length; k++) {
            String key = text(keys.get(k), charset);
            // The server lists keys in argument order: look after the previous key first, so that an earlier
            // argument with the same text (a key named like a keyword) is not taken for it.
            int at = find(command, key, previous + 1, argc, taken);
            if (at < 0) {
                at = find(command, key, 1, previous + 1, taken);
            }
            if (at < 0) {
                return NONE; // not one of the arguments: nothing this client sent, so nothing it can route by
            }
            taken[at] = true;
            positions[k] = at;
            previous = at;
        }
        return positions;
    }

    private static int find(Command<?> command, String key, int from, int to, boolean[] taken) {
        for (int i = from; i < to; i++) {
            if (!taken[i] && command.argumentText(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(Object reply, Charset charset) {
        return reply instanceof byte[] b ? new String(b, charset) : String.valueOf(reply);
    }
}
