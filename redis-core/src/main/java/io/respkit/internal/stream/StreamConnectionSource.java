package io.respkit.internal.stream;

import io.respkit.DedicatedConnection;

/**
 * Where a stream consumer's workers get their connections: one of its own per worker, to the server that holds the
 * stream (on a single server or Sentinel, the client's server; on a cluster, the primary of the stream's slot).
 * Blocking reads ({@code XREADGROUP ... BLOCK}) wait on it, so that they hold up no pooled connection.
 *
 * <p>Implementations are thread-safe.
 *
 * @param <V> the value type
 */
public interface StreamConnectionSource<V> {

    /**
     * Opens a connection of its own to the server holding {@code streamKey}.
     *
     * @param streamKey the stream's key
     * @return the connection; the caller closes it
     * @throws io.respkit.exceptions.RedisConnectionException when it cannot be opened
     */
    DedicatedConnection<V> open(String streamKey);

    /**
     * Tells whether a connection this source opened still goes where the stream is: {@code false} once a
     * Sentinel-monitored primary has moved, so the worker reconnects rather than read from the demoted node.
     *
     * @param streamKey the stream the connection reads
     * @param connection a connection this source opened
     * @return {@code true} while it should be kept
     */
    default boolean isCurrent(String streamKey, DedicatedConnection<V> connection) {
        return true;
    }

    /**
     * Returns the default dead-letter stream of a stream: {@code <stream>:dead}, in the stream's hash slot on a
     * cluster.
     *
     * @param stream the consumed stream
     * @return the dead-letter stream's key
     */
    default String defaultDeadLetter(String stream) {
        return stream + ":dead";
    }

    /**
     * Tells whether two keys can be written on one connection: always on one server; on a cluster, when they share a
     * hash slot.
     *
     * @param a a key
     * @param b another key
     * @return {@code true} when one connection serves both
     */
    default boolean sameNode(String a, String b) {
        return true;
    }

    /**
     * Describes the source for logs, without credentials.
     *
     * @return e.g. the server's address
     */
    String describe();
}
