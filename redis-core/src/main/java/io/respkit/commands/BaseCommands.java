package io.respkit.commands;

import io.respkit.codec.RedisCodec;

/**
 * What every synchronous command family builds on: running a {@link Command} and the codec for values. The typed
 * families ({@link StringCommands}, {@link HashCommands}, ...) are default methods over these two.
 *
 * <p>Implementations document their own thread-safety; {@link io.respkit.RedisClient} is thread-safe.
 *
 * @param <V> the value type
 */
public interface BaseCommands<V> {

    /**
     * Runs a command and returns its decoded reply.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws io.respkit.exceptions.RedisServerException when the server answered with an error
     * @throws io.respkit.exceptions.RedisConnectionException when the connection failed or timed out
     * @throws io.respkit.exceptions.RedisProtocolException when the reply was malformed
     */
    <T> T execute(Command<T> command);

    /**
     * Returns the codec for values.
     *
     * @return the codec
     */
    RedisCodec<V> codec();
}
