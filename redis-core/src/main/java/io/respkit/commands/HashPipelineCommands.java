package io.respkit.commands;

/**
 * Hash commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link io.respkit.Response} handle. Definitions are shared with {@link HashCommands}.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface HashPipelineCommands<V> extends BasePipelineCommands<V> {
}
