package io.respkit.benchmarks;

import java.util.function.Consumer;

/**
 * Something that consumes a Redis list and hands each item to a sink: a hand-written BRPOP loop over a
 * {@link Driver}, or respkit's {@code @RedisListener} queue container.
 *
 * <p>Implementations are started and closed by one thread; the sink is called on the consumer's own thread(s).
 */
public interface QueueConsumer extends AutoCloseable {

    /** @return the contender's name in the report */
    String name();

    /**
     * Starts consuming; returns once the consumer is ready to take items.
     *
     * @param queue the list
     * @param sink receives every item, in the order consumed
     */
    void start(String queue, Consumer<String> sink);

    /** Stops consuming and releases connections and threads. */
    @Override
    void close();

    /**
     * The hand-written loop: one thread calling {@link Driver#brpop} with a 1 s timeout until closed.
     *
     * @param driver the client; closed with the consumer
     * @return the consumer, named after the driver
     */
    static QueueConsumer brpopLoop(Driver driver) {
        return new BrpopLoop(driver);
    }
}
