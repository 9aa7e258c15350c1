package io.respkit.commands;

/**
 * Synchronous hash commands. Each method is defined once in {@code io.respkit.internal.commands.HashDefs}
 * and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
public interface HashCommands<V> extends BaseCommands<V> {
}
