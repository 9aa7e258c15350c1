package io.respkit.connection;

import java.util.Objects;

/**
 * Watches what a client runs, for tracing and metrics: the starter's Micrometer Observation support implements it,
 * and {@code RedisClient.withObserver(CommandObserver)} or {@code RedisClusterClient.withObserver(CommandObserver)}
 * installs it. Each single command, each executed pipeline round and each transaction is one {@link Call}, started as
 * it is about to be sent and ended once its outcome is known; on a cluster, a command that goes to several nodes or
 * follows redirects is one call too, named after the node its first attempt was sent to. A client without an
 * observer pays one {@code null} check per call.
 *
 * <p>Implementations must be thread-safe, quick, and must not throw: calls happen on the caller's thread (or, for an
 * asynchronous command, on the thread that completes it), and an exception thrown here is logged and ignored.
 */
public interface CommandObserver {

    /**
     * Starts observing a call.
     *
     * @param operation what is about to be sent, and where
     * @return the call, ended exactly once with {@link Call#succeeded()} or {@link Call#failed(RuntimeException)}
     */
    Call start(Operation operation);

    /**
     * One observed call.
     *
     * <p>Not thread-safe: ended once, by one thread.
     */
    interface Call {

        /** The call completed: the server answered (a pipeline: every reply was read, some may be errors). */
        void succeeded();

        /**
         * The call failed.
         *
         * @param error what the caller got; its message never shows a password
         */
        void failed(RuntimeException error);
    }

    /**
     * What is observed: a command's name (e.g. {@code GET}, {@code CONFIG GET}), or {@code PIPELINE} or
     * {@code MULTI} for a batch of {@code commands} commands, and the server it goes to. Never the arguments.
     *
     * @param name the command name in upper case, {@code PIPELINE} or {@code MULTI}
     * @param commands how many commands the call carries: 1 for a single command
     * @param host the server's host
     * @param port the server's port
     * @param database the selected database
     */
    record Operation(String name, int commands, String host, int port, int database) {

        /**
         * Checks the values.
         *
         * @throws NullPointerException when {@code name} or {@code host} is null
         * @throws IllegalArgumentException when {@code commands} is negative
         */
        public Operation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            if (commands < 0) {
                throw new IllegalArgumentException("commands must not be negative");
            }
        }
    }
}
