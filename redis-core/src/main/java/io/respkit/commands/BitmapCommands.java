package io.respkit.commands;

import io.respkit.internal.commands.BitmapDefs;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Synchronous bitmap commands: bit operations on string values. Each method is defined once in
 * {@code io.respkit.internal.commands.BitmapDefs} and runs through {@link #execute(Command)}. Bit 0 is the most
 * significant bit of the first byte; a missing key reads as an empty string (all zeros).
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} with code {@code WRONGTYPE} when a key
 * holds a value that is not a string, and {@link io.respkit.exceptions.RedisConnectionException} when the connection
 * fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Bitmap commands")
public interface BitmapCommands<V> extends BaseCommands<V> {

    /**
     * Sets or clears the bit at {@code offset} of the string at {@code key} ({@code SETBIT}), growing the string with
     * zero bytes as needed.
     *
     * @param key the key
     * @param offset the bit's offset, 0 to 2^32 - 1
     * @param value {@code true} to set the bit, {@code false} to clear it
     * @return the bit's old value
     * @throws io.respkit.exceptions.RedisServerException when the offset is out of range, or {@code WRONGTYPE}
     */
    default boolean setbit(String key, long offset, boolean value) {
        return execute(BitmapDefs.setbit(codec(), key, offset, value ? 1 : 0));
    }

    /**
     * Returns the bit at {@code offset} of the string at {@code key} ({@code GETBIT}).
     *
     * @param key the key
     * @param offset the bit's offset
     * @return the bit; {@code false} past the end of the string or for a missing key
     * @throws io.respkit.exceptions.RedisServerException when the offset is out of range, or {@code WRONGTYPE}
     */
    default boolean getbit(String key, long offset) {
        return execute(BitmapDefs.getbit(codec(), key, offset));
    }

    /**
     * Counts the set bits of the string at {@code key} ({@code BITCOUNT}).
     *
     * @param key the key
     * @return the number of bits set, 0 for a missing key
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long bitcount(String key) {
        return execute(BitmapDefs.bitcount(codec(), key));
    }

    /**
     * Counts the set bits between two inclusive byte offsets of the string at {@code key}
     * ({@code BITCOUNT key start end}); negative offsets count from the end.
     *
     * @param key the key
     * @param start the first byte
     * @param end the last byte, inclusive
     * @return the number of bits set in the range
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long bitcount(String key, long start, long end) {
        return execute(BitmapDefs.bitcount(codec(), key, start, end));
    }

    /**
     * Counts the set bits between two inclusive offsets, in bytes or bits ({@code BITCOUNT key start end BYTE|BIT},
     * Redis 7.0+); negative offsets count from the end.
     *
     * @param key the key
     * @param start the first byte or bit
     * @param end the last byte or bit, inclusive
     * @param unit what the offsets count
     * @return the number of bits set in the range
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}, or a syntax error before Redis 7.0
     */
    default long bitcount(String key, long start, long end, BitUnit unit) {
        return execute(BitmapDefs.bitcount(codec(), key, start, end, unit));
    }

