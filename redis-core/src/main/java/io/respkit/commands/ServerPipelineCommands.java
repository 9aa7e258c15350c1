package io.respkit.commands;

/**
 * Server commands queued in a {@link io.respkit.Pipeline} or {@link io.respkit.Transaction}; each returns a
 * {@link io.respkit.Response} handle. Definitions are shared with {@link ServerCommands}.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface ServerPipelineCommands<V> extends BasePipelineCommands<V> {
}
