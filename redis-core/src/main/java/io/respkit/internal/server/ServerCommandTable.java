package io.respkit.internal.server;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The command tables of the servers a client talks to, learnt from the servers themselves: for a command respkit
 * does not type (a raw {@code execute("CMD", ...)}), its flags and key positions come from the server's
 * {@code COMMAND INFO}, asked once per server and command name and cached, so that cluster routing can find the keys
 * of any command the server knows. Thread-safe: any number of threads may ask at once; the first to ask a server
 * about a name runs the one {@code COMMAND INFO}, the others wait for its answer (bounded by that command's
 * timeout).
 *
 * <p><b>Why one name at a time, not the whole {@code COMMAND} table:</b> the full reply of Redis 7.0.15 is about
 * 90 KB (RESP2; later versions add more) describing 366 commands and subcommands, all to be read and parsed before
 * the first raw command could be routed, while an application sends raw commands under a handful of names. One
 * {@code COMMAND INFO name} (well under 1 KB, a container's subcommands included) per distinct name costs less in
 * total and spreads the cost; names the server does not know are cached too (a negative entry), so they are not
 * asked about again either.
 *
 * <p><b>Failures never fail the caller's command:</b> when {@code COMMAND INFO} is refused (a server older than
 * 2.8.13, {@code COMMAND} renamed or disabled with {@code rename-command}, {@code NOPERM} for an ACL user without
 * it) or its reply cannot be read, the table answers "unknown" for that server from then on and logs that once at
 * DEBUG. A connection failure, a timeout, an exhausted pool or an interrupt answers "unknown" for that call only; the
 * next call asks again, since such a failure says nothing about the server's commands.
 */
public final class ServerCommandTable {

    private static final Logger log = LoggerFactory.getLogger(ServerCommandTable.class);

    private final ConcurrentHashMap<String, Server> servers = new ConcurrentHashMap<>();

    /** Creates an empty table; servers are added as they are asked about. */
    public ServerCommandTable() {
    }

    /**
     * Returns what {@code server} says about the command {@code name}, asking it on first use.
     *
     * @param server the server's address, e.g. {@code "127.0.0.1:6379"}: any text that names one server
     * @param name the command name, any case, e.g. {@code "OBJECT"} (its subcommands come with it)
     * @param runner runs a command on that server; used only when the server must be asked
     * @return the command, or empty when the server does not know it or could not be asked
     * @throws NullPointerException when an argument is null
     */
    public Optional<CommandInfo> info(String server, String name, CommandRunner runner) {
        Objects.requireNonNull(runner, "runner");
        return servers.computeIfAbsent(Objects.requireNonNull(server, "server"), Server::new)
                .info(name.toLowerCase(Locale.ROOT), runner);
    }

    /**
     * Returns the key positions of a command to be sent to {@code server}, asking the server about the command's
     * name on first use.
     *
     * @param server the server's address
     * @param args the command's arguments, its name at 0
     * @param runner runs a command on that server; used only when the server must be asked
     * @return the positions; {@link KeyPositions.AskServer} when only {@code COMMAND GETKEYS} can find them;
     *         {@link KeyPositions.UnknownCommand} when the server does not know the command or could not be asked
     * @throws NullPointerException when an argument is null
     */
    public KeyPositions keyPositions(String server, Arguments args, CommandRunner runner) {
        return keyPositions(server, args, runner, false);
    }

    /**
     * Returns the key positions of a command to be sent to {@code server}, see
     * {@link #keyPositions(String, Arguments, CommandRunner)}.
     *
     * @param server the server's address
     * @param args the command's arguments, its name at 0
     * @param runner runs a command on that server; used only when the server must be asked
     * @param includeNotKeys whether arguments of {@code not_key} specs count, such as the shard channel of
     *        {@code SPUBLISH}, which a cluster routes by its slot like a key
     * @return the positions, {@link KeyPositions.AskServer} or {@link KeyPositions.UnknownCommand}
     * @throws NullPointerException when an argument is null
     */
    public KeyPositions keyPositions(String server, Arguments args, CommandRunner runner, boolean includeNotKeys) {
        if (args.count() == 0) {
            return KeyPositions.UnknownCommand.INSTANCE;
        }
        Optional<CommandInfo> info = info(server, args.text(0), runner);
        return info.isPresent() ? KeyExtraction.keyPositions(info.get(), args, includeNotKeys)
                : KeyPositions.UnknownCommand.INSTANCE;
    }

