package io.respkit;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.connection.RedisConnection;
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
        try {
            connection.send(command);
        } catch (RedisUnsupportedCommandException e) {
            throw e; // refused before any of its bytes were buffered: the pipeline carries on without it
        } catch (RedisException e) {
            responses.add(response);
            unread++;
            failUnread(e);
            throw e;
        }
        responses.add(response);
        unread++;
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
