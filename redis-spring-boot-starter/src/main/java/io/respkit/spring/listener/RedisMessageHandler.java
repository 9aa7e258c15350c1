package io.respkit.spring.listener;

/**
 * What a listener container calls for each message: usually a
 * {@link io.respkit.spring.listener.adapter.MessagingMethodInvoker} around a {@code @RedisListener} method.
 *
 * <p>Implementations must be thread-safe: a queue container calls one handler from several workers.
 */
@FunctionalInterface
public interface RedisMessageHandler {

    /**
     * Handles one message.
     *
     * @param message the message with its raw payload
     * @throws Exception when handling failed; the container then applies its failure policy
     */
    void handle(RedisMessage<byte[]> message) throws Exception;
}
