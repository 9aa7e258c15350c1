package io.respkit.spring.listener;

import io.respkit.DedicatedConnection;
import io.respkit.Pipeline;
import io.respkit.Response;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.KeyValue;
import io.respkit.commands.KeyValues;
import io.respkit.commands.ListDirection;
import io.respkit.commands.RedisCommands;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.Locale;

/**
 * How the workers of one {@link QueueListenerContainer} take items in batches of up to {@code batchSize}, and put
 * back the items of a batch that a stopping worker did not hand to the handler. With a batch size of 1 it issues
 * exactly the single-item commands of {@link QueueOperations} ({@code BRPOP}, {@code BLMOVE}).
 *
 * <p>Thread-safe: shared by the workers of a container; the only mutable state is what the server turned out not
 * to support, kept in volatile flags (once a server says {@code BLMPOP} is unknown, the container stops trying
 * it). The connections passed in are not thread-safe and belong to the calling worker.
 */
final class QueueBatches {

    private static final Logger log = LoggerFactory.getLogger(QueueBatches.class);

    private final String listenerId;
    private final String queue;
    private final int batchSize;
    private final Duration pollTimeout;
    private final QueueOperations ops;

    // Set once the server answered "unknown command" to BLMPOP (Redis < 7.0): BRPOP + RPOP count from then on.
    private volatile boolean noBlmpop;
    // Set once the server refused RPOP with a count (Redis < 6.2): one BRPOP per item from then on.
    private volatile boolean noRpopCount;

