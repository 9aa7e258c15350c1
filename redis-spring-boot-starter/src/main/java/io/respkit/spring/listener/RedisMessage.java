package io.respkit.spring.listener;

import java.util.Objects;

/**
 * One delivery to a {@link io.respkit.spring.listener.annotation.RedisListener} method: where it came from, the
 * payload, and which delivery attempt this is. Declare it as a listener method parameter, e.g.
 * {@code RedisMessage<Order>}, to get everything at once; error handlers receive the raw form
 * {@code RedisMessage<byte[]>}.
 *
 * <p>Immutable when the payload is; thread-safe to read. {@link #toString()} leaves the payload out, because
 * payloads may carry personal data or secrets that must not reach logs.
 *
 * @param source the channel the message was published on, or the queue's or stream's key
 * @param pattern the pattern that matched, or {@code null} unless {@code kind} is {@link Kind#PATTERN}
 * @param payload the payload
 * @param kind how it was delivered
 * @param attempt the delivery attempt, from 1; above 1 only for retried reliable queue items and stream entries
 * @param <T> the payload type
 */
public record RedisMessage<T>(String source, String pattern, T payload, Kind kind, int attempt) {

    /** How a message was delivered. */
    public enum Kind {
        /** Published on a channel subscribed to by name. */
        CHANNEL,
        /** Published on a channel matching a subscribed pattern. */
        PATTERN,
        /** Popped from a list. */
        QUEUE,
        /**
         * Read from a stream by a consumer group; only error handlers see this kind (stream listener methods take
         * {@link io.respkit.stream.StreamMessage}), with the stream as the source, the payload field as the
         * payload and the delivery count as the attempt.
         */
        STREAM
    }

    /**
     * Checks the components.
     *
     * @throws NullPointerException when source or kind is null
     * @throws IllegalArgumentException when attempt is below 1
     */
    public RedisMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1");
        }
    }

    /**
     * Returns the channel (or queue key) the message came from; the same as {@link #source()}.
     *
     * @return the channel or queue key
     */
    public String channel() {
        return source;
    }

    /**
     * Returns this delivery with another payload, e.g. the converted one.
     *
     * @param other the payload
     * @param <U> its type
     * @return a new message
     */
    public <U> RedisMessage<U> withPayload(U other) {
        return new RedisMessage<>(source, pattern, other, kind, attempt);
    }

    /**
     * Returns this delivery with another attempt number.
     *
     * @param number the attempt, from 1
     * @return a new message
     * @throws IllegalArgumentException when the number is below 1
     */
    public RedisMessage<T> withAttempt(int number) {
        return new RedisMessage<>(source, pattern, payload, kind, number);
    }

    /**
     * Describes the delivery without the payload.
     *
     * @return e.g. {@code RedisMessage[kind=QUEUE, source=jobs, attempt=2]}
     */
    @Override
    public String toString() {
        return "RedisMessage[kind=" + kind + ", source=" + source + (pattern != null ? ", pattern=" + pattern : "")
                + ", attempt=" + attempt + "]";
    }
}
