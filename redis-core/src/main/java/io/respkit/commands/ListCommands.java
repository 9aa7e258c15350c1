package io.respkit.commands;

/**
 * Synchronous list commands. Each method is defined once in {@code io.respkit.internal.commands.ListDefs}
 * and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
public interface ListCommands<V> extends BaseCommands<V> {
}
