package io.respkit.commands;

/**
 * Synchronous sorted-set commands. Each method is defined once in {@code io.respkit.internal.commands.SortedSetDefs}
 * and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
public interface SortedSetCommands<V> extends BaseCommands<V> {
}
