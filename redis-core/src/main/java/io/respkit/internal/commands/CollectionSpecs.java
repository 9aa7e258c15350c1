package io.respkit.internal.commands;

import io.respkit.commands.CommandSpec;

/**
 * The specs of the set and sorted-set commands beyond the seed's (set cardinality of an intersection, sorted-set
 * algebra, random members, lexicographic ranges, multi-key pops), registered in {@link CommandSpecs}' catalog when
 * {@link #load()} runs, as the server's {@code COMMAND INFO} flags them. {@code BZMPOP} is in the catalog itself.
 *
 * <p>Immutable after class initialisation and thread-safe.
 */
public final class CollectionSpecs {

    public static final CommandSpec SINTERCARD = CommandSpecs.read("SINTERCARD");
    public static final CommandSpec ZDIFF = CommandSpecs.read("ZDIFF");
    public static final CommandSpec ZDIFFSTORE = CommandSpecs.write("ZDIFFSTORE");
    public static final CommandSpec ZINTER = CommandSpecs.read("ZINTER");
    public static final CommandSpec ZINTERCARD = CommandSpecs.read("ZINTERCARD");
    public static final CommandSpec ZUNION = CommandSpecs.read("ZUNION");
    public static final CommandSpec ZRANGESTORE = CommandSpecs.write("ZRANGESTORE");
    public static final CommandSpec ZRANDMEMBER = CommandSpecs.read("ZRANDMEMBER");
    public static final CommandSpec ZRANGEBYLEX = CommandSpecs.read("ZRANGEBYLEX");
    public static final CommandSpec ZREVRANGEBYLEX = CommandSpecs.read("ZREVRANGEBYLEX");
    public static final CommandSpec ZLEXCOUNT = CommandSpecs.read("ZLEXCOUNT");
    public static final CommandSpec ZREMRANGEBYLEX = CommandSpecs.write("ZREMRANGEBYLEX");
    public static final CommandSpec ZMPOP = CommandSpecs.write("ZMPOP");

    private CollectionSpecs() {
    }

    /** Initialises the class, registering its specs; called once from {@link CommandSpecs}' static block. */
    static void load() {
    }
}
