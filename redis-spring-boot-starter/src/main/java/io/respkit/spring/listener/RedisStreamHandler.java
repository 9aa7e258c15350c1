package io.respkit.spring.listener;

import io.respkit.stream.StreamMessage;

import java.util.List;

/**
 * What a {@link StreamListenerContainer} calls for stream entries: usually a
 * {@link io.respkit.spring.listener.adapter.StreamMethodInvoker} around a {@code @RedisListener(stream = ...)}
 * method. A handler is either a batch handler ({@link #isBatch()}: {@link #handleBatch(List)} gets each read's
 * entries at once) or an entry handler ({@link #handle(StreamMessage)} gets one entry at a time).
 *
 * <p>Implementations must be thread-safe: a container with a concurrency above 1 calls one handler from several
 * workers at once.
 */
public interface RedisStreamHandler {

    /**
     * Tells whether this handler takes whole batches.
     *
     * @return {@code true} when the container must call {@link #handleBatch(List)}
     */
    boolean isBatch();

    /**
     * Handles one entry (entry handlers).
     *
     * @param message the entry
     * @throws Exception to have the entry retried, then dead-lettered after its last attempt
     */
    void handle(StreamMessage<String> message) throws Exception;

    /**
     * Handles the entries of one read (batch handlers).
     *
     * @param messages the entries, in stream order
     * @throws Exception to have every entry of the batch retried, then dead-lettered after its last attempt
     */
    void handleBatch(List<StreamMessage<String>> messages) throws Exception;
}
