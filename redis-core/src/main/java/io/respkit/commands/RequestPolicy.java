package io.respkit.commands;

/**
 * Where a Redis Cluster client sends a command: the server's {@code request_policy} command tip (Redis 7+), as
 * {@link CommandSpec#requestPolicy()} carries it. Only commands whose single-node routing by key slot would be wrong
 * have one; every other command is {@link #DEFAULT}. Immutable and thread-safe.
 *
 * <p>A tip value respkit does not know (one a later Redis may add) is read as {@link #SPECIAL}: a router with no
 * rule of its own for the command must not treat it as an ordinary one-node command.
 */
public enum RequestPolicy {
    /**
     * No tip: a command with keys goes to the one shard that owns their hash slot; a command without keys may go to
     * any one node.
     */
    DEFAULT,
    /**
     * Sent to every node, masters and replicas alike ({@code CONFIG SET}, {@code SCRIPT LOAD}): a keyless command
     * that changes each node's own state. The replies are merged as {@link CommandSpec#responsePolicy()} says.
     */
    ALL_NODES,
    /**
     * Sent to every master ({@code DBSIZE}, {@code FLUSHALL}, {@code KEYS}): a keyless command that works on each
     * shard's keyspace. The replies are merged as {@link CommandSpec#responsePolicy()} says.
     */
    ALL_SHARDS,
    /**
     * Split by key: each shard gets the part of the command whose keys hash to its slots ({@code MGET},
     * {@code MSET}, {@code DEL}); commands whose keys must all share one slot ({@code SUNIONSTORE}) are not of this
     * kind. The replies are merged as {@link CommandSpec#responsePolicy()} says, in key order for the default.
     */
    MULTI_SHARD,
    /**
     * No generic rule: the client routes the command with logic of its own for it ({@code SCAN}, whose cursor walks
     * one node after another), and a tip value respkit does not know.
     */
    SPECIAL
}
