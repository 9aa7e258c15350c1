package io.respkit.spring.listener;

import io.respkit.DedicatedConnection;
import io.respkit.TransactionResult;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.KeyValue;
import io.respkit.commands.ListDirection;
import io.respkit.commands.ScanArgs;
import io.respkit.commands.ScanPage;
import io.respkit.commands.SetArgs;
import io.respkit.exceptions.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Redis commands of queue listeners, over a {@link DedicatedConnection} the caller owns, through respkit's typed
 * API (the same command definitions as any user's): blocking pops wait their block time on top of the read
 * timeout, and the atomic moves are {@code MULTI}/{@code EXEC} transactions. Payloads travel as raw bytes
 * ({@link ByteArrayCodec}) so that {@code LREM} matches them exactly.
 *
 * <p>Stateless and thread-safe; the connections passed in are not.
 */
final class QueueOperations {

    // The container's logger, so that what operators configured for the container covers these messages too.
    private static final Logger log = LoggerFactory.getLogger(QueueListenerContainer.class);
    private static final byte[] ALIVE = "1".getBytes(StandardCharsets.US_ASCII);

    private final String queue;
    /** The prefix of processing lists and heartbeat keys: the queue, or on a cluster a name in its slot. */
    private final String keyPrefix;
    private final Duration pollTimeout;
    /** How long one blocking pop blocks: the poll timeout, bounded by the health-check interval. */
    private final Duration block;

    QueueOperations(String queue, Duration pollTimeout) {
        this(queue, pollTimeout, pollTimeout);
    }

    QueueOperations(String queue, Duration pollTimeout, Duration block) {
        this(queue, queue, pollTimeout, block);
    }

    QueueOperations(String queue, String keyPrefix, Duration pollTimeout, Duration block) {
        this.queue = queue;
        this.keyPrefix = keyPrefix;
        this.pollTimeout = pollTimeout;
        this.block = block;
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
        return keyPrefix + ":processing:" + consumerId;
    }

    String heartbeatKey(String consumerId) {
        return keyPrefix + ":consumer:" + consumerId;
    }

    /** {@code BRPOP queue timeout}: the oldest item of an LPUSH-fed list, or null when none came in time. */
    byte[] pop(DedicatedConnection<byte[]> connection) {
        KeyValue<byte[]> reply = connection.brpop(block, queue);
        return reply == null ? null : reply.value();
    }

    /** {@code BLMOVE queue processing RIGHT LEFT timeout}: the oldest item, now also in the processing list. */
    byte[] take(DedicatedConnection<byte[]> connection, String processingKey) {
        return connection.blmove(queue, processingKey, ListDirection.RIGHT, ListDirection.LEFT, block);
    }

    /** {@code LREM processing 1 item}: the item was handled. */
    void acknowledge(DedicatedConnection<byte[]> connection, String processingKey, byte[] item) {
        connection.lrem(processingKey, 1, item);
    }

    /**
     * {@code MULTI; LREM processing 1 item; LPUSH dead item; EXEC}: atomically moves a failed item aside.
     *
     * @throws io.respkit.exceptions.RedisException when the connection failed or the server refused the
     *         transaction; the item then stays in the processing list for recovery
     */
    void deadLetter(DedicatedConnection<byte[]> connection, String processingKey, String deadLetterQueue,
            byte[] item) {
        TransactionResult result = connection.multi(tx -> {
            tx.lrem(processingKey, 1, item);
            tx.lpush(deadLetterQueue, item);
        });
        for (Object r : result.results()) {
            if (r instanceof RedisException e) {
                // The commands ran but one failed (a key of the wrong type, say): nothing to undo, but say so.
                log.error("Moving an item of queue '{}' from '{}' to dead-letter list '{}' failed: {}", queue,
                        processingKey, deadLetterQueue, e.getMessage());
            }
        }
    }

    /** {@code SET heartbeat 1 PX 3*pollTimeout}: this consumer is alive. */
    void heartbeat(DedicatedConnection<byte[]> connection, String consumerId) {
        connection.set(heartbeatKey(consumerId), ALIVE, SetArgs.px(3 * pollTimeout.toMillis()));
    }

    /** {@code DEL heartbeat...}. */
    void clearHeartbeats(DedicatedConnection<byte[]> connection, List<String> consumerIds) {
        if (consumerIds.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(consumerIds.size());
        for (String id : consumerIds) {
            keys.add(heartbeatKey(id));
        }
        connection.del(keys);
    }

    /**
     * Moves every item of a processing list back to the consumption end of the queue, the earliest taken ending
     * up consumed first. {@code LMOVE src queue LEFT RIGHT} rather than {@code RPOPLPUSH}: consumers pop from the
     * right, and RPOPLPUSH would push to the left, where recovered items would wait behind the whole backlog.
     *
     * @return how many items moved
     */
    int recover(DedicatedConnection<byte[]> connection, String processingKey) {
        int moved = 0;
        while (connection.lmove(processingKey, queue, ListDirection.LEFT, ListDirection.RIGHT) != null) {
            moved++;
        }
        return moved;
    }

    /**
     * Finds the processing lists of this queue ({@code SCAN MATCH <queue>:processing:*}) whose consumer's heartbeat
     * key is gone and that {@code skip} does not exclude. On a cluster the connection is to the node serving the
     * queue's slot, where every processing list of the queue is (they share its hash tag).
     *
     * @return the consumer ids owning abandoned lists
     */
    List<String> abandonedConsumers(DedicatedConnection<byte[]> connection, Predicate<String> skip) {
        String prefix = processingKey("");
        ScanArgs processingLists = ScanArgs.match(escapeGlob(prefix) + "*").count(100);
        List<String> abandoned = new ArrayList<>();
        String cursor = "0";
        do {
            ScanPage<String> page = connection.scan(cursor, processingLists);
            for (String key : page.items()) {
                String consumerId = key.substring(prefix.length());
                if (!skip.test(consumerId) && connection.exists(heartbeatKey(consumerId)) == 0) {
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
