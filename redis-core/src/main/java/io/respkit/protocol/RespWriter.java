package io.respkit.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes RESP commands (arrays of bulk strings) into a reused buffer in front of an {@link OutputStream}. Numbers and
 * UTF-8 or ASCII strings are encoded straight into the buffer without intermediate strings or arrays.
 *
 * <p>Not thread-safe: one writer belongs to one connection; callers serialise access.
 */
public final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LONG_MIN = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POS_INF = "+inf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEG_INF = "-inf".getBytes(StandardCharsets.US_ASCII);

    /** Strings up to this length take the one-pass ASCII path; it needs them to fit the buffer whole. */
    private static final int ASCII_FAST_MAX = 1024;

    private static final int INITIAL_SIZE = 8 * 1024;
    private static final int GROWN_SIZE = 64 * 1024;

    private final OutputStream out;
    private final int maxSize;
    private byte[] buf;
    private int count;

    /**
     * Creates a writer whose 8 KiB buffer grows, as commands fill it without a flush (a pipeline's batch), up to
     * 64 KiB: a connection that runs one command at a time keeps a small buffer, and a pipeline batch of 1,000
     * typical commands reaches the socket in one write, which costs the client and the server less than several.
     *
     * @param out where bytes go
     */
    public RespWriter(OutputStream out) {
        this.out = out;
        this.maxSize = GROWN_SIZE;
        this.buf = new byte[INITIAL_SIZE];
    }

    /**
     * Creates a writer.
     *
     * @param out where bytes go
     * @param bufferSize the buffer size in bytes, at least 64
     * @throws IllegalArgumentException when the buffer is smaller than 64 bytes
     */
    public RespWriter(OutputStream out, int bufferSize) {
        if (bufferSize < 64) {
            throw new IllegalArgumentException("buffer must be at least 64 bytes");
        }
        this.out = out;
        this.maxSize = bufferSize;
        this.buf = new byte[bufferSize];
    }

    /**
     * Writes an array header {@code *n\r\n}.
     *
     * @param n the element count
     * @throws IOException when the stream fails
     */
    public void writeArrayHeader(int n) throws IOException {
        ensure(24);
        buf[count++] = '*';
        putLong(n);
        putCrlf();
    }

    /**
     * Writes a bulk string holding the bytes.
     *
     * @param bytes the payload
     * @throws IOException when the stream fails
     */
    public void writeBulk(byte[] bytes) throws IOException {
        writeBulkHeader(bytes.length);
        if (bytes.length > buf.length - count) {
            grow(bytes.length);
        }
        if (bytes.length > buf.length - count) {
            flushBuffer();
            if (bytes.length > buf.length / 2) {
                out.write(bytes);
            } else {
                System.arraycopy(bytes, 0, buf, count, bytes.length);
                count += bytes.length;
            }
        } else {
            System.arraycopy(bytes, 0, buf, count, bytes.length);
            count += bytes.length;
        }
        ensure(2);
        putCrlf();
    }

    /**
     * Writes a bulk string holding the decimal digits of {@code value}.
     *
     * @param value the number
     * @throws IOException when the stream fails
     */
    public void writeBulk(long value) throws IOException {
        ensure(48);
        if (value == Long.MIN_VALUE) {
            buf[count++] = '$';
            putLong(LONG_MIN.length);
            putCrlf();
            System.arraycopy(LONG_MIN, 0, buf, count, LONG_MIN.length);
            count += LONG_MIN.length;
            putCrlf();
            return;
        }
        buf[count++] = '$';
        putLong(stringSize(value));
        putCrlf();
        putLong(value);
        putCrlf();
    }

    /**
     * Writes a bulk string holding {@code value} as Redis parses it: integral values without a fraction, infinities
     * as {@code +inf}/{@code -inf}.
     *
     * @param value the number
     * @throws IOException when the stream fails
     * @throws IllegalArgumentException when {@code value} is NaN, which Redis rejects
     */
    public void writeBulk(double value) throws IOException {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN is not a valid Redis number");
        }
        if (value == Double.POSITIVE_INFINITY) {
            writeBulk(POS_INF);
        } else if (value == Double.NEGATIVE_INFINITY) {
            writeBulk(NEG_INF);
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            writeBulk((long) value);
        } else {
            writeBulk(Double.toString(value), StandardCharsets.US_ASCII);
        }
    }

    /**
     * Writes a bulk string holding {@code value} encoded with {@code charset}; UTF-8 and ASCII are encoded straight
     * into the buffer.
     *
     * @param value the text
     * @param charset the encoding
     * @throws IOException when the stream fails
     */
    public void writeBulk(String value, Charset charset) throws IOException {
        boolean utf8 = charset == StandardCharsets.UTF_8;
        if ((utf8 || charset == StandardCharsets.US_ASCII) && tryAscii(value)) {
            return;
        }
        if (!utf8 && charset != StandardCharsets.US_ASCII) {
            writeBulk(value.getBytes(charset));
            return;
        }
        int len = value.length();
        if (!utf8 && hasSurrogatePair(value)) {
            // String.getBytes(US_ASCII) turns a surrogate pair into a single '?'; keep exactly its output.
            writeBulk(value.getBytes(charset));
            return;
        }
        int encoded = utf8 ? utf8Length(value) : len;
        writeBulkHeader(encoded);
        if (encoded == len) {
            for (int i = 0; i < len; ) {
                ensure(1);
                int n = Math.min(len - i, buf.length - count);
                for (int j = 0; j < n; j++) {
                    char c = value.charAt(i + j);
                    buf[count + j] = (byte) (c < 0x80 ? c : '?');
                }
                count += n;
                i += n;
            }
        } else {
            putUtf8(value);
        }
        ensure(2);
        putCrlf();
    }

    /**
     * Writes {@code value} as a bulk string in one pass when it is short and pure ASCII (keys, fields, most values),
     * where UTF-8 and ASCII agree byte for byte: the header assumes one byte per char, and the chars are copied
     * while they are checked. At the first non-ASCII char the partial write is undone and {@code false} returned.
     */
    private boolean tryAscii(String value) throws IOException {
        int len = value.length();
        if (len > ASCII_FAST_MAX || len + 16 > maxSize) {
            return false;
        }
        ensure(len + 16);
        int mark = count;
        byte[] b = buf;
        int p = count;
        b[p++] = '$';
        if (len < 10) {
            b[p++] = (byte) ('0' + len);
        } else if (len < 100) {
            b[p++] = (byte) ('0' + len / 10);
            b[p++] = (byte) ('0' + len % 10);
        } else {
            count = p;
            putLong(len);
            p = count;
        }
        b[p++] = '\r';
        b[p++] = '\n';
        for (int i = 0; i < len; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                count = mark;
                return false;
            }
            b[p++] = (byte) c;
        }
        b[p++] = '\r';
        b[p++] = '\n';
        count = p;
        return true;
    }

    /**
     * Sends everything buffered to the stream and flushes it.
     *
     * @throws IOException when the stream fails
     */
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    /**
     * Returns how many bytes wait in the buffer.
     *
     * @return the buffered byte count
     */
    public int buffered() {
        return count;
    }

    private void writeBulkHeader(int length) throws IOException {
        ensure(24);
        buf[count++] = '$';
        putLong(length);
        putCrlf();
    }

    private void putUtf8(String s) throws IOException {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            ensure(4);
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[count++] = (byte) c;
            } else if (c < 0x800) {
                buf[count++] = (byte) (0xC0 | (c >> 6));
                buf[count++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[count++] = (byte) (0xF0 | (cp >> 18));
                buf[count++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[count++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[count++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[count++] = '?'; // as String.getBytes(UTF_8) does for an unpaired surrogate
            } else {
                buf[count++] = (byte) (0xE0 | (c >> 12));
                buf[count++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[count++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private static boolean hasSurrogatePair(String s) {
        int last = s.length() - 1;
        for (int i = 0; i < last; i++) {
            if (Character.isHighSurrogate(s.charAt(i)) && Character.isLowSurrogate(s.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the number of bytes {@code s} takes in UTF-8, counting an unpaired surrogate as one byte.
     *
     * @param s the text
     * @return its UTF-8 length
     */
    public static int utf8Length(String s) {
        int len = s.length();
        int n = len;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    n += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 2; // four bytes for two chars
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    n += 2;
                }
            }
        }
        return n;
    }

    private void putCrlf() {
        buf[count++] = CRLF[0];
        buf[count++] = CRLF[1];
    }

    /** Writes the decimal digits of a non-MIN_VALUE long; the caller ensured room for 20 bytes. */
    private void putLong(long v) {
        if (v < 0) {
            buf[count++] = '-';
            v = -v;
        }
        int size = stringSize(v);
        int end = count + size;
        int p = end;
        do {
            buf[--p] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        count = end;
    }

    private static int stringSize(long v) {
        int sign = 0;
        if (v < 0) {
            sign = 1;
            v = -v;
        }
        long p = 10;
        for (int i = 1; i < 19; i++) {
            if (v < p) {
                return i + sign;
            }
            p *= 10;
        }
        return 19 + sign;
    }

    /** Makes room for {@code n} more bytes: by growing the buffer while it may grow, else by flushing it. */
    private void ensure(int n) throws IOException {
        if (buf.length - count < n) {
            grow(n);
            if (buf.length - count < n) {
                flushBuffer();
            }
        }
    }

    /** Grows the buffer towards room for {@code n} more bytes, as far as its maximum size allows. */
    private void grow(int n) {
        if (buf.length < maxSize) {
            int size = (int) Math.min(maxSize, Math.max(2L * buf.length, (long) count + n));
            buf = Arrays.copyOf(buf, size);
        }
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }
}
