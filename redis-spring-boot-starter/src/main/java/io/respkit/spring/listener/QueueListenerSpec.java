package io.respkit.spring.listener;

import java.util.Objects;

/**
 * What a {@link QueueListenerContainer} consumes and how.
 *
 * <p>Immutable and thread-safe.
 *
 * @param listenerId the listener id
 * @param queue the list key
 * @param concurrency the number of workers
 * @param reliable whether to use processing lists, retries and dead-lettering
 * @param deadLetterQueue where failed reliable items go
 * @param maxAttempts total attempts per reliable item
 * @param autoStartup whether the registry starts it with the context
 */
public record QueueListenerSpec(String listenerId, String queue, int concurrency, boolean reliable,
        String deadLetterQueue, int maxAttempts, boolean autoStartup) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException when a number is below 1
     * @throws NullPointerException when a name is null
     */
    public QueueListenerSpec {
        Objects.requireNonNull(listenerId, "listenerId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        if (concurrency < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("concurrency and maxAttempts of listener '" + listenerId
                    + "' must be at least 1");
        }
    }
}
