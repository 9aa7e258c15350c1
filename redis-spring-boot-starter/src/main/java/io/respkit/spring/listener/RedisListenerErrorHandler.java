package io.respkit.spring.listener;

/**
 * Is told when a listener finally failed on a message: for pub/sub and plain queue listeners on the first
 * failure (the message is then gone), for reliable queue listeners after the last attempt, just before the item is
 * moved to the dead-letter list. Stream listeners tell it about every failed delivery, through
 * {@link #handleStreamError}. Name a bean of this type in
 * {@link io.respkit.spring.listener.annotation.RedisListener#errorHandler()}; the default one logs.
 *
 * <p>Implementations must be thread-safe: containers call them from their worker threads.
 */
@FunctionalInterface
public interface RedisListenerErrorHandler {

    /**
     * Handles a failure. Exceptions thrown here are logged and otherwise ignored; they do not change what happens
     * to the message.
     *
     * @param listenerId the listener's id
     * @param message the message with its raw payload
     * @param error what the listener threw (unwrapped from reflection)
     */
    void handleError(String listenerId, RedisMessage<byte[]> message, Throwable error);

    /**
     * Is told, once per running pub/sub listener, that its subscriptions were restored after the container's
     * subscriber connection was lost: messages published during {@code gap} were not received. Called on the
     * container's reader thread before it reads again, so it should return quickly. The container has already
     * logged the gap; by default nothing more happens. Exceptions thrown here are logged and otherwise ignored.
     *
     * @param listenerId the listener's id
     * @param gap when the listener was not subscribed, and what was subscribed again
     */
    default void handleSubscriptionGap(String listenerId, SubscriptionGap gap) {
    }

    /**
     * Is told that a stream listener failed on an entry (each failed delivery: the entry is then retried after the
     * back-off, or dead-lettered when {@code message.deliveryCount()} reached the listener's maximum attempts).
     * Called on the worker's thread before the entry's fate is settled. By default calls
     * {@link #handleError(String, RedisMessage, Throwable)} with a {@link RedisMessage.Kind#STREAM} message: the
     * stream as the source, the {@code payload} field (or the entry's only field; else nothing) as UTF-8 bytes,
     * the delivery count as the attempt. Exceptions thrown here are logged and otherwise ignored.
     *
     * @param listenerId the listener's id
     * @param message the entry, with its fields and delivery count
     * @param error what the listener threw (unwrapped from reflection)
     */
    default void handleStreamError(String listenerId, io.respkit.stream.StreamMessage<String> message,
            Throwable error) {
        String payload = io.respkit.spring.listener.adapter.StreamPayloads.payload(message, null);
        byte[] bytes = payload == null ? new byte[0] : payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int attempt = (int) Math.min(Integer.MAX_VALUE, message.deliveryCount());
        handleError(listenerId, new RedisMessage<>(message.stream(), null, bytes, RedisMessage.Kind.STREAM, attempt),
                error);
    }
}
