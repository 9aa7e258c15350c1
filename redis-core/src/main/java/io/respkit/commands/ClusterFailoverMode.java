package io.respkit.commands;

/**
 * How {@code CLUSTER FAILOVER} promotes a replica when the ordinary, coordinated failover is not wanted.
 *
 * <p>Immutable and thread-safe.
 */
public enum ClusterFailoverMode {
    /** {@code FORCE}: without the primary's agreement (it may be down), still with the other primaries' votes. */
    FORCE,
    /** {@code TAKEOVER}: without any agreement; the replica bumps the epoch on its own. */
    TAKEOVER
}
