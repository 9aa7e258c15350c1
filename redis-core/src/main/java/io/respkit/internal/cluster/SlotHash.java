package io.respkit.internal.cluster;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Redis Cluster hash slot of a key: CRC16 (XMODEM: polynomial 0x1021, initial value 0, no reflection) of the key,
 * modulo {@value #SLOTS}. When the key contains a hash tag (a {@code {}, then a {@code }} after it with at least one
 * byte between them) only the bytes between the first {@code {} and the first {@code }} after it are hashed, so that
 * keys sharing a tag land in the same slot.
 *
 * <p>Stateless and thread-safe; the lookup table is built once and never changed.
 */
public final class SlotHash {

    /** The number of hash slots in a Redis Cluster. */
    public static final int SLOTS = 16384;

    private static final int MASK = SLOTS - 1;

    private static final int[] TABLE = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            int crc = b << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[b] = crc & 0xFFFF;
        }
    }

    private SlotHash() {
    }

    /**
     * Returns the hash slot of a key given as bytes.
     *
     * @param key the key as sent to the server
     * @return the slot, 0 to 16383
     * @throws NullPointerException when {@code key} is null
     */
    public static int slot(byte[] key) {
        Objects.requireNonNull(key, "key");
        int start = 0;
        int end = key.length;
        int open = indexOf(key, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(key, (byte) '}', open + 1);
            if (close > open + 1) {
                start = open + 1;
                end = close;
            }
        }
        return crc16(key, start, end) & MASK;
    }

    /**
     * Returns the hash slot of a key given as text, as it would be encoded in {@code charset}. When the charset is
     * ASCII-compatible (UTF-8, ISO-8859-1, US-ASCII) and the key is all ASCII, the chars are hashed directly without
     * encoding, since each then encodes to the byte of the same value; otherwise the key is encoded first.
     *
     * @param key the key
     * @param charset the charset the key is sent in
     * @return the slot, 0 to 16383
     * @throws NullPointerException when {@code key} or {@code charset} is null
     */
    public static int slot(String key, Charset charset) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(charset, "charset");
        if (!asciiCompatible(charset)) {
            return slot(key.getBytes(charset));
        }
        int length = key.length();
        int open = -1;
        int close = -1;
        for (int i = 0; i < length; i++) {
            char ch = key.charAt(i);
            if (ch >= 0x80) {
                return slot(key.getBytes(charset));
            }
            if (ch == '{') {
                if (open < 0) {
                    open = i;
                }
            } else if (ch == '}' && open >= 0 && close < 0) {
                close = i;
            }
        }
        int start = 0;
        int end = length;
        if (open >= 0 && close > open + 1) {
            start = open + 1;
            end = close;
        }
        int crc = 0;
        for (int i = start; i < end; i++) {
            // bits above 16 accumulate but never reach the table index, and the result is masked
            crc = (crc << 8) ^ TABLE[((crc >>> 8) ^ key.charAt(i)) & 0xFF];
        }
        return crc & MASK;
    }

    /**
     * Returns the CRC16/XMODEM of a byte range (package-private for the test vectors).
     *
     * @param bytes the bytes
     * @param start the first index, inclusive
     * @param end the last index, exclusive
     * @return the CRC, 0 to 65535
     */
    static int crc16(byte[] bytes, int start, int end) {
        int crc = 0;
        for (int i = start; i < end; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF];
        }
        return crc & 0xFFFF;
    }

    private static boolean asciiCompatible(Charset charset) {
        // Charset.equals compares canonical names, so a charset looked up by an alias still matches
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.equals(StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
