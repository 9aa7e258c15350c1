package io.respkit;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.connection.OwedReplies;
import io.respkit.connection.RedisConnection;
import io.respkit.internal.BlockingRecovery;
import io.respkit.internal.Errors;
import io.respkit.pool.PooledConnection;
import io.respkit.protocol.ErrorReply;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends many commands on one connection without waiting for each reply: one round trip per batch instead of one per
 * command. Not atomic (use {@link Transaction} for that). Commands stream to the server as they are queued; every
 * {@link PipelineOptions#flushEvery()} commands the pipeline reads the batch's replies, so memory stays bounded.
 * {@link #execute()} returns every result in order. A pipeline can be executed and reused; closing it returns the
 * connection.
 *
 * <p>A caller interrupted while waiting for replies gets a {@link RedisInterruptedException} within about 100 ms,
 * as every unanswered command does. When one of those is a blocking pop ({@code BLPOP}, {@code BRPOP}, ...),
 * respkit finishes it in the background: unblocked on the server, or what it took put back, so that nothing is
 * lost (other unanswered commands may have run); then the connection goes back to the pool.
 *
 * <pre>{@code
 * try (Pipeline<String> p = client.pipeline()) {
 *     p.set("k1", "v1");
 *     Response<String> v = p.get("k1");
 *     List<Object> all = p.execute();   // [true, "v1"]
 * }
 * }</pre>
 *
 * <p>Not thread-safe: a pipeline belongs to the thread that opened it.
 *
 * @param <V> the value type
 */
public final class Pipeline<V> implements RedisPipelineCommands<V>, AutoCloseable {

    private final RedisCodec<V> codec;
    private final PooledConnection lease;
    private final RedisConnection connection;
    private final PipelineOptions options;
    private final List<Response<?>> responses = new ArrayList<>();
    private int unread;
    private boolean closed;

    Pipeline(RedisCodec<V> codec, PooledConnection lease, PipelineOptions options) {
        this.codec = codec;
        this.lease = lease;
        this.connection = lease.connection();
        this.options = options;
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    @Override
    public <T> Response<T> enqueue(Command<T> command) {
        if (closed) {
            throw new IllegalStateException("pipeline is closed");
        }
        Response<T> response = new Response<>(command);
        responses.add(response);
        unread++;
        try {
            if (command.blockMillis() >= 0) {
                OwedReplies.askClientIdAhead(connection, command); // so that it can be unblocked, over RESP2 too
            }
            connection.send(command);
        } catch (RedisException e) {
            failUnread(e);
            throw e;
        }
        if (unread >= options.flushEvery()) {
            sync();
        }
        return response;
    }

    /**
     * Sends whatever is queued and reads every reply, without collecting results; {@link Response} handles become
     * available.
     *
     * @throws RedisConnectionException when the connection failed; every unanswered command fails with it
     * @throws RedisInterruptedException when the calling thread was interrupted while waiting; every unanswered
     *         command fails with it
     */
    public void sync() {
        if (unread == 0) {
            return;
        }
        int first = responses.size() - unread;
        try {
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
                    r.completeRaw(reply);
                }
            }
        } catch (RedisInterruptedException e) {
            List<Command<?>> owed = new ArrayList<>(unread);
            for (int i = responses.size() - unread; i < responses.size(); i++) {
                owed.add(responses.get(i).command());
            }
            if (BlockingRecovery.takeOver(lease, owed)) {
                for (int i = responses.size() - unread; i < responses.size(); i++) {
                    responses.get(i).fail(e);
                }
                unread = 0; // read by the recovery, on a connection that must stay open for it
            }
            failUnread(e);
            throw e;
        } catch (RedisException e) {
            failUnread(e);
            throw e;
        }
    }

    /**
     * Sends whatever is queued, reads every reply and returns all results of this pipeline since the last
     * {@code execute}, in order. The pipeline is then empty and can be used again.
     *
     * @return each command's result; with {@code raiseOnError} off, failed commands hold their exception
     * @throws RedisPipelineException with {@code raiseOnError} on (the default), when a command failed; it names the
     *         first failed index and command, and carries every result
     * @throws RedisConnectionException when the connection failed
     */
    public List<Object> execute() {
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
     * Closes the pipeline and returns its connection. Commands queued but not executed are discarded; since they may
     * already have reached the server, the connection is then destroyed rather than reused.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (unread > 0) {
            failUnread(new RedisException("pipeline was closed before it was executed"));
        }
        lease.close();
    }

    private void failUnread(RedisException e) {
        for (int i = responses.size() - unread; i < responses.size(); i++) {
            responses.get(i).fail(e);
        }
        if (unread > 0) {
            // Replies still owed on this socket must never reach another caller, so the socket is closed. Closed,
            // not marked broken: the socket itself did not fail (when it did, it already marked itself broken),
            // and a broken connection would make the pool discard every other connection as possibly stale.
            connection.close();
        }
        unread = 0;
    }
}
