package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.BitFieldArgs;
import io.respkit.commands.BitOperation;
import io.respkit.commands.BitUnit;
import io.respkit.commands.Command;

import java.util.Collection;
import java.util.List;

/**
 * Definitions of the bitmap commands ({@code SETBIT}, {@code GETBIT}, {@code BITCOUNT}, {@code BITPOS},
 * {@code BITOP}, {@code BITFIELD}, {@code BITFIELD_RO}), shared by the synchronous, pipeline, transaction and async
 * APIs. Bits are given as {@code int} 0/1 here; the typed interface takes booleans.
 *
 * <p>Stateless and thread-safe.
 */
public final class BitmapDefs {

    private BitmapDefs() {
    }

    /** SETBIT key offset 0|1: the bit's old value. */
    public static Command<Boolean> setbit(RedisCodec<?> c, String key, long offset, int bit) {
        return Command.create(c, BitmapSpecs.SETBIT, Decoders.bool(), 4).key(key).arg(offset).arg(bit(bit));
    }

    /** GETBIT key offset. */
    public static Command<Boolean> getbit(RedisCodec<?> c, String key, long offset) {
        return Command.create(c, BitmapSpecs.GETBIT, Decoders.bool(), 3).key(key).arg(offset);
    }

    /** BITCOUNT key. */
    public static Command<Long> bitcount(RedisCodec<?> c, String key) {
        return Command.create(c, BitmapSpecs.BITCOUNT, Decoders.integer(), 2).key(key);
    }

    /** BITCOUNT key start end. */
    public static Command<Long> bitcount(RedisCodec<?> c, String key, long start, long end) {
        return Command.create(c, BitmapSpecs.BITCOUNT, Decoders.integer(), 4).key(key).arg(start).arg(end);
    }

    /** BITCOUNT key start end BYTE|BIT. */
    public static Command<Long> bitcount(RedisCodec<?> c, String key, long start, long end, BitUnit unit) {
        return Command.create(c, BitmapSpecs.BITCOUNT, Decoders.integer(), 5).key(key).arg(start).arg(end)
                .arg(unit.name());
    }

    /** BITPOS key 0|1. */
    public static Command<Long> bitpos(RedisCodec<?> c, String key, int bit) {
        return Command.create(c, BitmapSpecs.BITPOS, Decoders.integer(), 3).key(key).arg(bit(bit));
    }

    /** BITPOS key 0|1 start. */
    public static Command<Long> bitpos(RedisCodec<?> c, String key, int bit, long start) {
        return Command.create(c, BitmapSpecs.BITPOS, Decoders.integer(), 4).key(key).arg(bit(bit)).arg(start);
    }

    /** BITPOS key 0|1 start end. */
    public static Command<Long> bitpos(RedisCodec<?> c, String key, int bit, long start, long end) {
        return Command.create(c, BitmapSpecs.BITPOS, Decoders.integer(), 5).key(key).arg(bit(bit)).arg(start)
                .arg(end);
    }

    /** BITPOS key 0|1 start end BYTE|BIT. */
    public static Command<Long> bitpos(RedisCodec<?> c, String key, int bit, long start, long end, BitUnit unit) {
        return Command.create(c, BitmapSpecs.BITPOS, Decoders.integer(), 6).key(key).arg(bit(bit)).arg(start)
                .arg(end).arg(unit.name());
    }

    /** BITOP AND|OR|XOR|NOT destkey key [key ...]: the length of the string stored. */
    public static Command<Long> bitop(RedisCodec<?> c, BitOperation operation, String destination,
            Collection<String> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("BITOP needs at least one source key");
        }
        if (operation == BitOperation.NOT && sources.size() != 1) {
            throw new IllegalArgumentException("BITOP NOT takes exactly one source key, not " + sources.size());
        }
        return Command.create(c, BitmapSpecs.BITOP, Decoders.integer(), 3 + sources.size()).arg(operation.name())
                .key(destination).keys(sources);
    }

    /** BITFIELD key [GET|SET|INCRBY|OVERFLOW ...]: one entry per GET/SET/INCRBY, null where OVERFLOW FAIL hit. */
    public static Command<List<Long>> bitfield(RedisCodec<?> c, String key, BitFieldArgs args) {
        Command<List<Long>> cmd = Command.create(c, BitmapSpecs.BITFIELD, Decoders.longList()).key(key);
        args.appendTo(cmd);
        return cmd;
    }

    /** BITFIELD_RO key [GET type offset ...]. */
    public static Command<List<Long>> bitfieldRo(RedisCodec<?> c, String key, BitFieldArgs args) {
        if (!args.isReadOnly()) {
            throw new IllegalArgumentException("BITFIELD_RO accepts only GET sub-operations: " + args.operations());
        }
        Command<List<Long>> cmd = Command.create(c, BitmapSpecs.BITFIELD_RO, Decoders.longList()).key(key);
        args.appendTo(cmd);
        return cmd;
    }

    private static int bit(int bit) {
        if (bit != 0 && bit != 1) {
            throw new IllegalArgumentException("a bit is 0 or 1, not " + bit);
        }
        return bit;
    }
}
