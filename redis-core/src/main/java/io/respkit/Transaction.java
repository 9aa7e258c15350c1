package io.respkit;

import io.respkit.connection.CommandObserver;
import io.respkit.internal.ConnectionCommands;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.internal.Observations;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTransactionAbortedException;

import io.respkit.codec.RedisCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.connection.RedisConnection;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.Errors;
import io.respkit.internal.connection.SecretScrubber;
import io.respkit.internal.PutBacks;
import io.respkit.internal.commands.Decoders;
import io.respkit.pool.PooledConnection;
import io.respkit.protocol.ErrorReply;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code MULTI}/{@code EXEC} transaction: queued commands run atomically, sent with {@code MULTI} and {@code EXEC}
 * in a single round trip (a transactional pipeline). Errors found while queueing abort the whole transaction with
 * {@code EXECABORT}; errors while running (such as {@code WRONGTYPE}) fail only their command, and the result mixes
 * values and errors. When a {@code WATCH}ed key changed, {@link #exec()} reports the transaction as aborted.
 *
 * <pre>{@code
 * try (Transaction<String> tx = client.multi()) {
 *     tx.set("a", "1");
 *     tx.incr("a");
 *     TransactionResult r = tx.exec();   // [true, 2]
 * }
 * }</pre>
 *
 * <p>Not thread-safe: a transaction belongs to the thread that opened it.
 *
 * @param <V> the value type
 */
public final class Transaction<V> implements RedisPipelineCommands<V>, AutoCloseable {

    private final RedisCodec<V> codec;
    private final PooledConnection lease;
    private final RedisConnection connection;
    private final List<Response<?>> queued = new ArrayList<>();
    /** Observes {@link #exec()}, or {@code null}. */
    private CommandObserver observer;
    /** Refuses a command before it is queued (a cluster transaction: keys of another slot); null for none. */
    private final java.util.function.Consumer<Command<?>> admission;
    private boolean done;

    Transaction(RedisCodec<V> codec, PooledConnection lease, RedisConnection connection) {
        this(codec, lease, connection, null);
    }

    Transaction(RedisCodec<V> codec, PooledConnection lease, RedisConnection connection,
            java.util.function.Consumer<Command<?>> admission) {
        this.codec = codec;
        this.lease = lease;
        this.connection = connection;
        this.admission = admission;
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /**
     * Queues a command, to run at {@link #exec()}.
     *
     * @param command the command
     * @param <T> its result type
     * @return its response, complete once the transaction ran
     * @throws IllegalStateException when already executed or discarded
     * @throws io.respkit.exceptions.RedisUnsupportedCommandException when the command cannot be queued
     * @throws io.respkit.exceptions.RedisCrossSlotException in a cluster transaction, when the command's keys hash
     *         to another slot than the transaction's; it is not queued
     */
    @Override
    public <T> Response<T> enqueue(Command<T> command) {
        if (done) {
            throw new IllegalStateException("transaction was already executed or discarded");
        }
        RedisConnection.checkSendable(command); // now, not in exec() after MULTI was already buffered
        if (admission != null) {
            admission.accept(command);
        }
        Response<T> response = new Response<>(command);
        queued.add(response);
        return response;
    }

    /**
     * Runs the queued commands atomically: sends {@code MULTI}, the commands and {@code EXEC} in one write and reads
     * all replies.
     *
     * @return each command's result in order (failed ones as exceptions), or an aborted result when a watched key
     *         changed
     * @throws RedisServerException {@code EXECABORT} when a command was rejected while queueing (e.g. unknown
     *         command or wrong arity); nothing ran
     * @throws RedisConnectionException when the connection failed (whether the transaction ran is unknown), or when
     *         the Sentinel-monitored primary it was opened on has moved since (nothing was sent, nothing ran)
     * @throws RedisInterruptedException when the calling thread was interrupted: before anything was sent (the
     *         transaction can be executed later), or while it waited for the replies (whether the transaction ran
     *         is unknown; the connection is discarded)
     * @throws IllegalStateException when already executed or discarded
     */
    public TransactionResult exec() {
        CommandObserver o = observer;
        if (o == null) {
            return execOnce();
        }
        return Observations.observe(o, "MULTI", queued.size(), i -> queued.get(i).command(), connection.config(),
                this::execOnce);
    }

    /**
     * Runs an optimistic transaction on a borrowed connection, as {@link RedisClient#transaction(java.util.Collection,
     * int, TransactionBody)} describes: {@code WATCH}, the body (immediate reads, queued writes), {@code EXEC}; again
     * while a watched key changed, up to {@code maxAttempts} times.
     */
    static <V> TransactionResult optimistic(RedisCodec<V> codec, PooledConnection lease,
            java.util.Collection<String> watchKeys, int maxAttempts, TransactionBody<V> body, CommandObserver observer) {
        RedisConnection connection = lease.connection();
        ConnectionCommands<V> immediate = new ConnectionCommands<>(connection, codec, observer);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (!watchKeys.isEmpty()) {
                immediate.execute(Command.create(codec, "WATCH", Decoders.raw()).keys(watchKeys));
            }
            Transaction<V> tx = new Transaction<>(codec, null, connection).observedBy(observer);
            try {
                body.run(immediate, tx);
            } catch (RedisInterruptedException e) {
                BlockingRecovery.takeOver(lease);
                throw e;
            } catch (RuntimeException e) {
                tx.close();
                throw e;
            }
            TransactionResult result = tx.exec();
            if (!result.aborted()) {
                return result;
            }
        }
        throw new RedisTransactionAbortedException("Transaction aborted by concurrent changes to watched keys "
                + maxAttempts + " times in a row");
    }

    /**
     * Sets the observer of {@link #exec()}; package-private: {@link RedisClient} and {@link RedisClusterClient} pass
     * their own.
     *
     * @param o the observer, or {@code null}
     * @return this transaction
     */
    Transaction<V> observedBy(CommandObserver o) {
        this.observer = o;
        return this;
    }

    private TransactionResult execOnce() {
        if (done) {
            throw new IllegalStateException("transaction was already executed or discarded");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new RedisInterruptedException("Interrupted before the transaction was sent to "
                    + connection.address() + "; nothing was sent");
        }
        if (lease != null && !lease.isCurrent()) {
            discard();
            throw new RedisConnectionException("The primary moved from " + connection.address() + " to "
                    + lease.pool().config().address() + " before the transaction was executed; nothing was sent");
        }
        done = true;
        Command<Object> multi = Command.create(StringCodec.UTF8, "MULTI", Decoders.raw());
        Command<Object> exec = Command.create(StringCodec.UTF8, "EXEC", Decoders.raw());
        try {
            connection.send(multi);
            for (Response<?> r : queued) {
                connection.send(r.command());
            }
            connection.send(exec);
            connection.flush(exec);
            Object multiReply = connection.readReply(multi);
            if (multiReply instanceof ErrorReply error) {
                // MULTI itself refused (e.g. nested MULTI): the queued commands then ran outside a transaction.
                connection.markBroken();
                throw Errors.fromReply(error, "MULTI", connection.address());
            }
            RedisException firstQueueError = null;
            int firstQueueIndex = -1;
            for (int i = 0; i < queued.size(); i++) {
                Response<?> r = queued.get(i);
                Object reply = connection.readReply(r.command());
                if (reply instanceof ErrorReply error) {
                    RedisException e = Errors.fromReply(error, r.commandName(), connection.address());
                    r.fail(e);
                    if (firstQueueError == null) {
                        firstQueueError = e;
                        firstQueueIndex = i;
                    }
                }
            }
            Object execReply = connection.readReply(exec);
            connection.trackSuccess(exec);
            return finish(execReply, firstQueueError, firstQueueIndex);
        } catch (RedisConnectionException | RedisProtocolException | RedisInterruptedException e) {
            for (Response<?> r : queued) {
                if (!r.isDone()) {
                    r.fail(e);
                }
            }
            throw e;
        }
    }

    /** The queued commands' responses, for a cluster transaction looking for a redirect after an abort. */
    List<Response<?>> queued() {
        return queued;
    }

    private TransactionResult finish(Object execReply, RedisException firstQueueError, int firstQueueIndex) {
        if (execReply instanceof ErrorReply error) {
            RedisException abort = Errors.fromReply(error, "EXEC", connection.address());
            if (!(abort instanceof RedisExecAbortException)) {
                // Not the server's answer to a queueing error ("EXEC without MULTI", say): what ran, and whether a
                // MULTI is still open, is unknown, so the connection serves nobody else. Closed, not broken: the
                // socket did not fail, and other connections are not suspect.
                connection.close();
            }
            for (Response<?> r : queued) {
                if (!r.isDone()) {
                    r.fail(abort);
                }
            }
            if (firstQueueError != null && abort instanceof RedisServerException s) {
                // Same type as the server's EXECABORT (RedisExecAbortException), with the rejected command named.
                throw Errors.withMessage(s, abort.getMessage()
                        + "; command #" + firstQueueIndex + " (" + queued.get(firstQueueIndex).commandName()
                        + ") was rejected: " + firstQueueError.getMessage());
            }
            throw abort;
        }
        if (execReply == null) {
            RedisException aborted = new RedisTransactionAbortedException(
                    "Transaction aborted: a watched key changed (EXEC on " + connection.address() + ")");
            for (Response<?> r : queued) {
                r.fail(aborted);
            }
            return new TransactionResult(List.of(), true);
        }
        List<Object> replies = Decoders.elements(execReply);
        if (replies.size() != queued.size()) {
            connection.markBroken();
            throw new RedisProtocolException("EXEC returned " + replies.size() + " results for " + queued.size()
                    + " commands on " + connection.address());
        }
        List<Object> results = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            Response<?> r = queued.get(i);
            Object reply = replies.get(i);
            if (reply instanceof ErrorReply error) {
                // The connection knows only that this came from EXEC: mask the secrets of the command queued here.
                ErrorReply clean = new SecretScrubber(connection.config().password()).scrub(r.command(), error);
                r.fail(Errors.fromReply(clean, r.commandName(), connection.address()));
            } else {
                Command<?> command = r.command();
                if (!r.completeRaw(reply) && reply != null && PutBacks.isPop(command)) {
                    // Its caller cancelled the response before EXEC answered: what the pop took goes back.
                    BlockingRecovery.putBack(connection, command, reply);
                }
                connection.trackSuccess(command);
            }
            results.add(r.resultOrFailure());
        }
        return new TransactionResult(java.util.Collections.unmodifiableList(results), false);
    }

    /**
     * Drops the queued commands without running them and releases any {@code WATCH}.
     *
     * @throws IllegalStateException when already executed or discarded
     */
    public void discard() {
        if (done) {
            throw new IllegalStateException("transaction was already executed or discarded");
        }
        done = true;
        RedisException discarded = new RedisException("transaction was discarded");
        for (Response<?> r : queued) {
            r.fail(discarded);
        }
        if (connection.hasUnreadInput()) {
            connection.close(); // UNWATCH would read those bytes as its reply, and its own reply would be left over
        } else if (!connection.isClean() && connection.isUsable()) {
            try {
                connection.execute(Command.create(StringCodec.UTF8, "UNWATCH", Decoders.raw()));
            } catch (RedisException e) {
                connection.markBroken();
            }
        }
    }

    /**
     * Discards the transaction when it was not executed, and returns its connection when it owns one.
     */
    @Override
    public void close() {
        if (!done) {
            discard();
        }
        if (lease != null) {
            lease.close();
        }
    }
}
