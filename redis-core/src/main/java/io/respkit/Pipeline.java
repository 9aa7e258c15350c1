package io.respkit;

import io.respkit.connection.CommandObserver;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.internal.Observations;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTransactionAbortedException;
import io.respkit.exceptions.RedisUnsupportedCommandException;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.connection.OwedReplies;
import io.respkit.connection.RedisConnection;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.Errors;
import io.respkit.internal.PutBacks;
import io.respkit.internal.commands.Decoders;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PooledConnection;
import io.respkit.protocol.ErrorReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sends many commands on one connection without waiting for each reply: one round trip per batch instead of one per
 * command. {@link #execute()} returns every result in order.
 *
 * <p>A caller interrupted while waiting for replies gets a {@link RedisInterruptedException} within about 100 ms,
 * as every unanswered command does. When one of those is a blocking pop ({@code BLPOP}, {@code BRPOP}, ...),
 * respkit finishes it in the background: unblocked on the server, or what it took put back, so that nothing is
 * lost (other unanswered commands may have run); then the connection goes back to the pool.
 *
 * <p>Not thread-safe: a pipeline belongs to the thread that opened it.
 *
 * <p><b>Connections.</b> Like redis-py's, a pipeline holds a pooled connection only while it has commands in flight:
 * the first queued command borrows one, {@link #execute()} and {@link #sync()} give it back, and the next queued
 * command borrows again, so a pipeline that is executed and never closed leaks nothing. A long pipeline keeps its
 * one connection across the intermediate round trips of {@link PipelineOptions#flushEvery()} until it is executed.
 * Connection state set by a queued command ({@code SELECT}, {@code CLIENT SETNAME}) therefore lasts only until the
 * end of the round; a connection left in such a state is destroyed rather than pooled.
 * {@link #close()} (idempotent) and {@link #reset()} discard commands queued since the last execute: their
 * {@link Response}s fail, and a connection that may still owe their replies is destroyed, never reused.
 * A pipeline opened with {@link DedicatedConnection#pipeline()} runs on that connection instead of borrowing, and
 * closes it when it may still owe replies.
 *
 * <p><b>Transactions.</b> With {@link PipelineOptions#transaction()} (redis-py's default {@code transaction=True})
 * or after {@link #multi()}, a round's commands are held back and sent as {@code MULTI}, the commands and
 * {@code EXEC} in one write, through a {@link Transaction}: they run atomically; a command the server rejects while
 * queueing aborts the round with {@link RedisExecAbortException}, and nothing runs. {@link #watch(String...)} puts
 * the pipeline in immediate mode: each command then runs at once and its {@link Response} is complete on return,
 * so that values can be read before {@link #multi()} starts the queued part. When a watched key changed,
 * {@link #execute()} throws {@link RedisTransactionAbortedException}.
 *
 * <pre>{@code
 * Pipeline<String> p = client.pipeline();
 * p.set("k1", "v1");
 * Response<String> v = p.get("k1");
 * List<Object> all = p.execute();   // [true, "v1"]; the connection is back in the pool
 *
 * Pipeline<String> tx = client.transactionalPipeline();
 * tx.watch("balance");
 * long balance = Long.parseLong(tx.get("balance").get());   // runs at once
 * tx.multi();
 * tx.set("balance", String.valueOf(balance - 30));
 * tx.execute();   // MULTI, SET, EXEC; RedisTransactionAbortedException when "balance" changed meanwhile
 * }</pre>
 *
 * @param <V> the value type
 */
public final class Pipeline<V> implements RedisPipelineCommands<V>, AutoCloseable {

    private final RedisCodec<V> codec;
    private final ConnectionPool pool;
    /** The connection of a pipeline on a {@link DedicatedConnection}, used instead of borrowing; else null. */
    private final RedisConnection dedicated;
    private final PipelineOptions options;
    /**
     * Gives a command respkit does not know the server's flags (blocking: no read timeout for its reply), asking on
     * another pooled connection and never waiting for one; null on a {@link DedicatedConnection}.
     */
    private final Consumer<Command<?>> serverSpecs;
    /** This round's responses, in order; kept until {@link #execute()} collects them. */
    private final List<Response<?>> responses = new ArrayList<>();
    private PooledConnection lease;
    private RedisConnection connection;
    /** Observes each executed round, or {@code null}. */
    private CommandObserver observer;
    /** The round's MULTI/EXEC, once a command was queued in a transactional round. */
    private Transaction<V> transaction;
    /** Commands run at once: {@code WATCH} was sent and {@link #multi()} not yet called. */
    private boolean watching;
    /** {@link #multi()} was called this round. */
    private boolean explicitMulti;
    /**
     * True only for a plain round whose connection is borrowed: the one test {@link #enqueue} makes before the
     * streaming path, so that the modes above cost the hot path nothing.
     */
    private boolean streaming;
    private int unread;
    private boolean closed;

    Pipeline(RedisCodec<V> codec, ConnectionPool pool, PipelineOptions options, Consumer<Command<?>> serverSpecs) {
        this.codec = codec;
        this.pool = pool;
        this.dedicated = null;
        this.options = options;
        this.serverSpecs = serverSpecs;
    }

    Pipeline(RedisCodec<V> codec, RedisConnection dedicated, PipelineOptions options) {
        this.codec = codec;
        this.pool = null;
        this.dedicated = dedicated;
        this.options = options;
        this.serverSpecs = null;
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /**
     * Queues a command: in a plain round it is sent at once (buffered), in a transactional round it is held back
     * until {@link #execute()}, in immediate mode (after {@link #watch(String...)}) it runs at once.
     *
     * @param command the command
     * @param <T> its result type
     * @return the command's response, complete once the round ran (at once, in immediate mode)
     * @throws IllegalStateException when the pipeline is closed
     * @throws RedisPoolExhaustedException when the round needs a connection and none became free in time
     * @throws RedisConnectionException when the connection failed; the round's unanswered commands fail with it
     * @throws RedisServerException in immediate mode, when the server answered with an error
     */
    @Override
    public <T> Response<T> enqueue(Command<T> command) {
        if (!streaming) {
            return enqueueSlow(command);
        }
        Response<T> response = new Response<>(command);
        if (serverSpecs != null && !command.spec().isKnown()) {
            serverSpecs.accept(command);
        }
        try {
            requireCurrentNode();
            if (command.blockMillis() >= 0) {
                OwedReplies.askClientIdAhead(connection, command); // so that it can be unblocked, over RESP2 too
            }
            connection.send(command);
        } catch (RedisUnsupportedCommandException e) {
            throw e; // refused before any of its bytes were buffered: the pipeline carries on without it
        } catch (RedisException e) {
            responses.add(response);
            unread++;
            endRound(e);
            throw e;
        }
        responses.add(response);
        unread++;
        if (unread >= options.flushEvery()) {
            readUnread();
        }
        return response;
    }

    private <T> Response<T> enqueueSlow(Command<T> command) {
        if (closed) {
            throw new IllegalStateException("pipeline is closed");
        }
        if (watching) {
            return immediate(command);
        }
        if (transactional()) {
            if (transaction == null) {
                borrow();
                transaction = new Transaction<>(codec, null, connection);
            }
            Response<T> response = transaction.enqueue(command);
            responses.add(response);
            return response;
        }
        borrow();
        streaming = true;
        return enqueue(command);
    }

    private <T> Response<T> immediate(Command<T> command) {
        Response<T> response = new Response<>(command);
        if (serverSpecs != null && !command.spec().isKnown()) {
            serverSpecs.accept(command);
        }
        try {
            response.complete(connection.execute(command));
        } catch (RedisServerException e) {
            response.fail(e);
            throw e;
        } catch (RedisException e) {
            // The connection failed, so the WATCH went with it: the round is over.
            response.fail(e);
            endRound(e);
            throw e;
        }
        return response;
    }

    /**
     * Watches keys for an optimistic transaction, like redis-py's {@code pipe.watch(...)}: borrows the connection,
     * sends {@code WATCH} at once, and puts the pipeline in immediate mode, where each command runs at once, until
     * {@link #multi()}. The following {@link #execute()} throws {@link RedisTransactionAbortedException} when a
     * watched key changed in the meantime. Several calls add keys.
     *
     * @param keys the keys, at least one
     * @throws IllegalArgumentException when no key is given
     * @throws IllegalStateException when the pipeline is closed, after {@link #multi()}, or when commands are
     *         already queued this round
     * @throws RedisConnectionException when the connection failed
     */
    public void watch(String... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("watch() needs at least one key");
        }
        requireOpen();
        if (explicitMulti || (!watching && !responses.isEmpty())) {
            throw new IllegalStateException("watch() must come before multi() and before any command is queued; "
                    + "execute() or reset() the pipeline first");
        }
        borrow();
        Command<Object> watch = Command.create(codec, "WATCH", Decoders.raw());
        for (String key : keys) {
            watch.key(Objects.requireNonNull(key, "key"));
        }
        try {
            connection.execute(watch);
        } catch (RedisException e) {
            if (!watching) {
                endRound(e);
            }
            throw e;
        }
        watching = true;
    }

    /**
     * Starts the queued part of a transaction, like redis-py's {@code pipe.multi()}: ends immediate mode after
     * {@link #watch(String...)}, and makes this round transactional even on a pipeline without
     * {@link PipelineOptions#transaction()}. The round's commands are then queued and sent wrapped in
     * {@code MULTI}/{@code EXEC} by {@link #execute()}.
     *
     * @throws IllegalStateException when the pipeline is closed, when {@code multi()} was already called this
     *         round, or when commands were already queued this round outside immediate mode
     */
    public void multi() {
        requireOpen();
        if (explicitMulti) {
            throw new IllegalStateException("multi() was already called this round (MULTI cannot nest)");
        }
        if (!responses.isEmpty()) {
            throw new IllegalStateException("multi() must come before the round's commands, but commands are already "
                    + "queued; execute() or reset() the pipeline first");
        }
        watching = false;
        explicitMulti = true;
    }

    /**
     * Sends the commands queued so far now, without waiting for their replies, which {@link #sync()} or
     * {@link #execute()} reads later: for a caller that wants each command on the wire as soon as it is queued (an
     * acknowledgement right after its work is done) yet only one wait for all the replies. Does nothing in a
     * transactional round (its commands go out with {@code EXEC}) or when nothing is queued.
     *
     * @throws IllegalStateException when the pipeline is closed
     * @throws RedisConnectionException when writing failed; the round is over and every unanswered command fails
     */
    public void flush() {
        requireOpen();
        if (transaction != null || watching || unread == 0 || connection == null) {
            return;
        }
        try {
            requireCurrentNode();
            connection.flush(responses.get(responses.size() - unread).command());
        } catch (RedisException e) {
            endRound(e);
            throw e;
        }
    }

    /**
     * Runs what is queued and reads every reply, without collecting results: {@link Response} handles become
     * available, {@link #execute()} still returns them, and the connection goes back to the pool. A transactional
     * round runs as one {@code MULTI}/{@code EXEC}; errors of single commands are left in their responses.
     *
     * @throws IllegalStateException when the pipeline is closed
     * @throws RedisConnectionException when the connection failed; every unanswered command fails with it
     * @throws RedisInterruptedException when the calling thread was interrupted while waiting; every unanswered
     *         command fails with it
     * @throws RedisExecAbortException when the server rejected a command of a transactional round while queueing;
     *         nothing ran
     * @throws RedisTransactionAbortedException when a watched key changed; nothing ran
     */
    public void sync() {
        requireOpen();
        try {
            if (transaction != null) {
                Transaction<V> tx = transaction;
                transaction = null;
                if (tx.exec().aborted()) {
                    RedisException aborted = responses.get(0).failure();
                    throw aborted instanceof RedisTransactionAbortedException a ? a
                            : new RedisTransactionAbortedException("Transaction aborted: a watched key changed");
                }
            } else {
                readUnread();
            }
        } catch (RuntimeException e) {
            // The round is over either way: the next execute() must not return its results again.
            endRound(e instanceof RedisException r ? r : new RedisException("pipeline failed: " + e, e));
            responses.clear();
            throw e;
        }
        endRound(null);
    }

    /**
     * Runs what is queued, reads every reply and returns all results of this pipeline since the last
     * {@code execute}, in order; the connection goes back to the pool and the pipeline can be used again.
     *
     * @return each command's result; with {@code raiseOnError} off, failed commands hold their exception
     * @throws IllegalStateException when the pipeline is closed
     * @throws RedisPipelineException with {@code raiseOnError} on (the default), when a command failed; it names the
     *         first failed index and command, and carries every result
     * @throws RedisConnectionException when the connection failed
     * @throws RedisExecAbortException when the server rejected a command of a transactional round while queueing;
     *         nothing ran
     * @throws RedisTransactionAbortedException when a watched key changed; nothing ran
     */
    public List<Object> execute() {
        CommandObserver o = observer;
        if (o == null) {
            return executeRound();
        }
        return Observations.observe(o, "PIPELINE", responses.size(), i -> responses.get(i).command(),
                pool != null ? pool.config() : dedicated.config(),
                this::executeRound);
    }

    /**
     * Sets the observer of each executed round; package-private: {@link RedisClient} passes its own.
     *
     * @param o the observer, or {@code null}
     * @return this pipeline
     */
    Pipeline<V> observedBy(CommandObserver o) {
        this.observer = o;
        return this;
    }

    private List<Object> executeRound() {
        sync();
        List<Object> results = new ArrayList<>(responses.size());
        int firstError = -1;
        for (int i = 0; i < responses.size(); i++) {
            Response<?> r = responses.get(i);
            if (r.failure() != null && firstError < 0) {
                firstError = i;
            }
            results.add(r.resultOrFailure());
        }
        String failedName = firstError >= 0 ? responses.get(firstError).commandName() : null;
        RedisException failure = firstError >= 0 ? responses.get(firstError).failure() : null;
        responses.clear();
        if (failure != null && options.raiseOnError()) {
            throw new RedisPipelineException(firstError, failedName, failure, results);
        }
        return results;
    }

    /**
     * Discards the commands queued since the last {@link #execute()} (their responses fail), releases any
     * {@code WATCH} and gives the connection back; the pipeline stays usable. Commands of a plain round may
     * already have reached the server and run; their connection is then destroyed, since it may still owe replies.
     *
     * @throws IllegalStateException when the pipeline is closed
     */
    public void reset() {
        requireOpen();
        discardRound(new RedisException("pipeline was reset before it was executed"));
    }

    /**
     * Closes the pipeline: discards the commands queued since the last {@link #execute()} as {@link #reset()}
     * does, and gives back the connection if one is held. Closing twice is harmless; a closed pipeline refuses
     * commands.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        discardRound(new RedisException("pipeline was closed before it was executed"));
    }

    private void discardRound(RedisException discarded) {
        if (transaction != null) {
            // Nothing of a transactional round was sent yet: discard() fails its responses and UNWATCHes.
            Transaction<V> tx = transaction;
            transaction = null;
            tx.discard();
        }
        endRound(discarded);
        responses.clear();
    }

    private boolean transactional() {
        return explicitMulti || options.transaction();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("pipeline is closed");
        }
    }

    private void borrow() {
        if (connection == null) {
            if (dedicated != null) {
                connection = dedicated;
            } else {
                lease = pool.borrow();
                connection = lease.connection();
            }
        }
    }

    /**
     * Refuses to send more on a connection to a Sentinel-monitored primary that has moved since it was borrowed: the
     * round fails (what was sent before has an unknown outcome, as after a connection failure), and nothing more
     * reaches the old primary.
     */
    private void requireCurrentNode() {
        if (lease != null && !lease.isCurrent()) {
            throw new RedisConnectionException("The primary moved from " + connection.address() + " to "
                    + pool.config().address() + " while this pipeline was open; its commands not yet sent were not "
                    + "sent");
        }
    }

    /** Reads the replies of the commands sent but not yet answered, keeping the connection. */
    private void readUnread() {
        if (unread == 0) {
            return;
        }
        int first = responses.size() - unread;
        List<Object> givenUp = null; // pops whose caller cancelled their response, and what they took
        try {
            requireCurrentNode();
            connection.flush(responses.get(first).command());
            for (int i = first; i < responses.size(); i++) {
                Response<?> r = responses.get(i);
                Command<?> command = r.command();
                Object reply = connection.readReply(command);
                unread--;
                if (reply instanceof ErrorReply error) {
                    r.fail(Errors.fromReply(error, command.name(), connection.address()));
                } else {
                    connection.trackSuccess(command);
                    if (!r.completeRaw(reply) && reply != null && PutBacks.isPop(command)) {
                        givenUp = givenUp == null ? new ArrayList<>() : givenUp;
                        givenUp.add(command);
                        givenUp.add(reply);
                    }
                }
            }
            if (givenUp != null) {
                // Only once every reply is read: the put-backs are commands of their own on this connection.
                for (int i = 0; i < givenUp.size(); i += 2) {
                    BlockingRecovery.putBack(connection, (Command<?>) givenUp.get(i), givenUp.get(i + 1));
                }
            }
        } catch (RedisInterruptedException e) {
            List<Command<?>> owed = new ArrayList<>(unread);
            for (int i = responses.size() - unread; i < responses.size(); i++) {
                owed.add(responses.get(i).command());
            }
            // A dedicated connection has no pool to finish the pop from: ending the round closes it instead.
            if (lease != null && BlockingRecovery.takeOver(lease, owed)) {
                for (int i = responses.size() - unread; i < responses.size(); i++) {
                    responses.get(i).fail(e);
                }
                unread = 0; // read by the recovery, on a connection that must stay open for it
            }
            endRound(e);
            throw e;
        } catch (RedisException e) {
            endRound(e);
            throw e;
        }
    }

    /**
     * Ends the round: fails what is unanswered with {@code failure}, gives the connection back (or, when replies
     * are still owed or a {@code WATCH} could not be released, makes sure it is never reused) and resets the modes.
     */
    private void endRound(RedisException failure) {
        if (unread > 0) {
            for (int i = Math.max(0, responses.size() - unread); i < responses.size(); i++) {
                responses.get(i).fail(failure);
            }
            // Replies still owed on this socket must never reach another caller, so the socket is closed. Closed,
            // not marked broken: the socket itself did not fail (when it did, it already marked itself broken),
            // and a broken connection would make the pool discard every other connection as possibly stale.
            connection.close();
            unread = 0;
        }
        if (watching && connection.isUsable()) {
            unwatch();
        }
        watching = false;
        explicitMulti = false;
        streaming = false;
        transaction = null;
        PooledConnection held = lease;
        lease = null;
        connection = null;
        if (held != null) {
            held.close();
        }
    }

    private void unwatch() {
        try {
            connection.execute(Command.create(codec, "UNWATCH", Decoders.raw()));
        } catch (RedisException e) {
            connection.markBroken();
        }
    }
}