    QueueBatches(String listenerId, String queue, int batchSize, Duration pollTimeout, QueueOperations ops) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize of queue listener '" + listenerId
                    + "' must be at least 1, but is " + batchSize);
        }
        this.listenerId = listenerId;
        this.queue = queue;
        this.batchSize = batchSize;
        this.pollTimeout = pollTimeout;
        this.ops = ops;
    }

    int batchSize() {
        return batchSize;
    }

    /** Whether this container has fallen back from BLMPOP to BRPOP + RPOP, for tests and toString. */
    boolean usesFallback() {
        return noBlmpop;
    }

    /**
     * Plain mode: blocks up to the poll timeout for at least one item and returns up to {@code batchSize}, oldest
     * first. The items have left the queue.
     *
     * @return the items, empty when none came in time
     * @throws RedisException when the connection failed or the server refused the pop
     */
    List<byte[]> pop(DedicatedConnection<byte[]> connection) {
        if (batchSize == 1 || noRpopCount) {
            return single(ops.pop(connection));
        }
        if (!noBlmpop) {
            try {
                return blmpop(connection);
            } catch (RedisServerException e) {
                if (!isUnknownCommand(e)) {
                    throw e;
                }
                noBlmpop = true;
                log.info("Redis server does not know BLMPOP (it is older than 7.0); queue listener '{}' takes "
                        + "batches with BRPOP + RPOP {} {} instead", listenerId, queue, batchSize - 1);
            }
        }
        return popWithRpop(connection);
    }

    /**
     * {@code BRPOP} then {@code RPOP queue n-1}, written in one flush. The server does not read the RPOP while the
     * BRPOP blocks, so the RPOP runs right after the BRPOP returned: one round trip, same order as BLMPOP.
     */
    private List<byte[]> popWithRpop(DedicatedConnection<byte[]> connection) {
        // Not closed: sync() ends the round, and closing would only cost an exception object per batch.
        Pipeline<byte[]> round = connection.pipeline();
        Response<KeyValue<byte[]>> head = round.brpop(pollTimeout, queue);
        Response<List<byte[]>> rest = round.rpop(queue, batchSize - 1);
        round.sync();
        KeyValue<byte[]> first = head.get();
        List<byte[]> items = new ArrayList<>(batchSize);
        if (first != null) {
            items.add(first.value());
        }
        RedisException refused = rest.failure();
        if (refused == null) {
            items.addAll(rest.get());
        } else if (refused instanceof RedisServerException) {
            // Keep the BRPOP item, which has left the queue; without RPOP count, go on one item per round trip.
            noRpopCount = true;
            log.warn("Redis server refused RPOP with a count ({}); queue listener '{}' takes one item per round "
                    + "trip", refused.getMessage(), listenerId);
        } else {
            throw refused;
        }
        return items;
    }

    /**
     * Reliable mode: {@code BLMOVE queue processing RIGHT LEFT timeout} followed by up to {@code batchSize - 1}
     * {@code LMOVE queue processing RIGHT LEFT}, written in one flush (the server runs the LMOVEs only once the
     * BLMOVE returned). Every returned item is in the processing list.
     *
     * @return the items, oldest first, empty when none came in time
     * @throws RedisException when the connection failed or the server refused a move; items already moved stay in
     *         the processing list, where reconnection recovers them
     */
    List<byte[]> take(DedicatedConnection<byte[]> connection, String processingKey) {
        if (batchSize == 1) {
            return single(ops.take(connection, processingKey));
        }
        // Not closed: sync() ends the round, and closing would only cost an exception object per batch.
        Pipeline<byte[]> round = connection.pipeline();
        List<Response<byte[]>> moves = new ArrayList<>(batchSize);
        moves.add(round.blmove(queue, processingKey, ListDirection.RIGHT, ListDirection.LEFT, pollTimeout));
        for (int i = 1; i < batchSize; i++) {
            moves.add(round.lmove(queue, processingKey, ListDirection.RIGHT, ListDirection.LEFT));
        }
        // Every reply is read before any error is thrown, so that the connection stays in step.
        round.sync();
        List<byte[]> items = new ArrayList<>(batchSize);
        for (Response<byte[]> move : moves) {
            byte[] item = move.get();
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    /**
     * Puts back the items of a batch that a stopping worker did not hand to the handler, never throwing. Plain
     * mode ({@code processingKey} null): the items exist nowhere else, so when the worker's connection was cut off
     * a fresh one is opened for them. Reliable mode: when the connection is cut off or the move fails they simply
     * stay in the processing list, where reconnection, restart or another instance recovers them.
     *
     * @param connection the worker's connection, possibly closed
     * @param processingKey the worker's processing list, or {@code null} in plain mode
     * @param unhandled the items, oldest first
     * @param config where to open a fresh connection
     */
    void returnUnhandled(DedicatedConnection<byte[]> connection, String processingKey, List<byte[]> unhandled,
            Supplier<RedisConfig> config) {
        if (unhandled.isEmpty()) {
            return;
        }
        if (processingKey != null) {
            try {
                if (connection.isOpen()) {
                    putBack(connection, processingKey, unhandled);
                    log.debug("Queue listener '{}' moved {} untouched item(s) of its batch from '{}' back to '{}'",
                            listenerId, unhandled.size(), processingKey, queue);
                    return;
                }
            } catch (RedisException e) {
                log.debug("Queue listener '{}' could not move untouched items back: {}", listenerId,
                        e.getMessage());
            }
            log.info("Queue listener '{}' left {} untouched item(s) of its batch in '{}' for recovery", listenerId,
                    unhandled.size(), processingKey);
            return;
        }
        // A cut-off worker is interrupted; the interrupt must not break the fresh connection (virtual threads).
        boolean interrupted = Thread.interrupted();
        DedicatedConnection<byte[]> fresh = null;
        try {
            if (!connection.isOpen()) {
                fresh = DedicatedConnection.open(config.get(), ByteArrayCodec.INSTANCE);
            }
            putBack(fresh != null ? fresh : connection, unhandled);
            log.debug("Queue listener '{}' put {} untouched item(s) of its batch back to '{}'", listenerId,
                    unhandled.size(), queue);
        } catch (RedisException e) {
            log.error("Queue listener '{}' could not put {} untouched item(s) of its batch back to '{}'; they are "
                    + "lost: {}", listenerId, unhandled.size(), queue, e.getMessage());
        } finally {
            if (fresh != null) {
                fresh.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Plain mode: puts items a stopping worker took but did not hand to the handler back at the consumption end,
     * so that they are consumed next and in their original order: {@code RPUSH queue} with the newest first, the
     * oldest ending up rightmost.
     *
     * @param unhandled the items, oldest first
     * @throws RedisException when the connection failed
     */
    void putBack(DedicatedConnection<byte[]> connection, List<byte[]> unhandled) {
        if (unhandled.isEmpty()) {
            return;
        }
        connection.rpush(queue, newestFirst(unhandled));
    }

    /**
     * Reliable mode: moves items a stopping worker took but did not hand to the handler from its processing list
     * back to the consumption end of the queue, in their original order, in one {@code MULTI} so that none is
     * ever in both lists or in neither.
     *
     * @param unhandled the items, oldest first
     * @throws RedisException when the connection failed; the items then stay in the processing list for recovery
     */
    void putBack(DedicatedConnection<byte[]> connection, String processingKey, List<byte[]> unhandled) {
        if (unhandled.isEmpty()) {
            return;
        }
        connection.multi(tx -> {
            for (byte[] item : unhandled) {
                tx.lrem(processingKey, 1, item);
            }
            tx.rpush(queue, newestFirst(unhandled));
        });
    }

    /**
     * {@code BLMPOP timeout 1 queue RIGHT COUNT n}: blocks up to the poll timeout for the first item and returns up
     * to n from the consumption end, oldest first.
     *
     * @param commands where to run it: the worker's connection
     * @return the items, empty when none came in time
     * @throws RedisServerException when the server refused it ("unknown command" before Redis 7.0)
     */
    List<byte[]> blmpop(RedisCommands<byte[]> commands) {
        return items(commands.blmpop(pollTimeout, ListDirection.RIGHT, batchSize, queue));
    }

    /** {@code RPUSH} pushes its arguments left to right, so the newest goes first and the oldest ends up rightmost. */
    private static List<byte[]> newestFirst(List<byte[]> oldestFirst) {
        List<byte[]> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    /**
     * The items of a decoded {@code BLMPOP} reply ({@code [key, [item, ...]]}, or nil on timeout).
     *
     * @return the items in pop order, empty for nil
     */
    static List<byte[]> items(KeyValues<byte[]> reply) {
        return reply == null ? List.of() : reply.values();
    }

    private static List<byte[]> single(byte[] item) {
        return item == null ? List.of() : List.of(item);
    }

    static boolean isUnknownCommand(RedisServerException e) {
        String message = e.serverMessage() == null ? "" : e.serverMessage().toLowerCase(Locale.ROOT);
        return message.contains("unknown command");
    }
}
