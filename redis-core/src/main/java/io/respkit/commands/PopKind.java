package io.respkit.commands;

/**
 * What a blocking pop takes from the server, and so how to put it back when its caller gave up; {@link #NONE}
 * for every other command ({@link CommandSpec#popKind()}). Immutable and thread-safe.
 */
public enum PopKind {
    /** Takes nothing. */
    NONE,
    /** One element from the head of one of its lists, replied as {@code [key, element]} ({@code BLPOP}). */
    LIST_HEAD,
    /** One element from the tail of one of its lists, replied as {@code [key, element]} ({@code BRPOP}). */
    LIST_TAIL,
    /**
     * One element moved from the source (argument 1) to the destination (argument 2), the ends named by arguments
     * 3 and 4 ({@code BLMOVE}).
     */
    LIST_MOVE,
    /** One element moved from the source's tail to the destination's head ({@code BRPOPLPUSH}). */
    LIST_MOVE_TAIL_TO_HEAD,
    /**
     * Elements from one list's end named after its keys, replied as {@code [key, [element...]]}
     * ({@code BLMPOP}).
     */
    LIST_MANY,
    /** One member with its score, replied as {@code [key, member, score]} ({@code BZPOPMIN}, {@code BZPOPMAX}). */
    SORTED_SET,
    /** Members with scores from one sorted set, replied as {@code [key, [[member, score]...]]} ({@code BZMPOP}). */
    SORTED_SET_MANY
}
