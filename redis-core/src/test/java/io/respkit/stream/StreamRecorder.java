package io.respkit.stream;

import io.respkit.commands.StreamEntryId;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test listener: records what a {@link StreamConsumer} reports, as its metrics and error listener.
 *
 * <p>Thread-safe.
 */
final class StreamRecorder implements StreamConsumerListener, StreamErrorListener {

    final Queue<StreamEntryId> processed = new ConcurrentLinkedQueue<>();
    final Map<StreamEntryId, AtomicInteger> processedCount = new ConcurrentHashMap<>();
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger deadLettered = new AtomicInteger();
    final AtomicInteger claimed = new AtomicInteger();
    /** Failures of the consumer's own work (no entry). */
    final Queue<Throwable> consumerErrors = new ConcurrentLinkedQueue<>();
    final AtomicInteger handlerErrors = new AtomicInteger();

    @Override
    public void received(StreamMessage<?> message) {
        received.incrementAndGet();
    }

    @Override
    public void processed(StreamMessage<?> message, long elapsedNanos) {
        processed.add(message.id());
        processedCount.computeIfAbsent(message.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void failed(StreamMessage<?> message, Throwable error, boolean willRetry) {
        failed.incrementAndGet();
        if (willRetry) {
            retried.incrementAndGet();
        }
    }

    @Override
    public void deadLettered(StreamMessage<?> message, String deadLetterStream) {
        deadLettered.incrementAndGet();
    }

    @Override
    public void claimed(String consumer, int count) {
        claimed.addAndGet(count);
    }

    @Override
    public void onError(StreamMessage<?> message, Throwable error) {
        if (message == null) {
            consumerErrors.add(error);
        } else {
            handlerErrors.incrementAndGet();
        }
    }
}
