package io.respkit.commands;

import io.respkit.Response;
import io.respkit.codec.RedisCodec;

/**
 * What every queued command family builds on: queueing a {@link Command} in a pipeline or transaction, and the codec
 * for values. The typed families ({@link StringPipelineCommands}, ...) are default methods over these two.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface BasePipelineCommands<V> {

    /**
     * Queues a command.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the handle to its result, available after the pipeline or transaction ran
     * @throws IllegalStateException when the pipeline or transaction is closed
     * @throws io.respkit.exceptions.RedisConnectionException when streaming queued commands to the server failed
     * @throws io.respkit.exceptions.RedisUnsupportedCommandException for a command whose replies could not be read here
     *         ({@code SUBSCRIBE} and its relatives, {@code CLIENT REPLY OFF|SKIP}); it is not queued, the rest stays
     */
    <T> Response<T> enqueue(Command<T> command);

    /**
     * Returns the codec for values.
     *
     * @return the codec
     */
    RedisCodec<V> codec();
}
