package io.respkit.commands;

/**
 * Every synchronous command family in one interface: what {@link io.respkit.RedisClient} offers, and what code given
 * a single connection (for example inside {@code RedisClient.withConnection}) can use.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Every command family",
        pipelineNote = "This is what {@link io.respkit.Pipeline} and {@link io.respkit.Transaction} offer.",
        asyncNote = "This is what {@link io.respkit.RedisClient#async()} offers.")
public interface RedisCommands<V> extends KeyCommands<V>, StringCommands<V>, HashCommands<V>, ListCommands<V>,
        SetCommands<V>, SortedSetCommands<V>, ScriptingCommands<V>, ServerCommands<V>,
        HyperLogLogCommands<V>, BitmapCommands<V>, GeoCommands<V>,
        KeyspaceCommands<V>, SortedSetAlgebraCommands<V>, SortedSetLexCommands<V>, FunctionCommands<V>,
        ListMoveCommands<V>,
        StreamCommands<V>, StreamGroupCommands<V>, StreamInfoCommands<V>,
        AdminCommands<V>,
        AclCommands<V>,
        ClientCommands<V>,
        ClusterCommands<V>,
        ClusterAdminCommands<V> {
}
