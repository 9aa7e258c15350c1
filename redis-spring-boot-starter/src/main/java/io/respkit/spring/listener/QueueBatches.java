package io.respkit.spring.listener;

import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.Command;
import io.respkit.commands.KeyValue;
import io.respkit.commands.KeyValues;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final double pollSeconds;
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
        this.pollSeconds = pollTimeout.toMillis() / 1000.0;
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
    List<byte[]> pop(RedisConnection connection) {
        if (batchSize == 1 || noRpopCount) {
            return single(ops.pop(connection));
        }
        if (!noBlmpop) {
            try {
                return items(connection.execute(blmpop()));
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
    private List<byte[]> popWithRpop(RedisConnection connection) {
        Command<KeyValue<byte[]>> brpop = Command.create(ByteArrayCodec.INSTANCE, "BRPOP",
                ReplyDecoders.<byte[]>keyValue()).key(queue).arg(pollSeconds).blocking(pollTimeout);
        Command<List<byte[]>> rpop = Command.create(ByteArrayCodec.INSTANCE, "RPOP",
                ReplyDecoders.<byte[]>valueListOrEmpty()).key(queue).arg(batchSize - 1);
        connection.send(brpop);
        connection.send(rpop);
        connection.flush(brpop);
        Object first = connection.readReply(brpop);
        Object rest = connection.readReply(rpop);
        KeyValue<byte[]> head = connection.decodeReply(brpop, first);
        List<byte[]> items = new ArrayList<>(batchSize);
        if (head != null) {
            items.add(head.value());
        }
        try {
            items.addAll(connection.decodeReply(rpop, rest));
        } catch (RedisServerException e) {
            // Keep the BRPOP item, which has left the queue; without RPOP count, go on one item per round trip.
            noRpopCount = true;
            log.warn("Redis server refused RPOP with a count ({}); queue listener '{}' takes one item per round "
                    + "trip", e.getMessage(), listenerId);
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
    List<byte[]> take(RedisConnection connection, String processingKey) {
        if (batchSize == 1) {
            return single(ops.take(connection, processingKey));
        }
        List<Command<byte[]>> moves = new ArrayList<>(batchSize);
        moves.add(Command.create(ByteArrayCodec.INSTANCE, "BLMOVE", ReplyDecoders.<byte[]>value())
                .key(queue).key(processingKey).arg("RIGHT").arg("LEFT").arg(pollSeconds).blocking(pollTimeout));
        for (int i = 1; i < batchSize; i++) {
            moves.add(Command.create(ByteArrayCodec.INSTANCE, "LMOVE", ReplyDecoders.<byte[]>value())
                    .key(queue).key(processingKey).arg("RIGHT").arg("LEFT"));
        }
        for (Command<byte[]> move : moves) {
            connection.send(move);
        }
        connection.flush(moves.get(0));
        // Every reply is read before any error is thrown, so that the connection stays in step.
        Object[] replies = new Object[moves.size()];
        for (int i = 0; i < replies.length; i++) {
            replies[i] = connection.readReply(moves.get(i));
        }
        List<byte[]> items = new ArrayList<>(batchSize);
        for (int i = 0; i < replies.length; i++) {
            byte[] item = connection.decodeReply(moves.get(i), replies[i]);
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
    void returnUnhandled(RedisConnection connection, String processingKey, List<byte[]> unhandled,
            RedisConfig config) {
        if (unhandled.isEmpty()) {
            return;
        }
        if (processingKey != null) {
            try {
                if (connection.isUsable()) {
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
        RedisConnection fresh = null;
        try {
            if (!connection.isUsable()) {
                fresh = RedisConnection.open(config);
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
    void putBack(RedisConnection connection, List<byte[]> unhandled) {
        if (unhandled.isEmpty()) {
            return;
        }
        Command<Long> rpush = Command.create(ByteArrayCodec.INSTANCE, "RPUSH", ReplyDecoders.integer()).key(queue);
        for (int i = unhandled.size() - 1; i >= 0; i--) {
            rpush.arg(unhandled.get(i));
        }
        connection.execute(rpush);
    }

    /**
     * Reliable mode: moves items a stopping worker took but did not hand to the handler from its processing list
     * back to the consumption end of the queue, in their original order, in one {@code MULTI} so that none is
     * ever in both lists or in neither.
     *
     * @param unhandled the items, oldest first
     * @throws RedisException when the connection failed; the items then stay in the processing list for recovery
     */
    void putBack(RedisConnection connection, String processingKey, List<byte[]> unhandled) {
        if (unhandled.isEmpty()) {
            return;
        }
        // Inside MULTI every reply is QUEUED: raw decoders throughout.
        Command<Object> rpush = Command.create(ByteArrayCodec.INSTANCE, "RPUSH", ReplyDecoders.raw()).key(queue);
        for (int i = unhandled.size() - 1; i >= 0; i--) {
            rpush.arg(unhandled.get(i));
        }
        List<Command<?>> body = new ArrayList<>();
        for (byte[] item : unhandled) {
            body.add(Command.create(ByteArrayCodec.INSTANCE, "LREM", ReplyDecoders.raw()).key(processingKey).arg(1)
                    .arg(item));
        }
        body.add(rpush);
        ops.atomically(connection, body);
    }

    /** {@code BLMPOP timeout 1 queue RIGHT COUNT n}: up to n items from the consumption end, oldest first. */
    Command<KeyValues<byte[]>> blmpop() {
        return Command.create(ByteArrayCodec.INSTANCE, "BLMPOP", ReplyDecoders.<byte[]>keyValues())
                .arg(pollSeconds).arg(1).key(queue).arg("RIGHT").arg("COUNT").arg(batchSize).blocking(pollTimeout);
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
