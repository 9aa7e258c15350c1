package io.respkit.commands;

/**
 * Synchronous server commands. Each method is defined once in {@code io.respkit.internal.commands.ServerDefs}
 * and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
public interface ServerCommands<V> extends BaseCommands<V> {
}
