package io.respkit.commands;

/**
 * Synchronous scripting commands. Each method is defined once in {@code io.respkit.internal.commands.ScriptingDefs}
 * and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
public interface ScriptingCommands<V> extends BaseCommands<V> {
}
