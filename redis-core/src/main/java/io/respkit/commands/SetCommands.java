package io.respkit.commands;

/**
 * Synchronous set commands. Each method is defined once in {@code io.respkit.internal.commands.SetDefs}
 * and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
public interface SetCommands<V> extends BaseCommands<V> {
}
