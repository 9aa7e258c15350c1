package io.respkit.commands;

/**
 * The kinds of client connection {@code CLIENT LIST TYPE} and {@code CLIENT KILL TYPE} filter on. Immutable and
 * thread-safe.
 */
public enum ClientType {
    /** Ordinary connections. */
    NORMAL,
    /** The primary's connection on a replica. */
    MASTER,
    /** Replicas' connections on their primary. */
    REPLICA,
    /** Connections in subscriber mode. */
    PUBSUB
}
