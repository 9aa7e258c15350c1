package io.respkit;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.HostAndPort;
import io.respkit.connection.RedisConnection;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTransactionAbortedException;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.ConnectionCommands;
import io.respkit.internal.cluster.ClusterBatches;
import io.respkit.internal.cluster.ClusterObservation;
import io.respkit.internal.cluster.Redirect;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.Decoders;
import io.respkit.pool.PooledConnection;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code MULTI}/{@code EXEC} on a cluster: every command of a transaction must hash to one slot, and runs on that
 * slot's primary. A {@code MOVED} or {@code ASK} answered to {@code WATCH}, to a queued command ({@code EXECABORT})
 * or to {@code EXEC} itself means nothing ran, so the attempt starts over on the node named, up to the configured
 * redirects; a transaction that may have run is never sent again.
 *
 * <p>Stateless and thread-safe.
 */
final class ClusterTransactions {

    private ClusterTransactions() {
    }

    /** Refuses, before it is queued, a command whose keys hash to another slot than {@code slot}. */
    static Consumer<Command<?>> admission(ClusterBatches batches, int slot) {
        return command -> {
            int s = batches.slotOf(command);
            if (s != ClusterBatches.NO_SLOT && slot != ClusterBatches.NO_SLOT && s != slot) {
                throw new RedisCrossSlotException(command.name() + " in a transaction on slot " + slot,
                        List.of(slot, s));
            }
        };
    }

    /**
     * Runs a transaction on a slot's primary: {@code queue} queues on a fresh transaction for each attempt.
     *
     * <p>Observed in one of two ways, as for a single node: {@link RedisClusterClient#multi(String, Consumer)} passes
     * its {@code observer}, and every attempt from the first {@code EXEC} on (redirects followed) is one
     * {@code MULTI} call, ended here, named after the node of that first {@code EXEC}; a failure before it (the
     * queueing refused) is not observed, as {@link RedisClient#multi(Consumer)} does not observe its body. A
     * transactional cluster pipeline passes the {@code round} it is part of, which it ends itself.
     *
     * @param observer observes the transaction, or {@code null}
     * @param round the pipeline round's call to start on the transaction's node, or {@code null}
     * @return the executed transaction (its responses are complete)
     */
    static <V> Transaction<V> execOnSlot(ClusterBatches batches, RedisCodec<V> codec, int slot,
            Consumer<Transaction<V>> queue, CommandObserver observer, ClusterObservation round) {
        ClusterObservation multi = null; // the transaction's own call, once its first EXEC goes out
        HostAndPort ask = null;
        int hops = 0;
        try {
            while (true) {
                HostAndPort node = ask != null ? ask : batches.primaryFor(slot);
                try (PooledConnection lease = batches.borrow(node)) {
                    RedisConnection connection = lease.connection();
                    Transaction<V> tx = new Transaction<>(codec, null, connection, admission(batches, slot));
                    try {
                        queue.accept(tx);
                    } catch (RuntimeException e) {
                        tx.close();
                        throw e;
                    }
                    if (round != null) {
                        round.routedTo(node);
                    } else {
                        multi = sending(multi, observer, tx, batches, node);
                    }
                    try {
                        if (ask != null) {
                            asking(connection); // the flag then lasts through MULTI to EXEC
                        }
                        tx.exec();
                        if (multi != null) {
                            multi.succeeded();
                        }
                        return tx;
                    } catch (RedisServerException e) {
                        Redirect r = redirectOf(batches, e, tx, node);
                        if (r == null || ++hops > batches.maxRedirects()) {
                            throw e;
                        }
                        ask = r.moved() ? null : r.target();
                    }
                }
            }
        } catch (RuntimeException e) {
            if (multi != null) {
                multi.failed(e);
            }
            throw e;
        }
    }

