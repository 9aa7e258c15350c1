package io.respkit.commands;

/**
 * Every command family, queued: what {@link io.respkit.Pipeline} and {@link io.respkit.Transaction} offer.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface RedisPipelineCommands<V> extends KeyPipelineCommands<V>, StringPipelineCommands<V>,
        HashPipelineCommands<V>, ListPipelineCommands<V>, SetPipelineCommands<V>, SortedSetPipelineCommands<V>,
        ScriptingPipelineCommands<V>, ServerPipelineCommands<V> {
}
