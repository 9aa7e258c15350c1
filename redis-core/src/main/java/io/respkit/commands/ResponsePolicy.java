package io.respkit.commands;

/**
 * How a Redis Cluster client merges the replies of a command it sent to several nodes or shards: the server's
 * {@code response_policy} command tip (Redis 7+), as {@link CommandSpec#responsePolicy()} carries it, read together
 * with the command's {@link RequestPolicy}. Immutable and thread-safe.
 *
 * <p>A tip value respkit does not know (one a later Redis may add) is read as {@link #SPECIAL}: no generic merge is
 * assumed for it.
 */
public enum ResponsePolicy {
    /**
     * No tip: only nested replies are merged. For a keyless command, the elements of every reply go into one
     * array, in no particular order ({@code KEYS}); for a command split by key, the elements follow the order of the
     * keys in the request ({@code MGET}).
     */
    DEFAULT,
    /**
     * Succeeds when at least one node did not fail: the reply is the first reply that is not an error, or any one of
     * the errors when all failed ({@code SCRIPT KILL}, which has a script to kill on one shard at most).
     */
    ONE_SUCCEEDED,
    /**
     * Succeeds only when no node failed: the reply is any one of the replies (they are alike, typically {@code OK}),
     * or an error when one of them is ({@code CONFIG SET}, {@code FLUSHALL}, {@code MSET}).
     */
    ALL_SUCCEEDED,
    /**
     * The logical AND of the integer (0 or 1) replies, element by element for arrays of them: {@code SCRIPT EXISTS}
     * says 1 for a script only when every shard has it. Any error fails the whole.
     */
    AGG_LOGICAL_AND,
    /**
     * The logical OR of the integer (0 or 1) replies, element by element for arrays of them. Any error fails the
     * whole.
     */
    AGG_LOGICAL_OR,
    /**
     * The smallest of the numeric replies, element by element for arrays of them: {@code WAIT} reports the fewest
     * replicas any shard reached; {@code MSETNX} is 1 only when every shard set its keys. Any error fails the whole.
     */
    AGG_MIN,
    /**
     * The largest of the numeric replies, element by element for arrays of them. Any error fails the whole.
     */
    AGG_MAX,
    /**
     * The sum of the numeric replies, element by element for arrays of them: {@code DBSIZE}, and {@code DEL} or
     * {@code EXISTS} split by key. Any error fails the whole.
     */
    AGG_SUM,
    /**
     * No generic merge: the client merges the replies with logic of its own for the command ({@code INFO},
     * {@code MEMORY STATS}, {@code LATENCY LATEST}; typically each node's reply kept by node), and a tip value
     * respkit does not know.
     */
    SPECIAL
}