    /**
     * Returns the offset of the first bit set to {@code bit} in the string at {@code key} ({@code BITPOS}).
     *
     * @param key the key
     * @param bit the bit value to look for
     * @return its offset in bits; -1 when looking for a set bit that is not there (a missing key included); when
     *         looking for a clear bit in a string of only set bits, the first bit past its end
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long bitpos(String key, boolean bit) {
        return execute(BitmapDefs.bitpos(codec(), key, bit ? 1 : 0));
    }

    /**
     * Returns the offset of the first bit set to {@code bit} from byte {@code start} on ({@code BITPOS key bit start}).
     *
     * @param key the key
     * @param bit the bit value to look for
     * @param start the first byte to look at; negative counts from the end
     * @return its offset in bits from the start of the string, -1 when there is none
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long bitpos(String key, boolean bit, long start) {
        return execute(BitmapDefs.bitpos(codec(), key, bit ? 1 : 0, start));
    }

    /**
     * Returns the offset of the first bit set to {@code bit} between two inclusive byte offsets
     * ({@code BITPOS key bit start end}).
     *
     * @param key the key
     * @param bit the bit value to look for
     * @param start the first byte to look at; negative counts from the end
     * @param end the last byte to look at, inclusive
     * @return its offset in bits from the start of the string, -1 when the range has none
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long bitpos(String key, boolean bit, long start, long end) {
        return execute(BitmapDefs.bitpos(codec(), key, bit ? 1 : 0, start, end));
    }

    /**
     * Returns the offset of the first bit set to {@code bit} between two inclusive offsets in bytes or bits
     * ({@code BITPOS key bit start end BYTE|BIT}, Redis 7.0+).
     *
     * @param key the key
     * @param bit the bit value to look for
     * @param start the first byte or bit to look at; negative counts from the end
     * @param end the last byte or bit to look at, inclusive
     * @param unit what {@code start} and {@code end} count
     * @return its offset in bits from the start of the string, -1 when the range has none
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}, or a syntax error before Redis 7.0
     */
    default long bitpos(String key, boolean bit, long start, long end, BitUnit unit) {
        return execute(BitmapDefs.bitpos(codec(), key, bit ? 1 : 0, start, end, unit));
    }

    /**
     * Stores in {@code destination} the bitwise {@code AND}/{@code OR}/{@code XOR} of the strings at {@code sources}
     * or the {@code NOT} of one ({@code BITOP}); shorter strings are padded with zero bytes.
     *
     * @param operation the operation
     * @param destination the key to write; deleted when the result is empty
     * @param sources the keys to combine: one or more, exactly one for {@code NOT}
     * @return the length in bytes of the stored string (that of the longest source)
     * @throws IllegalArgumentException when no source is given, or {@code NOT} gets more than one
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long bitop(BitOperation operation, String destination, String... sources) {
        return bitop(operation, destination, Arrays.asList(sources));
    }

    /**
     * Stores in {@code destination} the bitwise combination of the strings at {@code sources} ({@code BITOP}); see
     * {@link #bitop(BitOperation, String, String...)}.
     *
     * @param operation the operation
     * @param destination the key to write
     * @param sources the keys to combine: one or more, exactly one for {@code NOT}
     * @return the length in bytes of the stored string
     * @throws IllegalArgumentException when no source is given, or {@code NOT} gets more than one
     * @throws io.respkit.exceptions.RedisServerException {@code WRONGTYPE}
     */
    default long bitop(BitOperation operation, String destination, Collection<String> sources) {
        return execute(BitmapDefs.bitop(codec(), operation, destination, sources));
    }

    /**
     * Runs {@code GET}/{@code SET}/{@code INCRBY}/{@code OVERFLOW} sub-operations on typed integer fields of the
     * string at {@code key} ({@code BITFIELD}), creating it when a {@code SET} or {@code INCRBY} needs it.
     *
     * @param key the key
     * @param args the sub-operations, in order
     * @return one entry per {@code GET} (the value), {@code SET} (the old value) and {@code INCRBY} (the new
     *         value), in order; {@code null} for a {@code SET} or {@code INCRBY} that did nothing because it would
     *         overflow under {@code OVERFLOW FAIL}
     * @throws io.respkit.exceptions.RedisServerException when an offset is out of range, or {@code WRONGTYPE}
     */
    default List<Long> bitfield(String key, BitFieldArgs args) {
        return execute(BitmapDefs.bitfield(codec(), key, args));
    }

    /**
     * Reads typed integer fields of the string at {@code key} ({@code BITFIELD_RO}), which replicas and read-only
     * ACLs accept.
     *
     * @param key the key
     * @param args only {@code GET} sub-operations
     * @return the values, in order (0 past the end of the string)
     * @throws IllegalArgumentException when {@code args} has anything but {@code GET}s
     * @throws io.respkit.exceptions.RedisServerException when an offset is out of range, or {@code WRONGTYPE}
     */
    default List<Long> bitfieldRo(String key, BitFieldArgs args) {
        return execute(BitmapDefs.bitfieldRo(codec(), key, args));
    }
}
