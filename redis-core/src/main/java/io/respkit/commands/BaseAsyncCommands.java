package io.respkit.commands;

import io.respkit.Response;
import io.respkit.codec.RedisCodec;

/**
 * What every asynchronous command family builds on: sending a {@link Command} without waiting for its reply, and the
 * codec for values. The typed families ({@code StringAsyncCommands}, ..., generated from {@link StringCommands} and
 * the other synchronous families) are default methods over these two.
 *
 * <p>Implementations are thread-safe: {@link io.respkit.AsyncCommands} is.
 *
 * @param <V> the value type
 */
public interface BaseAsyncCommands<V> {

    /**
     * Sends a command and returns at once its future reply.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the future reply; every failure completes it exceptionally with a
     *         {@link io.respkit.exceptions.RedisException} (an error reply, a refused command, a connection failure,
     *         a timeout) rather than being thrown
     */
    <T> Response<T> enqueue(Command<T> command);

    /**
     * Returns the codec for values.
     *
     * @return the codec
     */
    RedisCodec<V> codec();
}
