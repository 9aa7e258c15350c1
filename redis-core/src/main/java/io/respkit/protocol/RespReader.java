package io.respkit.protocol;

import io.respkit.exceptions.RedisProtocolException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An incremental RESP2/RESP3 reader in the style of hiredis: bytes are fed into the reader's own buffer
 * ({@link #feed} or {@link #readFrom}) and {@link #read()} returns one complete reply or {@link #INCOMPLETE}. A reply
 * may be split at any byte; aggregates are parsed with an explicit stack, never by recursion, and numbers are parsed
 * straight from the bytes.
 *
 * <p>Not thread-safe: one reader belongs to one connection and is used by one thread at a time.
 *
 * <p>Replies map to Java as follows: simple string to {@link String}; error and blob error to {@link ErrorReply};
 * integer to {@link Long}; bulk string to {@code byte[]}; null (RESP3 {@code _}, RESP2 {@code $-1} and {@code *-1}) to
 * {@code null}; array to {@link List}; map to {@link RespMap}; set to {@link RespSet}; double to {@link Double}
 * (including infinities and NaN); boolean to {@link Boolean}; big number to {@link java.math.BigInteger}; verbatim string to
 * {@link VerbatimString}; push to {@link PushMessage}; attributes are skipped, or attached as {@link AttributedReply}
 * when {@link RespLimits#attachAttributes()} is set.
 *
 * <p>Every malformed or over-limit input raises {@link RedisProtocolException} before anything of the claimed size
 * is allocated; after that the reader refuses further use, because its position in the stream is lost.
 */
public final class RespReader {

    /** Returned by {@link #read()} when the buffer does not yet hold a complete reply. */
    public static final Object INCOMPLETE = new Object() {
        @Override
        public String toString() {
            return "INCOMPLETE";
        }
    };

    private static final Object CONTINUE = new Object();
    private static final int INITIAL_CAPACITY = 8192;
    private static final int RETAINED_CAPACITY = 64 * 1024;
    /** How far a read that filled the whole buffer makes it grow: replies arriving faster than one read takes. */
    private static final int STREAMING_CAPACITY = 32 * 1024;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;
    private static final int MAX_PREALLOCATED_ELEMENTS = 1024;

    private final RespLimits limits;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int pos;
    private int limit;
    /** Set when the last read filled every free byte: the socket had more, so fewer, larger reads will do. */
    private boolean streaming;

    // The aggregate stack: what is being built at each nesting level.
    private List<Object>[] lists = newListArray(8);
    private long[] remaining = new long[8];
    private byte[] kinds = new byte[8];
    private RespMap[] attributes = new RespMap[9];
    private int depth;

    private String failure;

    /** Creates a reader with {@link RespLimits#DEFAULT}. */
    public RespReader() {
        this(RespLimits.DEFAULT);
    }

    /**
     * Creates a reader.
     *
     * @param limits the limits to enforce
     */
    public RespReader(RespLimits limits) {
        this.limits = limits;
    }

    /**
     * Appends bytes to the reader's buffer.
     *
     * @param src the bytes
     * @param off where they start
     * @param len how many
     * @throws RedisProtocolException when the buffered data would exceed what any legal reply can need
     */
    public void feed(byte[] src, int off, int len) {
        while (len > 0) {
            ensureWritable();
            int n = Math.min(len, buf.length - limit);
            System.arraycopy(src, off, buf, limit, n);
            limit += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Reads whatever the stream has (one {@code read} call) straight into the reader's buffer.
     *
     * @param in the stream, usually a socket's
     * @return the number of bytes read, or -1 at end of stream
     * @throws IOException when the stream fails or times out
     */
    public int readFrom(InputStream in) throws IOException {
        ensureWritable();
        int free = buf.length - limit;
        int n = in.read(buf, limit, free);
        if (n > 0) {
            limit += n;
            streaming = n == free && buf.length < STREAMING_CAPACITY;
        }
        return n;
    }

    /**
     * Returns whether bytes are buffered that {@link #read()} has not consumed yet.
     *
     * @return {@code true} when unread bytes remain
     */
    public boolean hasBufferedBytes() {
        return pos < limit;
    }

    /**
     * Parses the next complete reply from the buffer.
     *
     * @return the reply (possibly {@code null} for a RESP null), or {@link #INCOMPLETE} when more bytes are needed
     * @throws RedisProtocolException when the input is malformed or exceeds a limit, or the reader failed earlier
     */
    public Object read() {
        return read(null);
    }

    /**
     * Parses the next complete reply from the buffer like {@link #read()}, but a top-level bulk string comes back as
     * a {@link String} decoded with {@code bulkText}, straight from the buffer, instead of as a {@code byte[]}. For
     * replies whose decoder would make exactly that string anyway: it saves an array and a copy per reply. Bulk
     * strings inside aggregates, and every other type, are read as by {@link #read()}; every limit still applies.
     *
     * @param bulkText the charset for a top-level bulk string, or {@code null} to keep it bytes
     * @return the reply (possibly {@code null} for a RESP null), or {@link #INCOMPLETE} when more bytes are needed
     * @throws RedisProtocolException when the input is malformed or exceeds a limit, or the reader failed earlier
     */
    public Object read(Charset bulkText) {
        if (failure != null) {
            throw new RedisProtocolException("RESP reader is unusable after an earlier protocol error: " + failure);
        }
        try {
            Object reply = parse(bulkText);
            if (reply != INCOMPLETE && pos == limit) {
                pos = 0;
                limit = 0;
                if (buf.length > RETAINED_CAPACITY) {
                    buf = new byte[INITIAL_CAPACITY];
                }
            }
            return reply;
        } catch (RedisProtocolException e) {
            failure = e.getMessage();
            throw e;
        }
    }

    private Object parse(Charset bulkText) {
        for (;;) {
            if (pos >= limit) {
                return INCOMPLETE;
            }
            int start = pos;
            byte type = buf[start];
            Object value;
            switch (type) {
                case '+', '-', ':', ',', '#', '_', '(' -> {
                    int eol = findLineEnd(start + 1);
                    if (eol < 0) {
                        return INCOMPLETE;
                    }
                    value = lineValue(type, start + 1, eol);
                    pos = eol + 2;
                }
                case '$', '!', '=' -> {
                    int eol = findLineEnd(start + 1);
                    if (eol < 0) {
                        return INCOMPLETE;
                    }
                    long len = RespNumbers.length(buf, start + 1, eol, type);
                    if (len == -1) {
                        if (type != '$') {
                            throw protocol("length -1 is only allowed for bulk strings, got it for type '"
                                    + (char) type + "'");
                        }
                        value = null;
                        pos = eol + 2;
                        break;
                    }
                    if (len > limits.maxBulkLength()) {
                        throw protocol("bulk length " + len + " exceeds the limit of " + limits.maxBulkLength());
                    }
                    if (len > MAX_CAPACITY - 64) {
                        // Only reachable with custom limits above 2 GiB; dataStart + len would overflow an index.
                        throw protocol("bulk length " + len + " does not fit in a Java array");
                    }
                    int dataStart = eol + 2;
                    long end = dataStart + len;
                    if (end + 2 > limit) {
                        return INCOMPLETE;
                    }
                    int e = (int) end;
                    if (buf[e] != '\r' || buf[e + 1] != '\n') {
                        throw protocol("bulk string of length " + len + " is not followed by CRLF");
                    }
                    value = type == '$' && bulkText != null && depth == 0
                            ? new String(buf, dataStart, e - dataStart, bulkText) : blobValue(type, dataStart, e);
                    pos = e + 2;
                }
                case '*', '~', '%', '>', '|' -> {
                    int eol = findLineEnd(start + 1);
                    if (eol < 0) {
                        return INCOMPLETE;
                    }
                    long count = RespNumbers.length(buf, start + 1, eol, type);
                    pos = eol + 2;
                    if (count == -1) {
                        if (type != '*') {
                            throw protocol("length -1 is only allowed for arrays, got it for type '"
                                    + (char) type + "'");
                        }
                        value = null;
                        break;
                    }
                    boolean pairs = type == '%' || type == '|';
                    long max = limits.maxAggregateLength();
                    // Compared before doubling: count * 2 could overflow to a negative number and pass the check.
                    if (count > (pairs ? max / 2 : max)) {
                        throw protocol("aggregate of " + count + (pairs ? " pairs" : " elements")
                                + " exceeds the limit of " + max + " elements");
                    }
                    long elements = pairs ? count * 2 : count;
                    if (elements == 0) {
                        if (type == '|') {
                            attributes[depth] = new RespMap(List.of());
                            continue;
                        }
                        value = build(type, List.of());
                        break;
                    }
                    push(type, elements);
                    continue;
                }
                default -> throw protocol("unknown RESP type byte 0x" + Integer.toHexString(type & 0xff));
            }
            Object done = complete(value);
            if (done != CONTINUE) {
                return done;
            }
        }
    }

    /** Folds a finished value into the enclosing aggregates; returns the top-level reply or CONTINUE. */
    private Object complete(Object value) {
        for (;;) {
            RespMap attrs = attributes[depth];
            if (attrs != null) {
                attributes[depth] = null;
                if (limits.attachAttributes()) {
                    value = new AttributedReply(attrs, value);
                }
            }
            if (depth == 0) {
                return value;
            }
            int top = depth - 1;
            lists[top].add(value);
            if (--remaining[top] > 0) {
                return CONTINUE;
            }
            byte kind = kinds[top];
            List<Object> list = lists[top];
            lists[top] = null;
            depth = top;
            if (kind == '|') {
                // An attribute describes the value that follows it at the same level; it is not an element.
                attributes[depth] = new RespMap(list);
                return CONTINUE;
            }
            value = build(kind, list);
        }
    }

    private static Object build(byte kind, List<Object> list) {
        return switch (kind) {
            case '~' -> new RespSet(list);
            case '%' -> new RespMap(list);
            case '>' -> new PushMessage(list);
            default -> list;
        };
    }

    private void push(byte type, long elements) {
        if (depth >= limits.maxDepth()) {
            throw protocol("aggregate nesting deeper than the limit of " + limits.maxDepth());
        }
        if (depth == lists.length) {
            int n = Math.min(lists.length * 2, limits.maxDepth());
            lists = Arrays.copyOf(lists, n);
            remaining = Arrays.copyOf(remaining, n);
            kinds = Arrays.copyOf(kinds, n);
            attributes = Arrays.copyOf(attributes, n + 1);
        }
        lists[depth] = new ArrayList<>((int) Math.min(elements, MAX_PREALLOCATED_ELEMENTS));
        remaining[depth] = elements;
        kinds[depth] = type;
        depth++;
    }

    private Object lineValue(byte type, int from, int to) {
        switch (type) {
            case '+':
                return simpleString(from, to);
            case '-':
                return new ErrorReply(new String(buf, from, to - from, StandardCharsets.UTF_8));
            case ':':
                return RespNumbers.integer(buf, from, to);
            case ',':
                return RespNumbers.decimal(buf, from, to);
            case '#':
                if (to - from == 1 && (buf[from] == 't' || buf[from] == 'f')) {
                    return buf[from] == 't' ? Boolean.TRUE : Boolean.FALSE;
                }
                throw protocol("boolean must be #t or #f");
            case '_':
                if (to != from) {
                    throw protocol("null must be followed directly by CRLF");
                }
                return null;
            default:
                return RespNumbers.bigNumber(buf, from, to);
        }
    }

    private Object blobValue(byte type, int from, int to) {
        if (type == '$') {
            return Arrays.copyOfRange(buf, from, to);
        }
        if (type == '!') {
            return new ErrorReply(new String(buf, from, to - from, StandardCharsets.UTF_8));
        }
        if (to - from < 4 || buf[from + 3] != ':') {
            throw protocol("verbatim string without its three-letter format prefix");
        }
        // ISO-8859-1 maps each byte to one char, so an odd format survives intact instead of becoming U+FFFD.
        return new VerbatimString(new String(buf, from, 3, StandardCharsets.ISO_8859_1),
                Arrays.copyOfRange(buf, from + 4, to));
    }

    private String simpleString(int from, int to) {
        int len = to - from;
        if (len == 2 && buf[from] == 'O' && buf[from + 1] == 'K') {
            return "OK";
        }
        if (len == 6 && matches(from, QUEUED)) {
            return "QUEUED";
        }
        if (len == 4 && matches(from, PONG)) {
            return "PONG";
        }
        return new String(buf, from, len, StandardCharsets.UTF_8);
    }

    private static final byte[] QUEUED = {'Q', 'U', 'E', 'U', 'E', 'D'};
    private static final byte[] PONG = {'P', 'O', 'N', 'G'};

    private boolean matches(int from, byte[] word) {
        for (int i = 0; i < word.length; i++) {
            if (buf[from + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    /** Finds the CR of the CRLF ending the line that starts at {@code from}; -1 when more bytes are needed. */
    private int findLineEnd(int from) {
        int max = limits.maxLineLength();
        for (int i = from; i < limit; i++) {
            if (buf[i] == '\r') {
                if (i + 1 >= limit) {
                    return -1;
                }
                if (buf[i + 1] != '\n') {
                    throw protocol("CR not followed by LF");
                }
                return i;
            }
            if (buf[i] == '\n') {
                throw protocol("LF without CR");
            }
            if (i - from >= max) {
                throw protocol("line longer than the limit of " + max + " bytes");
            }
        }
        if (limit - from > max) {
            throw protocol("line longer than the limit of " + max + " bytes");
        }
        return -1;
    }

    private void ensureWritable() {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        }
        if (streaming) {
            // Grows only after a read filled the buffer with bytes actually received (see below), to a small cap.
            streaming = false;
            byte[] bigger = new byte[Math.min(buf.length * 2, STREAMING_CAPACITY)];
            System.arraycopy(buf, pos, bigger, 0, limit - pos);
            limit -= pos;
            pos = 0;
            buf = bigger;
            return;
        }
        if (limit < buf.length) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
            return;
        }
        if (buf.length >= MAX_CAPACITY) {
            throw protocol("reply does not fit in a Java array");
        }
        // Grows only when the buffer is full of bytes actually received, so memory follows the data, not the
        // lengths a server claims.
        buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, MAX_CAPACITY));
    }

    static RedisProtocolException protocol(String message) {
        return new RedisProtocolException("Malformed RESP: " + message);
    }

    @SuppressWarnings("unchecked")
    private static List<Object>[] newListArray(int n) {
        return (List<Object>[]) new List<?>[n];
    }
}
