package io.respkit.commands;

import io.respkit.codec.RedisCodec;

/**
 * Turns a raw reply (as produced by {@link io.respkit.protocol.RespReader}) into the Java value a command returns.
 * Error replies never reach a decoder: the caller turns them into exceptions first.
 *
 * <p>Implementations must be stateless and thread-safe; most are shared singletons.
 *
 * @param <T> the decoded type
 */
@FunctionalInterface
public interface ReplyDecoder<T> {

    /**
     * Decodes a raw reply.
     *
     * @param reply the raw reply, possibly {@code null}
     * @param codec the codec of the client that ran the command
     * @return the decoded value
     * @throws io.respkit.exceptions.RedisProtocolException when the reply has a shape the command cannot have
     */
    T decode(Object reply, RedisCodec<?> codec);
}
