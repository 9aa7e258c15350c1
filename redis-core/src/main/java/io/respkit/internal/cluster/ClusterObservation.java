package io.respkit.internal.cluster;

import io.respkit.cluster.ClusterConfig;
import io.respkit.commands.Command;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.HostAndPort;
import io.respkit.internal.Observations;

import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * One observed call on a cluster: a command (however many nodes it fans out to, however many redirects it follows),
 * a pipeline round or a transaction. Its {@link CommandObserver.Call} starts when the node of its first attempt is
 * chosen ({@link #routedTo}), so that the {@link CommandObserver.Operation} names that node; later attempts (a
 * {@code MOVED} or {@code ASK} followed, the other nodes of a fan-out or of a split {@code MGET}, a retried read) are
 * part of the same call. A call that ends before any node was chosen (keys spanning slots, no node serving the slot,
 * a closed client) names the first seed, since there is no node to name. The database is the cluster's, always 0.
 *
 * <p>Thread-safe: an asynchronous command is routed on one thread and may be ended on another (its response completed
 * by the caller, who gave up, while a worker routes it); whichever comes first decides, and the call starts and ends
 * exactly once. The observer itself runs under {@link Observations}, which keeps its exceptions from the caller.
 */
public final class ClusterObservation {

    private final CommandObserver observer;
    private final String name;
    private final int commands;
    private final IntFunction<Command<?>> commandAt;
    private final ClusterConfig config;
    /** Started, or {@code null} until routed; guarded by this. */
    private CommandObserver.Call call;
    /** Once ended, a late {@link #routedTo} starts nothing; guarded by this. */
    private boolean ended;

    /**
     * Prepares a call, started by the first {@link #routedTo}.
     *
     * @param observer the observer
     * @param name the operation's name: the command's, {@code PIPELINE} or {@code MULTI}
     * @param commands how many commands it carries
     * @param commandAt its command at an index below {@code commands}, for the query text the observer may ask for
     * @param config the cluster's configuration: its first seed names a call never routed
     */
    public ClusterObservation(CommandObserver observer, String name, int commands,
            IntFunction<Command<?>> commandAt, ClusterConfig config) {
        this.observer = observer;
        this.name = name;
        this.commands = commands;
        this.commandAt = commandAt;
        this.config = config;
    }

    /**
     * Starts the call on the node its first attempt goes to; does nothing once started or ended.
     *
     * @param node the node chosen
     */
    public synchronized void routedTo(HostAndPort node) {
        if (call == null && !ended) {
            call = Observations.start(observer, name, commands, commandAt, node.host(), node.port(),
                    config.nodeConfig());
        }
    }

    /** Ends the call as succeeded; does nothing when it already ended. */
    public void succeeded() {
        CommandObserver.Call c = end();
        if (c != null) {
            Observations.succeeded(c);
        }
    }

    /**
     * Ends the call as failed; does nothing when it already ended.
     *
     * @param error what the caller got
     */
    public void failed(RuntimeException error) {
        CommandObserver.Call c = end();
        if (c != null) {
            Observations.failed(c, error);
        }
    }

    /**
     * Ends the call as its future's outcome says, for an asynchronous command.
     *
     * @param error the failure the future completed with, or {@code null} on success
     */
    public void completed(Throwable error) {
        CommandObserver.Call c = end();
        if (c != null) {
            Observations.completed(c, error);
        }
    }

    /**
     * Runs {@code work}, which routes this call, and ends the call with its outcome.
     *
     * @param work the work
     * @param <T> its result type
     * @return what {@code work} returned
     */
    public <T> T observe(Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
        succeeded();
        return result;
    }

    /** Marks the call ended and returns it, started on the first seed when never routed; null when already ended. */
    private synchronized CommandObserver.Call end() {
        if (ended) {
            return null;
        }
        ended = true;
        if (call == null) {
            HostAndPort seed = config.seeds().get(0);
            call = Observations.start(observer, name, commands, commandAt, seed.host(), seed.port(),
                    config.nodeConfig());
        }
        return call;
    }

    @Override
    public String toString() {
        return "ClusterObservation[" + name + " x" + commands + "]";
    }
}
