package io.respkit.stream;

import io.respkit.DedicatedConnection;
import io.respkit.Pipeline;
import io.respkit.PipelineOptions;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.RedisCodec;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.XAddArgs;
import io.respkit.internal.commands.StreamDefs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link StreamWorker} does with the entries it read: hands them to the handler, acknowledges them after it
 * returned, schedules a retry for a failed entry, and dead-letters an entry after its last attempt (or one delivered
 * more often than that, whose handler never came back, e.g. because it brought its process down).
 *
 * <p>Dead letters are added to the dead-letter stream with the entry's fields unchanged and these fields after them
 * (left out where the entry has a field of that name): {@code dead-letter-stream}, {@code dead-letter-id},
 * {@code dead-letter-group}, {@code dead-letter-consumer}, {@code dead-letter-listener} (when the builder named
 * one), {@code dead-letter-deliveries}, {@code dead-letter-error} (the exception's class) and
 * {@code dead-letter-message} (its message, at most 500 characters). The entry is acknowledged after the {@code XADD}: a crash in between adds it twice.
 *
 * <p>Not thread-safe: used by its worker's thread only.
 *
 * @param <V> the value type
 */
final class StreamDelivery<V> {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
    private static final int MAX_ERROR_MESSAGE = 500;

    /** Field names the dead-letter entries carry besides the entry's own. */
    static final String DL_STREAM = "dead-letter-stream";
    static final String DL_ID = "dead-letter-id";
    static final String DL_GROUP = "dead-letter-group";
    static final String DL_CONSUMER = "dead-letter-consumer";
    static final String DL_LISTENER = "dead-letter-listener";
    static final String DL_DELIVERIES = "dead-letter-deliveries";
    static final String DL_ERROR = "dead-letter-error";
    static final String DL_MESSAGE = "dead-letter-message";

    /**
     * An entry to deliver again once {@code dueNanos} ({@link System#nanoTime()}) has come.
     *
     * @param message the entry as it was last delivered
     * @param dueNanos when
     * @param delay the back-off it waits
     * @param <T> the value type
     */
    record Retry<T>(StreamMessage<T> message, long dueNanos, Duration delay) {
    }

    /** Acknowledgements: errors returned in place (not raised at the first), replies read once per batch. */
    private static final PipelineOptions ACKS = PipelineOptions.DEFAULT.withRaiseOnError(false);

    private final StreamConsumerSettings<V> settings;
    private final String consumer;
    private final StreamWorker<V> worker;
    private final RedisCodec<byte[]> rawCodec;

    StreamDelivery(StreamConsumerSettings<V> settings, String consumer, StreamWorker<V> worker) {
        this.settings = settings;
        this.consumer = consumer;
        this.worker = worker;
        Charset charset = settings.codec().charset();
        this.rawCodec = ByteArrayCodec.of(charset);
    }

    /**
     * Delivers entries read on {@code connection}.
     *
     * @param connection the worker's connection, for acknowledgements and dead letters
     * @param entries the entries in the order read
     * @param counts delivery counts from the pending list, by id
     * @param fallbackCount the count of an entry missing from {@code counts}
     */
    void deliver(DedicatedConnection<V> connection, List<StreamEntry<V>> entries, Map<StreamEntryId, Long> counts,
            long fallbackCount) {
        List<StreamMessage<V>> messages = new ArrayList<>(entries.size());
        List<StreamEntryId> gone = null;
        for (StreamEntry<V> e : entries) {
            if (e.isDeleted()) {
                // Pending but deleted from the stream (XDEL, trimming): nothing to hand on; clear it from the list.
                (gone == null ? gone = new ArrayList<>() : gone).add(e.id());
                continue;
            }
            Long count = counts.get(e.id());
            StreamMessage<V> m = new StreamMessage<>(settings.stream(), e.id(), e.fields(),
                    count != null ? count : fallbackCount);
            if (m.deliveryCount() > settings.maxAttempts()) {
                deadLetter(connection, m, new IllegalStateException("delivered " + m.deliveryCount()
                        + " times, more than the " + settings.maxAttempts() + " attempts allowed, without its "
                        + "handler ever returning or failing (did it bring its process down?)"));
            } else {
                messages.add(m);
            }
        }
        if (gone != null) {
            connection.xack(settings.stream(), settings.group(), gone);
        }
        if (messages.isEmpty()) {
            return;
        }
        if (settings.batchMode()) {
            deliverBatch(connection, messages);
        } else {
            // One XACK per entry, sent the moment its handler returned, but their replies read once per batch:
            // the handler of the next entry runs while the acknowledgement travels. Before any other command on the
            // connection (a retry's XCLAIM, a dead letter) the replies owed are read, so none is mistaken for another.
            Pipeline<V> acks = connection.pipeline(ACKS);
            try {
                for (StreamMessage<V> m : messages) {
                    if (worker.isStopping()) {
                        break; // the rest stays pending, never handed on and never acknowledged
                    }
                    deliverOne(connection, acks, m);
                }
                readAcks(acks);
            } finally {
                acks.close();
            }
        }
    }

    /** Reads the replies of the acknowledgements sent; an error reply (e.g. {@code NOGROUP}) is thrown as is. */
    private static void readAcks(Pipeline<?> acks) {
        for (Object reply : acks.execute()) {
            if (reply instanceof RuntimeException e) {
                throw e;
            }
        }
    }

    private void deliverOne(DedicatedConnection<V> connection, Pipeline<V> acks, StreamMessage<V> m) {
        safely(() -> settings.listener().received(m));
        long start = System.nanoTime();
        try {
            settings.handler().handle(m);
        } catch (Throwable e) {
            readAcks(acks); // before the retry's or the dead letter's commands on this connection
            failed(connection, List.of(m), e);
            return;
        }
        long elapsed = System.nanoTime() - start;
        clearStrayInterrupt();
        acks.xack(settings.stream(), settings.group(), m.id());
        acks.flush();
        safely(() -> settings.listener().processed(m, elapsed));
    }

    private void deliverBatch(DedicatedConnection<V> connection, List<StreamMessage<V>> messages) {
        List<StreamMessage<V>> batch = Collections.unmodifiableList(messages);
        for (StreamMessage<V> m : batch) {
            safely(() -> settings.listener().received(m));
        }
        long start = System.nanoTime();
        try {
            settings.batchHandler().handle(batch);
        } catch (Throwable e) {
            failed(connection, batch, e);
            return;
        }
        long elapsed = System.nanoTime() - start;
        clearStrayInterrupt();
        List<StreamEntryId> ids = new ArrayList<>(batch.size());
        for (StreamMessage<V> m : batch) {
            ids.add(m.id());
        }
        connection.xack(settings.stream(), settings.group(), ids);
        for (StreamMessage<V> m : batch) {
            safely(() -> settings.listener().processed(m, elapsed));
        }
    }

    /**
     * After the handler threw: while stopping, the entries stay pending (the failure may be the stop's own
     * interrupt); otherwise each is retried after its back-off, or dead-lettered after its last attempt.
     */
    private void failed(DedicatedConnection<V> connection, List<StreamMessage<V>> messages, Throwable error) {
        boolean stopping = worker.isStopping();
        if (!stopping) {
            clearStrayInterrupt();
        }
        long now = System.nanoTime();
        for (StreamMessage<V> m : messages) {
            boolean retry = !stopping && m.deliveryCount() < settings.maxAttempts();
            safely(() -> settings.errorListener().onError(m, error));
            safely(() -> settings.listener().failed(m, error, retry));
            if (stopping) {
                continue;
            }
            if (retry) {
                Duration delay = settings.retryBackoff().delay((int) Math.min(Integer.MAX_VALUE, m.deliveryCount()));
                worker.schedule(new Retry<>(m, now + delay.toNanos(), delay));
            } else {
                deadLetter(connection, m, error);
            }
        }
    }

    /** Adds the entry to the dead-letter stream, then acknowledges it. */
    private void deadLetter(DedicatedConnection<V> connection, StreamMessage<V> m, Throwable error) {
        Map<String, byte[]> fields = new LinkedHashMap<>(m.fields().size() * 2 + 16);
        RedisCodec<V> codec = settings.codec();
        m.fields().forEach((k, v) -> fields.put(k, codec.encode(v)));
        Charset cs = rawCodec.charset();
        fields.putIfAbsent(DL_STREAM, m.stream().getBytes(cs));
        fields.putIfAbsent(DL_ID, m.id().toString().getBytes(cs));
        fields.putIfAbsent(DL_GROUP, settings.group().getBytes(cs));
        fields.putIfAbsent(DL_CONSUMER, consumer.getBytes(cs));
        if (settings.listenerId() != null) {
            fields.putIfAbsent(DL_LISTENER, settings.listenerId().getBytes(cs));
        }
        fields.putIfAbsent(DL_DELIVERIES, Long.toString(m.deliveryCount()).getBytes(cs));
        fields.putIfAbsent(DL_ERROR, error.getClass().getName().getBytes(cs));
        String text = error.getMessage();
        if (text != null) {
            fields.putIfAbsent(DL_MESSAGE, (text.length() > MAX_ERROR_MESSAGE
                    ? text.substring(0, MAX_ERROR_MESSAGE) : text).getBytes(cs));
        }
        StreamEntryId deadId = connection.execute(StreamDefs.xadd(rawCodec, settings.deadLetterStream(), fields,
                XAddArgs.NONE));
        connection.xack(settings.stream(), settings.group(), m.id());
        // The class only: an exception's message may carry data from the entry.
        log.warn("Dead-lettered entry {} of stream '{}' (group '{}') after {} deliveries to '{}' as {}: {}", m.id(),
                m.stream(), settings.group(), m.deliveryCount(), settings.deadLetterStream(), deadId,
                error.getClass().getName());
        safely(() -> settings.listener().deadLettered(m, settings.deadLetterStream()));
    }

    /**
     * A handler that was interrupted by something else than a stop (the stop's interrupt comes with the stop flag)
     * must not leave the flag set: the next command would fail and lose the connection.
     */
    private void clearStrayInterrupt() {
        if (!worker.isStopping()) {
            Thread.interrupted();
        }
    }

    /** Runs a listener callback; what it throws is logged, never passed on. */
    static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("Stream consumer listener failed", e);
        }
    }
}
