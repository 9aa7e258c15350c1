package io.respkit;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisPipelineCommands;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.RedisConnection;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisCrossSlotException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.internal.cluster.ClusterBatches;
import io.respkit.internal.cluster.ClusterObservation;

import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline on a Redis Cluster, with the typed queueing methods of {@link Pipeline}: commands are queued, and
 * {@link #execute()} sends them grouped by the node owning each command's hash slot, one pipelined round trip per
 * node ({@link PipelineOptions#flushEvery()} commands at most per round trip), the nodes concurrently, and returns
 * every result in queue order.
 *
 * <pre>{@code
 * try (ClusterPipeline<String> p = cluster.pipeline()) {
 *     p.set("k1", "v1");
 *     Response<String> v = p.get("k2");
 *     List<Object> all = p.execute();   // [true, ...] in queue order, whichever node each ran on
 * }
 * }</pre>
 *
 * <p>Not thread-safe: a pipeline belongs to the thread that opened it.
 *
 * <p><b>Order and routing.</b> Commands of one slot run in the order queued (a command redirected by {@code MOVED}
 * or {@code ASK} is re-sent to the node named, after the others of its round, up to the configured redirects);
 * commands of different nodes run concurrently, in no defined order between them. Keyless commands go to one
 * primary. A command whose keys span slots ({@code MGET a b} with {@code a} and {@code b} in different slots) is not
 * split: its result is a {@link RedisCrossSlotException}, as is that of a command whose server tips send it to every
 * node ({@code DBSIZE}, {@code FLUSHALL}, {@code PING}: a {@link RedisUnsupportedCommandException}); neither is sent,
 * and the other commands still run. Call those on the {@link RedisClusterClient} instead. A command sent whose
 * connection then failed is re-sent only when it is a read; a write gets the {@link RedisConnectionException} as its
 * result, since it may have run. Reads go to primaries.
 *
 * <p><b>Connections.</b> Nothing is sent before {@link #execute()} (unlike {@link Pipeline}, which streams): the
 * queued commands are held until then, and a connection is borrowed from each node's pool only for the round.
 *
 * <p><b>Transactions.</b> With {@link PipelineOptions#transaction()}, a round is sent as one {@code MULTI}/{@code EXEC}
 * on the primary of its slot: every command of the round must hash to one slot (hash tags: {@code {user:1}:a}),
 * else {@link #execute()} throws {@link RedisCrossSlotException} before anything is sent.
 *
 * @param <V> the value type
 */
public final class ClusterPipeline<V> implements RedisPipelineCommands<V>, AutoCloseable {

    private final RedisCodec<V> codec;
    private final ClusterBatches batches;
    private final PipelineOptions options;
    /** Observes each {@link #execute()}, or {@code null}. */
    private final CommandObserver observer;
    private final List<Response<?>> responses = new ArrayList<>();
    /** The first response not yet run by {@link #sync()}. */
    private int unrun;
    private boolean closed;

    ClusterPipeline(RedisCodec<V> codec, ClusterBatches batches, PipelineOptions options, CommandObserver observer) {
        this.codec = codec;
        this.batches = batches;
        this.options = options;
        this.observer = observer;
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /**
     * Queues a command, to be sent by {@link #execute()}.
     *
     * @param command the command
     * @param <T> its result type
     * @return the command's response, complete once the pipeline ran
     * @throws IllegalStateException when the pipeline is closed
     * @throws RedisUnsupportedCommandException when the command cannot be pipelined ({@code SUBSCRIBE}, ...); it is
     *         not queued
     */
    @Override
    public <T> Response<T> enqueue(Command<T> command) {
        requireOpen();
        RedisConnection.checkSendable(command);
        Response<T> response = new Response<>(command);
        responses.add(response);
        return response;
    }

    /**
     * Runs what is queued and completes every {@link Response}, without collecting results; {@link #execute()}
     * still returns them.
     *
     * @throws IllegalStateException when the pipeline is closed
     * @throws RedisCrossSlotException for a transactional round whose commands span slots; nothing was sent, and
     *         every response fails with it
     * @throws RedisExecAbortException when the server rejected a command of a transactional round; nothing ran
     * @throws RedisConnectionException when a transactional round's node failed
     */
    public void sync() {
        sync(null);
    }

    /** {@link #sync()}, the commands sent as part of {@code round} (or {@code null}). */
    private void sync(ClusterObservation round) {
        requireOpen();
        List<Command<?>> commands = new ArrayList<>(responses.size());
        int first = unrun;
        unrun = responses.size();
        for (int i = first; i < responses.size(); i++) {
            commands.add(responses.get(i).command());
        }
        if (commands.isEmpty()) {
            return;
        }
        try {
            if (options.transaction()) {
                runTransaction(commands, first, round);
            } else {
                Object[] out = batches.run(commands, options.flushEvery(), round);
                for (int i = 0; i < out.length; i++) {
                    Response<?> r = responses.get(first + i);
                    if (out[i] instanceof RedisException e) {
                        r.fail(e);
                    } else {
                        r.completeRaw(out[i]);
                    }
                }
            }
        } catch (RuntimeException e) {
            RedisException failure = e instanceof RedisException r ? r : new RedisException("pipeline failed: " + e, e);
            for (int i = first; i < responses.size(); i++) {
                if (!responses.get(i).isDone()) {
                    responses.get(i).fail(failure);
                }
            }
            responses.clear(); // the round is over either way
            unrun = 0;
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private void runTransaction(List<Command<?>> commands, int first, ClusterObservation round) {
        int slot = ClusterBatches.NO_SLOT;
        for (Command<?> c : commands) {
            int s = batches.slotOf(c);
            if (s != ClusterBatches.NO_SLOT && slot != ClusterBatches.NO_SLOT && s != slot) {
                throw new RedisCrossSlotException("a transactional cluster pipeline (" + c.name() + ")",
                        List.of(slot, s));
            }
            if (s != ClusterBatches.NO_SLOT) {
                slot = s;
            }
        }
        Transaction<V> tx = ClusterTransactions.execOnSlot(batches, codec, slot, t -> {
            for (Command<?> c : commands) {
                t.enqueue(c);
            }
        }, null, round);
        List<Response<?>> done = tx.queued();
        for (int i = 0; i < done.size(); i++) {
            Response<?> from = done.get(i);
            Response<Object> to = (Response<Object>) responses.get(first + i);
            if (from.failure() != null) {
                to.fail(from.failure());
            } else {
                to.complete(from.getNow(null));
            }
        }
    }

    /**
     * Runs what is queued and returns all results since the last {@code execute}, in queue order; the pipeline can
     * be used again.
     *
     * @return each command's result; with {@code raiseOnError} off, failed commands hold their exception
     * @throws IllegalStateException when the pipeline is closed
     * @throws RedisPipelineException with {@code raiseOnError} on (the default), when a command failed; it names the
     *         first failed index and command, and carries every result
     * @throws RedisCrossSlotException for a transactional round whose commands span slots; nothing was sent
     * @throws RedisExecAbortException when the server rejected a command of a transactional round; nothing ran
     * @throws RedisConnectionException when a transactional round's node failed
     */
    public List<Object> execute() {
        CommandObserver o = observer;
        if (o == null) {
            return executeRound(null);
        }
        // A round that chose no node starts its call only as it ends, after its responses were cleared: those are '?'
        ClusterObservation round = new ClusterObservation(o, "PIPELINE", responses.size(),
                i -> i < responses.size() ? responses.get(i).command() : null, batches.config());
        return round.observe(() -> executeRound(round));
    }

    private List<Object> executeRound(ClusterObservation round) {
        sync(round);
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
        unrun = 0;
        if (failure != null && options.raiseOnError()) {
            throw new RedisPipelineException(firstError, failedName, failure, results);
        }
        return results;
    }

    /**
     * Discards the commands queued since the last {@link #execute()}; their responses fail. Nothing of them was sent.
     *
     * @throws IllegalStateException when the pipeline is closed
     */
    public void reset() {
        requireOpen();
        discard(new RedisException("pipeline was reset before it was executed"));
    }

    /** Discards what is queued, as {@link #reset()} does; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            discard(new RedisException("pipeline was closed before it was executed"));
        }
    }

    private void discard(RedisException e) {
        for (Response<?> r : responses) {
            if (!r.isDone()) {
                r.fail(e);
            }
        }
        responses.clear();
        unrun = 0;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("pipeline is closed");
        }
    }
}