    /**
     * The {@code MULTI} call an {@code EXEC} about to be sent to {@code node} belongs to: {@code call} for an attempt
     * after a redirect, else a new one of the transaction's size, started on {@code node}; {@code null} when
     * unobserved.
     */
    private static ClusterObservation sending(ClusterObservation call, CommandObserver observer, Transaction<?> tx,
            ClusterBatches batches, HostAndPort node) {
        if (observer == null) {
            return null;
        }
        ClusterObservation c = call != null ? call
                : new ClusterObservation(observer, "MULTI", tx.queued().size(),
                        i -> tx.queued().get(i).command(), batches.config());
        c.routedTo(node);
        return c;
    }

    /**
     * Runs a {@code WATCH}-guarded transaction on the watched keys' slot, see
     * {@link RedisClusterClient#transaction(Collection, int, TransactionBody)}.
     */
    static <V> TransactionResult watched(ClusterBatches batches, RedisCodec<V> codec, Collection<String> watchKeys,
            int maxAttempts, TransactionBody<V> body, CommandObserver observer) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        int slot = batches.slotOfKeys("WATCH", watchKeys, codec);
        HostAndPort ask = null;
        int hops = 0;
        int attempts = 0;
        // Observed as for a single node: each attempt's EXEC is one MULTI call (a redirect it got stays part of it)
        ClusterObservation multi = null;
        try {
            while (true) {
                HostAndPort node = ask != null ? ask : batches.primaryFor(slot);
                boolean asking = ask != null;
                ask = null;
                try (PooledConnection lease = batches.borrow(node)) {
                    RedisConnection connection = lease.connection();
                    Transaction<V> tx = null;
                    try {
                        if (asking) {
                            asking(connection);
                        }
                        ConnectionCommands<V> immediate = new ConnectionCommands<>(connection, codec, observer);
                        immediate.execute(Command.create(codec, "WATCH", Decoders.raw()).keys(watchKeys));
                        tx = new Transaction<>(codec, null, connection, admission(batches, slot));
                        try {
                            body.run(immediate, tx);
                        } catch (RedisInterruptedException e) {
                            BlockingRecovery.takeOver(lease);
                            throw e;
                        } catch (RuntimeException e) {
                            tx.close(); // UNWATCH
                            throw e;
                        }
                        multi = sending(multi, observer, tx, batches, node);
                        if (asking) {
                            asking(connection);
                        }
                        TransactionResult result = tx.exec();
                        if (multi != null) {
                            multi.succeeded(); // aborted or not, EXEC was answered
                            multi = null;
                        }
                        if (!result.aborted()) {
                            return result;
                        }
                        if (++attempts >= maxAttempts) {
                            throw new RedisTransactionAbortedException("Transaction aborted by concurrent changes to "
                                    + "watched keys " + maxAttempts + " times in a row");
                        }
                    } catch (RedisServerException e) {
                        Redirect r = redirectOf(batches, e, tx, node);
                        if (r == null || ++hops > batches.maxRedirects()) {
                            throw e;
                        }
                        ask = r.moved() ? null : r.target(); // nothing ran: start over on the slot's node
                    }
                }
            }
        } catch (RuntimeException e) {
            if (multi != null) {
                multi.failed(e);
            }
            throw e;
        }
    }

    /** The redirect behind a failure: its own, or (after EXECABORT) that of the first queued command refused. */
    private static Redirect redirectOf(ClusterBatches batches, RedisServerException e, Transaction<?> tx,
            HostAndPort node) {
        Redirect r = batches.follow(e, node);
        if (r != null || tx == null) {
            return r;
        }
        for (Response<?> q : tx.queued()) {
            RedisException f = q.failure();
            if (f instanceof RedisServerException s && !"EXECABORT".equals(s.code())) {
                return batches.follow(s, node);
            }
        }
        return null;
    }

    private static void asking(RedisConnection connection) {
        connection.execute(Command.create(ByteArrayCodec.INSTANCE, CommandSpecs.ASKING, Decoders.raw()));
    }
}
