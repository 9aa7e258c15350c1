package io.respkit.spring.listener;

import io.respkit.exceptions.RedisServerException;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.KeyValue;
import io.respkit.commands.ReplyDecoders;
import io.respkit.commands.ScanPage;
import io.respkit.connection.RedisConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Redis commands of queue listeners, over a connection the caller owns. Blocking pops are marked with
 * {@link Command#blocking(Duration)} so the connection waits the block time on top of its read timeout. Payloads
 * travel as raw bytes ({@link ByteArrayCodec}) so that {@code LREM} matches them exactly.
 *
 * <p>Stateless and thread-safe; the connections passed in are not.
 */
final class QueueOperations {

    private final String queue;
    private final Duration pollTimeout;
    /** How long one blocking pop blocks: the poll timeout, bounded by the health-check interval. */
    private final Duration block;
    private final double blockSeconds;

    QueueOperations(String queue, Duration pollTimeout) {
        this(queue, pollTimeout, pollTimeout);
    }

    QueueOperations(String queue, Duration pollTimeout, Duration block) {
        this.queue = queue;
        this.pollTimeout = pollTimeout;
        this.block = block;
        this.blockSeconds = block.toMillis() / 1000.0;
    }

    /**
     * Returns how long one blocking pop may block so that a server gone without FIN or RST is noticed within the
     * health-check interval plus the read timeout: the connection waits the block time plus its read timeout for a
     * reply, so an unbounded block would hide a dead peer for the whole poll timeout.
     *
     * @param pollTimeout the listeners' poll timeout
     * @param healthCheckInterval the configured interval, zero when the check is off
     * @return the shorter of the two (the poll timeout when the check is off), at least 1 ms: a block of 0 would
     *         wait forever
     */
    static Duration blockFor(Duration pollTimeout, Duration healthCheckInterval) {
        Duration block = healthCheckInterval.isZero() || healthCheckInterval.compareTo(pollTimeout) >= 0 ? pollTimeout
                : healthCheckInterval;
        return block.toMillis() < 1 ? Duration.ofMillis(1) : block;
    }

    String processingKey(String consumerId) {
        return queue + ":processing:" + consumerId;
    }

    String heartbeatKey(String consumerId) {
        return queue + ":consumer:" + consumerId;
    }

    /** {@code BRPOP queue timeout}: the oldest item of an LPUSH-fed list, or null when none came in time. */
    byte[] pop(RedisConnection connection) {
        Command<KeyValue<byte[]>> cmd = Command.create(ByteArrayCodec.INSTANCE, "BRPOP", ReplyDecoders.<byte[]>keyValue())
                .key(queue).arg(blockSeconds).blocking(block);
        KeyValue<byte[]> reply = connection.execute(cmd);
        return reply == null ? null : reply.value();
    }

    /** {@code BLMOVE queue processing RIGHT LEFT timeout}: the oldest item, now also in the processing list. */
    byte[] take(RedisConnection connection, String processingKey) {
        Command<byte[]> cmd = Command.create(ByteArrayCodec.INSTANCE, "BLMOVE", ReplyDecoders.<byte[]>value())
                .key(queue).key(processingKey).arg("RIGHT").arg("LEFT").arg(blockSeconds).blocking(block);
        return connection.execute(cmd);
    }

    /** {@code LREM processing 1 item}: the item was handled. */
    void acknowledge(RedisConnection connection, String processingKey, byte[] item) {
        connection.execute(Command.create(ByteArrayCodec.INSTANCE, "LREM", ReplyDecoders.integer())
                .key(processingKey).arg(1).arg(item));
    }

    /** {@code MULTI; LREM processing 1 item; LPUSH dead item; EXEC}: atomically moves a failed item aside. */
    void deadLetter(RedisConnection connection, String processingKey, String deadLetterQueue, byte[] item) {
        atomically(connection, List.of(
                Command.create(ByteArrayCodec.INSTANCE, "LREM", ReplyDecoders.raw()).key(processingKey).arg(1).arg(item),
                Command.create(ByteArrayCodec.INSTANCE, "LPUSH", ReplyDecoders.raw()).key(deadLetterQueue).arg(item)));
    }

    /**
     * {@code MULTI; commands...; EXEC}. The commands must decode their replies raw: inside MULTI each answers
     * {@code QUEUED}.
     */
    void atomically(RedisConnection connection, List<? extends Command<?>> commands) {
        connection.execute(Command.create(StringCodec.UTF8, "MULTI", ReplyDecoders.string()));
        try {
            for (Command<?> command : commands) {
                connection.execute(command);
            }
        } catch (RedisServerException e) {
            // The server refused to queue a command: leave MULTI so the connection stays usable.
            connection.execute(Command.create(StringCodec.UTF8, "DISCARD", ReplyDecoders.string()));
            throw e;
        }
        connection.execute(Command.create(StringCodec.UTF8, "EXEC", ReplyDecoders.raw()));
    }

    /** {@code SET heartbeat 1 PX 3*pollTimeout}: this consumer is alive. */
    void heartbeat(RedisConnection connection, String consumerId) {
        connection.execute(Command.create(StringCodec.UTF8, "SET", ReplyDecoders.string())
                .key(heartbeatKey(consumerId)).arg("1").arg("PX").arg(3 * pollTimeout.toMillis()));
    }

    /** {@code DEL heartbeat...}. */
    void clearHeartbeats(RedisConnection connection, List<String> consumerIds) {
        if (consumerIds.isEmpty()) {
            return;
        }
        Command<Long> del = Command.create(StringCodec.UTF8, "DEL", ReplyDecoders.integer());
        for (String id : consumerIds) {
            del.key(heartbeatKey(id));
        }
        connection.execute(del);
    }

    /**
     * Moves every item of a processing list back to the consumption end of the queue, the earliest taken ending
     * up consumed first. {@code LMOVE src queue LEFT RIGHT} rather than {@code RPOPLPUSH}: consumers pop from the
     * right, and RPOPLPUSH would push to the left, where recovered items would wait behind the whole backlog.
     *
     * @return how many items moved
     */
    int recover(RedisConnection connection, String processingKey) {
        int moved = 0;
        for (;;) {
            byte[] item = connection.execute(Command.create(ByteArrayCodec.INSTANCE, "LMOVE", ReplyDecoders.<byte[]>value())
                    .key(processingKey).key(queue).arg("LEFT").arg("RIGHT"));
            if (item == null) {
                return moved;
            }
            moved++;
        }
    }

    /**
     * Finds the processing lists of this queue ({@code SCAN MATCH <queue>:processing:*}) whose consumer's heartbeat
     * key is gone and that {@code skip} does not exclude.
     *
     * @return the consumer ids owning abandoned lists
     */
    List<String> abandonedConsumers(RedisConnection connection, Predicate<String> skip) {
        String prefix = processingKey("");
        List<String> abandoned = new ArrayList<>();
        String cursor = "0";
        do {
            ScanPage<String> page = connection.execute(Command.create(StringCodec.UTF8, "SCAN",
                    ReplyDecoders.scanPage(ReplyDecoders.stringList())).arg(cursor).arg("MATCH").arg(escapeGlob(prefix) + "*")
                    .arg("COUNT").arg(100));
            for (String key : page.items()) {
                String consumerId = key.substring(prefix.length());
                if (skip.test(consumerId)) {
                    continue;
                }
                Long alive = connection.execute(Command.create(StringCodec.UTF8, "EXISTS", ReplyDecoders.integer())
                        .key(heartbeatKey(consumerId)));
                if (alive == 0) {
                    abandoned.add(consumerId);
                }
            }
            cursor = page.cursor();
        } while (!"0".equals(cursor));
        return abandoned;
    }

    static String escapeGlob(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 4);
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

}
