package io.respkit.spring.listener;

/**
 * Is told when a listener finally failed on a message: for pub/sub and plain queue listeners on the first
 * failure (the message is then gone), for reliable queue listeners after the last attempt, just before the item is
 * moved to the dead-letter list. Name a bean of this type in
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
}
