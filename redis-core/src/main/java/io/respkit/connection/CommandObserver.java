package io.respkit.connection;

import java.util.Objects;

/**
 * Watches what a client runs, for tracing and metrics: the starter's Micrometer Observation support implements it,
 * and {@code RedisClient.withObserver(CommandObserver)} or {@code RedisClusterClient.withObserver(CommandObserver)}
 * installs it. Each single command (those run through {@code withConnection}, and an optimistic transaction's
 * {@code WATCH} and reads, included), each executed pipeline round and each transaction is one {@link Call}, started
 * as it is about to be sent and ended once its outcome is known; on a cluster, a command that goes to several nodes or
 * follows redirects is one call too, named after the node its first attempt was sent to. A client without an
 * observer pays one {@code null} check per call.
 *
 * <p>Implementations must be thread-safe, quick, and must not throw: calls happen on the caller's thread (or, for an
 * asynchronous command, on the thread that completes it), and an exception thrown here is logged and ignored.
 *
 * <p>An observer is told a call's query text (OpenTelemetry's {@code db.query.text}) only when it asks for it with
 * {@link #queryText()}: by default it sees no argument at all.
 */
public interface CommandObserver {

    /**
     * How much of a call's arguments its {@link Operation#queryText()} shows. In every mode, a credential-carrying
     * command ({@code AUTH}, {@code HELLO ... AUTH}, {@code ACL}, {@code MIGRATE ... AUTH}, {@code CONFIG SET} of a
     * password, {@code SENTINEL SET auth-pass}, ...) shows its name only with each argument as {@code ?}, and an
     * argument holding the configured password is shown as {@code ?}. Each argument is cut at
     * {@value io.respkit.connection.CommandObserver#MAX_ARGUMENT_CHARS} characters and the whole text at
     * {@value io.respkit.connection.CommandObserver#MAX_QUERY_TEXT_CHARS} (a cut ends with {@code ...}); a pipeline or
     * transaction joins its commands with {@code "; "}; control characters are shown as {@code \xNN}.
     */
    enum QueryText {
        /** No query text: the default. */
        NONE,
        /** The command's name and keys, each other argument as {@code ?}: {@code SET user:1 ?}. */
        SANITIZED,
        /** Every argument, values included: {@code SET user:1 Ada}. Secrets are still shown as {@code ?}. */
        FULL
    }

    /** The most characters of one argument a query text shows. */
    int MAX_ARGUMENT_CHARS = 100;

    /** The most characters of a query text. */
    int MAX_QUERY_TEXT_CHARS = 2000;

    /**
     * Tells how much of each call's arguments this observer wants in {@link Operation#queryText()}; asked once per
     * call. The text is built only when this is not {@link QueryText#NONE}.
     *
     * @return {@link QueryText#NONE} unless overridden
     */
    default QueryText queryText() {
        return QueryText.NONE;
    }

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
     * {@code MULTI} for a batch of {@code commands} commands, the server it goes to, and its arguments only as the
     * observer's {@link CommandObserver#queryText()} asked.
     *
     * @param name the command name in upper case, {@code PIPELINE} or {@code MULTI}
     * @param commands how many commands the call carries: 1 for a single command
     * @param host the server's host
     * @param port the server's port
     * @param database the selected database
     * @param queryText the call's text as {@link QueryText} describes, or {@code null} when the observer asked for
     *        none
     */
    record Operation(String name, int commands, String host, int port, int database, String queryText) {

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

        /**
         * Creates an operation without query text.
         *
         * @param name the command name in upper case, {@code PIPELINE} or {@code MULTI}
         * @param commands how many commands the call carries
         * @param host the server's host
         * @param port the server's port
         * @param database the selected database
         * @throws NullPointerException when {@code name} or {@code host} is null
         * @throws IllegalArgumentException when {@code commands} is negative
         */
        public Operation(String name, int commands, String host, int port, int database) {
            this(name, commands, host, port, database, null);
        }
    }
}
