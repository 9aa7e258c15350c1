package io.respkit.internal;

import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.RedisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs work under a {@link CommandObserver}, shielding the caller from an observer that throws.
 *
 * <p>Stateless and thread-safe.
 */
public final class Observations {

    private static final Logger log = LoggerFactory.getLogger(CommandObserver.class);

    /** A call that does nothing, for an observer that failed to start one. */
    private static final CommandObserver.Call NOTHING = new CommandObserver.Call() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(RuntimeException error) {
        }
    };

    private Observations() {
    }

    /**
     * Returns the name an observed command goes by: its spec's name ({@code GET}, {@code CONFIG GET}), or the first
     * word it was sent with, in upper case, for a command respkit does not know. Never {@link Command#name()} as such:
     * a whole command line given as the name ({@code "SET k v"}) holds arguments, which the operation's name (a span's
     * name, a metric's tag) must not show whatever query text the observer asked for.
     *
     * @param command the command
     * @return its name, without arguments
     */
    public static String nameOf(Command<?> command) {
        CommandSpec spec = command.spec();
        return spec.isKnown() ? spec.name() : command.argumentText(0).toUpperCase(Locale.ROOT);
    }

    /**
     * Starts a call, or returns one that does nothing when the observer throws.
     *
     * @param observer the observer
     * @param name the operation's name
     * @param commands how many commands it carries
     * @param commandAt its command at an index below {@code commands}, for the query text the observer may ask for
     * @param server where it goes; its password is never shown
     * @return the call
     */
    public static CommandObserver.Call start(CommandObserver observer, String name, int commands,
            IntFunction<Command<?>> commandAt, RedisConfig server) {
        return start(observer, name, commands, commandAt, server.host(), server.port(), server);
    }

    /**
     * Starts a call on a server named by its address (a cluster node), or returns one that does nothing when the
     * observer throws.
     *
     * @param observer the observer
     * @param name the operation's name
     * @param commands how many commands it carries
     * @param commandAt its command at an index below {@code commands}, for the query text the observer may ask for
     * @param host the server's host
     * @param port the server's port
     * @param settings the database selected and the password never shown
     * @return the call
     */
    public static CommandObserver.Call start(CommandObserver observer, String name, int commands,
            IntFunction<Command<?>> commandAt, String host, int port, RedisConfig settings) {
        try {
            String text = QueryTexts.of(observer.queryText(), commands, commandAt, settings.password());
            CommandObserver.Call call = observer.start(new CommandObserver.Operation(name, commands, host, port,
                    settings.database(), text));
            return call != null ? call : NOTHING;
        } catch (RuntimeException e) {
            log.warn("Command observer {} failed to start a call; ignoring it", observer, e);
            return NOTHING;
        }
    }

    /** Ends a call as succeeded, ignoring an observer that throws. */
    public static void succeeded(CommandObserver.Call call) {
        try {
            call.succeeded();
        } catch (RuntimeException e) {
            log.warn("Command observer failed to end a call; ignoring it", e);
        }
    }

    /** Ends a call as failed, ignoring an observer that throws. */
    public static void failed(CommandObserver.Call call, RuntimeException error) {
        try {
            call.failed(error);
        } catch (RuntimeException e) {
            log.warn("Command observer failed to end a call; ignoring it", e);
        }
    }

    /**
     * Ends an asynchronous command's call as its future's outcome says, ignoring an observer that throws.
     *
     * @param call the call
     * @param error the failure the future completed with, or {@code null} on success
     */
    public static void completed(CommandObserver.Call call, Throwable error) {
        if (error == null) {
            succeeded(call);
        } else {
            failed(call, error instanceof RuntimeException e ? e : new CompletionException(error));
        }
    }

    /**
     * Runs {@code work} as one observed call.
     *
     * @param observer the observer
     * @param name the operation's name
     * @param commands how many commands it carries
     * @param commandAt its command at an index below {@code commands}, for the query text the observer may ask for
     * @param server where it goes
     * @param work the work
     * @param <T> its result type
     * @return what {@code work} returned
     */
    public static <T> T observe(CommandObserver observer, String name, int commands,
            IntFunction<Command<?>> commandAt, RedisConfig server, Supplier<T> work) {
        CommandObserver.Call call = start(observer, name, commands, commandAt, server);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            failed(call, e);
            throw e;
        }
        succeeded(call);
        return result;
    }
}