    /**
     * Returns the key positions of a built command, see {@link #keyPositions(String, Arguments, CommandRunner)}.
     *
     * @param server the server's address
     * @param command the command
     * @param runner runs a command on that server; used only when the server must be asked
     * @return the positions, {@link KeyPositions.AskServer} or {@link KeyPositions.UnknownCommand}
     * @throws NullPointerException when an argument is null
     */
    public KeyPositions keyPositions(String server, Command<?> command, CommandRunner runner) {
        return keyPositions(server, Arguments.of(command), runner);
    }

    /**
     * Returns whether asking about {@code name} would send nothing: the answer is cached (a negative one included),
     * or {@code server} was found unable to answer. For callers that must not wait for a connection.
     *
     * @param server the server's address
     * @param name the command name, any case
     * @return {@code true} when {@link #info(String, String, CommandRunner)} would answer without the runner
     * @throws NullPointerException when an argument is null
     */
    public boolean isCached(String server, String name) {
        Server s = servers.get(Objects.requireNonNull(server, "server"));
        if (s == null) {
            return false;
        }
        if (s.unavailable.get()) {
            return true;
        }
        CompletableFuture<Optional<CommandInfo>> answer = s.names.get(name.toLowerCase(Locale.ROOT));
        return answer != null && answer.isDone();
    }

    /**
     * Forgets what is known about {@code server}, for example after it was replaced or upgraded, so that it is
     * asked again.
     *
     * @param server the server's address
     * @throws NullPointerException when {@code server} is null
     */
    public void forget(String server) {
        servers.remove(Objects.requireNonNull(server, "server"));
    }

    /** One server's answers by lower-case command name, a future per name so that a name is asked once; thread-safe. */
    private static final class Server {

        private final String address;
        private final ConcurrentHashMap<String, CompletableFuture<Optional<CommandInfo>>> names =
                new ConcurrentHashMap<>();
        /** Set once COMMAND INFO was refused: the server is not asked again. */
        private final AtomicBoolean unavailable = new AtomicBoolean();

        Server(String address) {
            this.address = address;
        }

        Optional<CommandInfo> info(String name, CommandRunner runner) {
            CompletableFuture<Optional<CommandInfo>> answer = names.get(name);
            if (answer == null) {
                if (unavailable.get()) {
                    return Optional.empty();
                }
                CompletableFuture<Optional<CommandInfo>> mine = new CompletableFuture<>();
                answer = names.putIfAbsent(name, mine);
                if (answer == null) {
                    // The asking happens outside the map's locks: computeIfAbsent would hold a bin lock over I/O.
                    load(name, runner, mine);
                    answer = mine;
                }
            }
            return answer.join();
        }

        private void load(String name, CommandRunner runner, CompletableFuture<Optional<CommandInfo>> answer) {
            Optional<CommandInfo> result = Optional.empty();
            try {
                Command<Object> command = Command.create(StringCodec.UTF8, "COMMAND", ReplyDecoders.raw())
                        .arg("INFO").arg(name);
                List<Optional<CommandInfo>> infos = CommandInfoParser.parseInfo(runner.run(command));
                result = infos.isEmpty() ? Optional.empty() : infos.get(0);
            } catch (RedisConnectionException | RedisPoolExhaustedException | RedisInterruptedException e) {
                // Says nothing about the server's commands: answer unknown now, ask again next time.
                names.remove(name, answer);
                log.debug("COMMAND INFO {} on {} failed, will ask again: {}", name, address, e.toString());
            } catch (RuntimeException e) {
                if (unavailable.compareAndSet(false, true)) {
                    log.debug("COMMAND INFO is unavailable on {} ({}): raw commands sent there get no key positions "
                            + "from the server", address, e.toString());
                }
            } finally {
                answer.complete(result);
            }
        }
    }
}
