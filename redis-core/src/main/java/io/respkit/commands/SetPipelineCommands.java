package io.respkit.commands;

/**
 * Set commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link io.respkit.Response} handle. Definitions are shared with {@link SetCommands}.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface SetPipelineCommands<V> extends BasePipelineCommands<V> {
}
