package io.respkit.commands;

/**
 * Synchronous key commands. Each method is defined once in {@code io.respkit.internal.commands.KeyDefs}
 * and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
public interface KeyCommands<V> extends BaseCommands<V> {
}
