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
 * @param batchSize most items a worker takes per round trip (1: one {@code BRPOP}/{@code BLMOVE} per item)
 */
public record QueueListenerSpec(String listenerId, String queue, int concurrency, boolean reliable,
        String deadLetterQueue, int maxAttempts, boolean autoStartup, int batchSize) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException naming the listener when a number is below 1
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
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize of queue listener '" + listenerId
                    + "' must be at least 1, but is " + batchSize);
        }
    }

    /**
     * Creates a spec whose workers take one item per round trip.
     *
     * @param listenerId the listener id
     * @param queue the list key
     * @param concurrency the number of workers
     * @param reliable whether to use processing lists, retries and dead-lettering
     * @param deadLetterQueue where failed reliable items go
     * @param maxAttempts total attempts per reliable item
     * @param autoStartup whether the registry starts it with the context
     * @throws IllegalArgumentException naming the listener when a number is below 1
     * @throws NullPointerException when a name is null
     */
    public QueueListenerSpec(String listenerId, String queue, int concurrency, boolean reliable,
            String deadLetterQueue, int maxAttempts, boolean autoStartup) {
        this(listenerId, queue, concurrency, reliable, deadLetterQueue, maxAttempts, autoStartup, 1);
    }
}
