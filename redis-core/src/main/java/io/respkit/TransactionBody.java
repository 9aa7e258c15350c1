package io.respkit;

import io.respkit.commands.RedisCommands;

/**
 * The body of a {@code WATCH}-guarded transaction (see
 * {@link RedisClient#transaction(java.util.Collection, TransactionBody)}): read the watched keys with
 * {@code watched}, which runs immediately on the transaction's connection, then queue writes on {@code tx}.
 * The body may run several times when watched keys change concurrently, so it must not have other side effects.
 *
 * <p>Implementations are called on the caller's thread.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface TransactionBody<V> {

    /**
     * Reads and queues.
     *
     * @param watched immediate commands on the watching connection
     * @param tx the transaction to queue writes on
     */
    void run(RedisCommands<V> watched, Transaction<V> tx);
}
