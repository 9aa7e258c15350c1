package io.respkit.commands;

/**
 * List commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link io.respkit.Response} handle. Definitions are shared with {@link ListCommands}.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface ListPipelineCommands<V> extends BasePipelineCommands<V> {
}
