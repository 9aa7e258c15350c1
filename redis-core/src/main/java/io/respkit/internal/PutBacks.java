package io.respkit.internal;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.PopKind;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.ErrorReply;

import java.util.List;

/**
 * The command that puts back what a blocking pop took after its caller gave up, built from the pop's arguments and
 * its raw reply; which commands are blocking pops, and what they take, their specs say
 * ({@link CommandSpec#popKind()}). Stateless and thread-safe.
 *
 * <p>{@code BRPOP} pushes the element back at the tail it came
 * from, {@code BLPOP} at the head; {@code BLMOVE} and {@code BRPOPLPUSH} move it back from the end of the
 * destination it was pushed to, to the end of the source it came from, atomically (a Lua script that removes exactly
 * that element and pushes it back only when it is still there); {@code BLMPOP} pushes every element back in its
 * original order; {@code BZPOPMIN}, {@code BZPOPMAX} and {@code BZMPOP} add the members back with the scores they
 * had, unless a member was added again meanwhile ({@code ZADD NX}).
 */
public final class PutBacks {

    /**
     * Removes {@code ARGV[1]} once from the {@code ARGV[2]} end of the destination (1 from the head, -1 from the
     * tail), and only when it was there pushes it back to the source with {@code ARGV[3]} ({@code LPUSH} or
     * {@code RPUSH}): an element a consumer already took from the destination is not duplicated.
     */
    static final String MOVE_BACK = "local n = redis.call('LREM', KEYS[2], ARGV[2], ARGV[1]) "
            + "if n > 0 then redis.call(ARGV[3], KEYS[1], ARGV[1]) end return n";

    private PutBacks() {
    }

    /**
     * Returns whether {@code command} is a blocking pop, whose reply carries items taken from the server.
     *
     * @param command the command
     * @return {@code true} for a command whose spec has a {@linkplain CommandSpec#popKind() pop kind}
     *         ({@code BLPOP}, {@code BRPOP}, {@code BRPOPLPUSH}, {@code BLMOVE}, {@code BLMPOP}, {@code BZPOPMIN},
     *         {@code BZPOPMAX}, {@code BZMPOP}) that blocks
     */
    public static boolean isPop(Command<?> command) {
        return command.spec().popKind() != PopKind.NONE && command.blockMillis() >= 0;
    }

    /**
     * Builds the command that puts back what a blocking pop took.
     *
     * @param pop the blocking pop
     * @param reply its raw reply (bulk strings as bytes or, for a top-level bulk, as text)
     * @return the command, or {@code null} when the pop took nothing (a nil reply, an error, or not a pop)
     * @throws io.respkit.exceptions.RedisProtocolException when the reply does not have the shape the pop replies with
     */
    public static Command<Object> of(Command<?> pop, Object reply) {
        if (reply == null || reply instanceof ErrorReply || !isPop(pop)) {
            return null;
        }
        RedisCodec<?> codec = pop.codec();
        switch (pop.spec().popKind()) {
            case LIST_HEAD, LIST_TAIL -> {
                List<Object> kv = Decoders.elements(reply);
                CommandSpec push = pop.spec().popKind() == PopKind.LIST_TAIL ? CommandSpecs.RPUSH
                        : CommandSpecs.LPUSH;
                return add(add(Command.create(codec, push, Decoders.raw()), kv.get(0)), kv.get(1));
            }
            case LIST_MOVE_TAIL_TO_HEAD -> {
                return moveBack(pop, "RIGHT", "LEFT", reply);
            }
            case LIST_MOVE -> {
                return moveBack(pop, pop.argumentText(3), pop.argumentText(4), reply);
            }
            case LIST_MANY -> {
                // BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
                String from = pop.argumentText(3 + Integer.parseInt(pop.argumentText(2)));
                List<Object> kv = Decoders.elements(reply);
                List<Object> values = Decoders.elements(kv.get(1));
                Command<Object> push = add(Command.create(codec, end(from) == 1 ? CommandSpecs.LPUSH
                        : CommandSpecs.RPUSH, Decoders.raw()), kv.get(0));
                // The first element popped was the outermost: pushed last, it is outermost again.
                for (int i = values.size() - 1; i >= 0; i--) {
                    add(push, values.get(i));
                }
                return push;
            }
            case SORTED_SET -> {
                List<Object> kms = Decoders.elements(reply);
                return add(add(zaddNx(codec, kms.get(0)), kms.get(2)), kms.get(1));
            }
            case SORTED_SET_MANY -> {
                // BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]
                List<Object> kv = Decoders.elements(reply);
                Command<Object> zadd = zaddNx(codec, kv.get(0));
                for (Object pair : Decoders.elements(kv.get(1))) {
                    List<Object> ms = Decoders.elements(pair);
                    add(add(zadd, ms.get(1)), ms.get(0));
                }
                return zadd;
            }
            default -> {
                return null; // unreachable: isPop checked the kind
            }
        }
    }

    private static Command<Object> zaddNx(RedisCodec<?> codec, Object key) {
        return add(Command.create(codec, CommandSpecs.ZADD, Decoders.raw()), key).arg("NX");
    }

    /** BLMOVE or BRPOPLPUSH source destination: the element goes back from the destination to the source. */
    private static Command<Object> moveBack(Command<?> pop, String from, String to, Object element) {
        return add(Command.create(pop.codec(), CommandSpecs.EVAL, Decoders.raw()).arg(MOVE_BACK).arg(2)
                .key(pop.argumentText(1)).key(pop.argumentText(2)), element)
                .arg(end(to)).arg(end(from) == 1 ? "LPUSH" : "RPUSH");
    }

    /** @return 1 for the head (LEFT), -1 for the tail (RIGHT) */
    private static int end(String direction) {
        return "LEFT".equalsIgnoreCase(direction) ? 1 : -1;
    }

    /** Adds a raw reply element as an argument, exactly as the server sent it. */
    private static Command<Object> add(Command<Object> command, Object raw) {
        if (raw instanceof byte[] bytes) {
            return command.arg(bytes);
        }
        if (raw instanceof String text) {
            return command.arg(text); // a top-level bulk reply read as text: the codec's charset made it so
        }
        if (raw instanceof Double d) {
            return command.arg(d);
        }
        if (raw instanceof Long n) {
            return command.arg(n);
        }
        throw new io.respkit.exceptions.RedisProtocolException("Unexpected " + (raw == null ? "nil" : raw.getClass()
                .getSimpleName()) + " in the reply to a blocking pop");
    }
}
