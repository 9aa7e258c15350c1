package io.respkit.commands;

/**
 * What a command leaves on the connection it ran on ({@link CommandSpec#effect()}); {@link #NONE} for most.
 * Immutable and thread-safe.
 */
public enum ConnectionEffect {
    /** Nothing that outlives the command. */
    NONE,
    /** Selects a database ({@code SELECT}); the database index is its first argument. */
    DATABASE,
    /** Opens a transaction ({@code MULTI}). */
    TRANSACTION_START,
    /** Ends a transaction and unwatches every key ({@code EXEC}, {@code DISCARD}). */
    TRANSACTION_END,
    /** Watches keys ({@code WATCH}). */
    WATCH,
    /** Unwatches every key ({@code UNWATCH}). */
    UNWATCH,
    /** Subscribes, turning the connection into a subscriber connection. */
    SUBSCRIBE,
    /** Unsubscribes. */
    UNSUBSCRIBE,
    /** Turns client-side caching invalidation messages on or off ({@code CLIENT TRACKING}). */
    TRACKING,
    /** Changes whether the server replies at all ({@code CLIENT REPLY}). */
    REPLY_MODE,
    /** Names the connection or its library ({@code CLIENT SETNAME}, {@code CLIENT SETINFO}). */
    NAME,
    /** Changes how the server treats the connection ({@code CLIENT NO-EVICT}, {@code CLIENT NO-TOUCH}). */
    CLIENT_MODE,
    /** Resets the connection: database 0, default user, no transaction, no subscription ({@code RESET}). */
    RESET,
    /** Authenticates as another user ({@code AUTH}). */
    AUTH,
    /** Switches the protocol and maybe the user ({@code HELLO}). */
    PROTOCOL,
    /** Turns the connection into a monitor, streaming every command the server runs ({@code MONITOR}). */
    MONITOR,
    /** Asks the server to close the connection after its reply ({@code QUIT}). */
    QUIT
}
