package io.respkit.spring.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link RedisListenerErrorHandler}: logs the failure at ERROR with the listener id, the source and
 * the attempt, never the payload (it may hold personal data or secrets).
 *
 * <p>Thread-safe and stateless.
 */
public final class LoggingRedisListenerErrorHandler implements RedisListenerErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(LoggingRedisListenerErrorHandler.class);

    /**
     * Logs the failure.
     *
     * @param listenerId the listener's id
     * @param message the message
     * @param error the failure
     */
    @Override
    public void handleError(String listenerId, RedisMessage<byte[]> message, Throwable error) {
        log.error("Redis listener '{}' failed on {} ({} payload bytes)", listenerId, message,
                message.payload() == null ? 0 : message.payload().length, error);
    }
}
