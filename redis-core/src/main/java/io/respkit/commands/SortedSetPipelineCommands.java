package io.respkit.commands;

/**
 * SortedSet commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link io.respkit.Response} handle. Definitions are shared with {@link SortedSetCommands}.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface SortedSetPipelineCommands<V> extends BasePipelineCommands<V> {
}
