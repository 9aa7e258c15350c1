package io.respkit.internal.server;

import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The flags of commands respkit does not know, learnt from one server's {@code COMMAND INFO}: for a command whose
 * {@linkplain Command#spec() spec} is not {@linkplain CommandSpec#isKnown() known} (a raw {@code execute("PFCOUNT",
 * ...)}, a module's {@code FT.SEARCH}), a {@link CommandSpec} built from the server's entry for its name, or for its
 * subcommand ({@code MODULE LIST}, {@code OBJECT ENCODING}) when the entry has one named by the second argument.
 * Thread-safe: the client's threads share one instance per server; the server is asked once per name (see
 * {@link ServerCommandTable}) and the spec built from its answer is cached here, so later uses cost one map read.
 *
 * <p>What a server-derived spec says: {@code readonly} without {@code write} is {@linkplain CommandSpec#isReadOnly()
 * read-only}, so {@code retryReads} may retry it; {@code write} is {@linkplain CommandSpec#isWrite() a write};
 * {@code blocking} makes it {@linkplain CommandSpec#isDedicated() dedicated} (never on the shared multiplexed
 * connection), and since the server does not say which argument is the timeout, such a command is taken to block
 * forever: the read timeout does not apply to it (a command marked with {@link Command#blocking(Duration)} keeps the
 * block time it was given); its {@code request_policy} and {@code response_policy} tips (Redis 7+) are its
 * {@linkplain CommandSpec#requestPolicy() request} and {@linkplain CommandSpec#responsePolicy() response} policies,
 * for cluster routing (see {@link CommandTips}). Nothing else: the server's flags do not say what a command leaves on its connection, so
 * a server-derived spec changes no connection state and carries no credentials. A server that cannot be asked
 * ({@code COMMAND} renamed away, an ACL user without it) or does not know the name gives {@link CommandSpec#UNKNOWN}:
 * no flags, as before.
 *
 * <p><b>Cost.</b> Typed commands never get here: callers test {@code command.spec().isKnown()} first. The first use
 * of a name costs one {@code COMMAND INFO} round trip on a pooled connection (through the {@link CommandRunner}),
 * never on the connection the command itself runs on.
 */
public final class EffectiveSpecs {

    private final ServerCommandTable table;
    private final String server;
    private final CommandRunner runner;
    /** By the command's first word exactly as sent (no case conversion on the hot path); names the server knows. */
    private final ConcurrentHashMap<String, Entry> byName = new ConcurrentHashMap<>();

    /**
     * Creates the specs of one server.
     *
     * @param table the command tables, possibly shared with other servers' specs
     * @param server the server's address, as the table knows it
     * @param runner runs {@code COMMAND INFO} on a connection to that server other than the caller's
     * @throws NullPointerException when an argument is null
     */
    public EffectiveSpecs(ServerCommandTable table, String server, CommandRunner runner) {
        this.table = Objects.requireNonNull(table, "table");
        this.server = Objects.requireNonNull(server, "server");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Returns the spec the command runs under: its own when respkit knows it, else the server's, asking the server
     * on the first use of the name.
     *
     * @param command the command
     * @return the spec; {@link CommandSpec#UNKNOWN} when neither respkit nor the server can say
     * @throws NullPointerException when the command is null
     */
    public CommandSpec spec(Command<?> command) {
        CommandSpec own = command.spec();
        return own.isKnown() ? own : serverSpec(command, null);
    }

    /**
     * Marks a command respkit does not know with what the server says about it, so that the paths that read a
     * command's own marks treat it accordingly: {@link Command#readOnly()} for a read-only command (retried by
     * {@code retryReads}); {@link Command#blocking(Duration) blocking(0)}, that is forever, for a blocking one not
     * marked blocking already (dedicated, and exempt from the read timeout). Asks the server on the first use of the
     * name. Never fails the command: when the server cannot be asked, nothing is marked. Call it only for a command
     * whose spec is not known.
     *
     * @param command the command, about to run
     * @throws NullPointerException when the command is null
     */
    public void apply(Command<?> command) {
        mark(command, serverSpec(command, null));
    }

    /**
     * Like {@link #apply(Command)}, for a caller that holds a connection of the pool the runner borrows from (a
     * pipeline): a name not yet known is asked about only when {@code connectionFree} says the pool has a
     * connection free, so that the caller never waits for the pool while holding one of its connections. A name not
     * asked about is left unmarked this time, and asked about at its next use.
     *
     * @param command the command, about to be queued
     * @param connectionFree whether the runner can get a connection without waiting
     * @throws NullPointerException when an argument is null
     */
    public void applyBeside(Command<?> command, BooleanSupplier connectionFree) {
        mark(command, serverSpec(command, Objects.requireNonNull(connectionFree, "connectionFree")));
    }

    private static void mark(Command<?> command, CommandSpec spec) {
        if (spec.isReadOnly()) {
            command.readOnly();
        }
        // Only a server-blocking command is dedicated here (see toSpec): its timeout's place is unknown.
        if (spec.isDedicated() && command.blockMillis() < 0) {
            command.blocking(Duration.ZERO);
        }
    }

    /** The server's spec for the command's name (and subcommand); UNKNOWN when it cannot say or was not asked. */
    private CommandSpec serverSpec(Command<?> command, BooleanSupplier connectionFree) {
        if (command.argumentCount() == 0) {
            return CommandSpec.UNKNOWN;
        }
        String word = command.argumentText(0);
        Entry entry = byName.get(word);
        if (entry == null) {
            if (word.equalsIgnoreCase("COMMAND")) {
                // The table's own command (a runner over a client sends it raw): asking about it would double every
                // lookup, and the server flags it neither readonly, write nor blocking.
                return CommandSpec.UNKNOWN;
            }
            if (connectionFree != null && !table.isCached(server, word) && !connectionFree.getAsBoolean()) {
                return CommandSpec.UNKNOWN;
            }
            Optional<CommandInfo> info = table.info(server, word, runner);
            if (info.isEmpty()) {
                // Not cached here: the table keeps what is settled (an unknown name, COMMAND unavailable) and asks
                // again after a failure that says nothing about the server's commands.
                return CommandSpec.UNKNOWN;
            }
            try {
                entry = byName.computeIfAbsent(word, w -> Entry.of(w, info.get()));
            } catch (IllegalArgumentException e) {
                return CommandSpec.UNKNOWN; // a name no spec can carry (see Entry.toSpec): no flags, never a failure
            }
        }
        return entry.spec(command);
    }

    /** The spec of a name and of its subcommands, by their own word in any case. Immutable and thread-safe. */
    private record Entry(CommandSpec spec, Map<String, CommandSpec> subcommands) {

        static Entry of(String word, CommandInfo info) {
            String name = word.toUpperCase(Locale.ROOT);
            Map<String, CommandSpec> subs = Collections.emptyMap();
            if (!info.subcommands().isEmpty()) {
                TreeMap<String, CommandSpec> bySub = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                info.subcommands().forEach((subWord, sub) ->
                        bySub.put(subWord, toSpec(name + " " + subWord.toUpperCase(Locale.ROOT), sub)));
                subs = Collections.unmodifiableMap(bySub);
            }
            return new Entry(toSpec(name, info), subs);
        }

        CommandSpec spec(Command<?> command) {
            if (subcommands.isEmpty() || command.argumentCount() < 2) {
                return spec;
            }
            CommandSpec sub = subcommands.get(command.argumentText(1));
            return sub == null ? spec : sub;
        }

        private static CommandSpec toSpec(String name, CommandInfo info) {
            CommandSpec.Builder b;
            try {
                b = CommandSpec.builder(name);
            } catch (IllegalArgumentException e) {
                // A name the builder refuses (no capital form) still gets its flags under the server's own name.
                b = CommandSpec.builder(info.name().replace('|', ' ').toUpperCase(Locale.ROOT));
            }
            if (info.isReadOnly()) {
                b.readOnly();
            }
            if (info.isWrite()) {
                b.write();
            }
            if (info.isBlocking()) {
                b.dedicated();
            }
            return b.requestPolicy(info.requestPolicy()).responsePolicy(info.responsePolicy()).build();
        }
    }
}
