package io.respkit.benchmarks.stream;

import java.util.function.Consumer;

/**
 * A consumer-group reader of a Redis stream for the {@code stream} workload: reads the entries of a group that already
 * exists, hands each entry's {@code payload} field to a sink and acknowledges ({@code XACK}) each entry after the sink
 * returned, as a user's at-least-once listener would.
 *
 * <p>Implementations are started and closed by one thread; the sink is called on the consumer's own thread.
 */
public interface StreamContender extends AutoCloseable {

    /** The one field every entry carries. */
    String FIELD = "payload";

    /** @return the contender's name in the report */
    String name();

    /**
     * Starts consuming the group from its last delivered id; returns once the consumer runs.
     *
     * @param stream the stream's key
     * @param group the consumer group, already created
     * @param sink receives each entry's {@link #FIELD} value, in the order read
     */
    void start(String stream, String group, Consumer<String> sink);

    /** Stops consuming and releases connections and threads. */
    @Override
    void close();
}
