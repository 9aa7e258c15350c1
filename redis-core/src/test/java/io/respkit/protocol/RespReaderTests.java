package io.respkit.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) for {@link RespReader}: golden bytes for every RESP2/RESP3 type, replies split at every
 * byte offset, concatenated replies and reading from a stream. Not thread-safe; each test uses its own reader.
 */
class RespReaderTests {

    private static final RespLimits ATTACH = new RespLimits(512L * 1024 * 1024, 1L << 28, 128, 1024 * 1024, true);

    // ---------------------------------------------------------------- helpers

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Object readAll(byte[] input) {
        return readAll(input, RespLimits.DEFAULT);
    }

    static Object readAll(byte[] input, RespLimits limits) {
        RespReader reader = new RespReader(limits);
        reader.feed(input, 0, input.length);
        Object value = reader.read();
        assertThat(value).as("a complete reply").isNotSameAs(RespReader.INCOMPLETE);
        assertThat(reader.hasBufferedBytes()).as("every byte consumed").isFalse();
        assertThat(reader.read()).isSameAs(RespReader.INCOMPLETE);
        return value;
    }

    /** A canonical text form with value semantics for byte[] and the RESP records, for exact comparisons. */
    static String canon(Object v) {
        if (v == null) {
            return "_";
        }
        if (v instanceof byte[] b) {
            StringBuilder sb = new StringBuilder("$");
            for (byte x : b) {
                sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return sb.toString();
        }
        if (v instanceof String s) {
            return "+" + s;
        }
        if (v instanceof Long l) {
            return ":" + l;
        }
        if (v instanceof Double d) {
            return "," + d;
        }
        if (v instanceof Boolean b) {
            return "#" + b;
        }
        if (v instanceof BigInteger n) {
            return "(" + n;
        }
        if (v instanceof ErrorReply e) {
            return "-" + e.message();
        }
        if (v instanceof VerbatimString vs) {
            return "=" + vs.format() + ":" + canon(vs.content());
        }
        if (v instanceof RespMap m) {
            return "%" + canonList(m.entries());
        }
        if (v instanceof RespSet s) {
            return "~" + canonList(s.elements());
        }
        if (v instanceof PushMessage p) {
            return ">" + canonList(p.elements());
        }
        if (v instanceof AttributedReply a) {
            return "|" + canon(a.attributes()) + "|" + canon(a.value());
        }
        if (v instanceof List<?> l) {
            return "*" + canonList(l);
        }
        throw new AssertionError("unexpected reply type " + v.getClass());
    }

    private static String canonList(List<?> list) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(canon(list.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String hex(String s) {
        return canon(s.getBytes(StandardCharsets.UTF_8));
    }

    static final byte[] BINARY_BULK = concat(bytes("$8\r\n"), new byte[] {'a', '\r', '\n', 0, 'b', (byte) 0xff, '\r', 0},
            bytes("\r\n"));

    /** Every golden reply with its canonical decoded form. */
    static Stream<Arguments> goldens() {
        byte[] utf8Simple = concat(bytes("+"), "héllo €😀".getBytes(StandardCharsets.UTF_8), bytes("\r\n"));
        byte[] utf8Text = "héllo €".getBytes(StandardCharsets.UTF_8);
        byte[] utf8Bulk = concat(bytes("$" + utf8Text.length + "\r\n"), utf8Text, bytes("\r\n"));
        return Stream.of(
                Arguments.of("simple OK", bytes("+OK\r\n"), "+OK"),
                Arguments.of("simple QUEUED", bytes("+QUEUED\r\n"), "+QUEUED"),
                Arguments.of("simple PONG", bytes("+PONG\r\n"), "+PONG"),
                Arguments.of("simple empty", bytes("+\r\n"), "+"),
                Arguments.of("simple utf8", utf8Simple, "+héllo €😀"),
                Arguments.of("error", bytes("-ERR x\r\n"), "-ERR x"),
                Arguments.of("error wrongtype", bytes("-WRONGTYPE Operation against a key\r\n"),
                        "-WRONGTYPE Operation against a key"),
                Arguments.of("integer", bytes(":1000\r\n"), ":1000"),
                Arguments.of("integer zero", bytes(":0\r\n"), ":0"),
                Arguments.of("integer negative", bytes(":-42\r\n"), ":-42"),
                Arguments.of("integer plus", bytes(":+5\r\n"), ":5"),
                Arguments.of("integer min", bytes(":-9223372036854775808\r\n"), ":" + Long.MIN_VALUE),
                Arguments.of("integer max", bytes(":9223372036854775807\r\n"), ":" + Long.MAX_VALUE),
                Arguments.of("bulk", bytes("$5\r\nhello\r\n"), hex("hello")),
                Arguments.of("bulk empty", bytes("$0\r\n\r\n"), "$"),
                Arguments.of("bulk binary", BINARY_BULK, "$610d0a0062ff0d00"),
                Arguments.of("bulk utf8", utf8Bulk, hex("héllo €")),
                Arguments.of("resp2 null bulk", bytes("$-1\r\n"), "_"),
                Arguments.of("resp2 null array", bytes("*-1\r\n"), "_"),
                Arguments.of("resp3 null", bytes("_\r\n"), "_"),
                Arguments.of("boolean true", bytes("#t\r\n"), "#true"),
                Arguments.of("boolean false", bytes("#f\r\n"), "#false"),
                Arguments.of("double", bytes(",1.5\r\n"), ",1.5"),
                Arguments.of("double negative", bytes(",-0.25\r\n"), ",-0.25"),
                Arguments.of("double integral", bytes(",10\r\n"), ",10.0"),
                Arguments.of("double inf", bytes(",inf\r\n"), ",Infinity"),
                Arguments.of("double -inf", bytes(",-inf\r\n"), ",-Infinity"),
                Arguments.of("double nan", bytes(",nan\r\n"), ",NaN"),
                Arguments.of("double exponent", bytes(",1.5e3\r\n"), ",1500.0"),
                Arguments.of("double exponent upper neg", bytes(",-2E-2\r\n"), ",-0.02"),
                Arguments.of("double exponent plus", bytes(",1e+2\r\n"), ",100.0"),
                Arguments.of("big number", bytes("(3492890328409238509324850943850943825024385\r\n"),
                        "(3492890328409238509324850943850943825024385"),
                Arguments.of("big number negative", bytes("(-3492890328409238509324850943850943825024385\r\n"),
                        "(-3492890328409238509324850943850943825024385"),
                Arguments.of("blob error", bytes("!21\r\nSYNTAX invalid syntax\r\n"), "-SYNTAX invalid syntax"),
                Arguments.of("verbatim", bytes("=15\r\ntxt:Some string\r\n"), "=txt:" + hex("Some string")),
                Arguments.of("verbatim empty content", bytes("=4\r\nmkd:\r\n"), "=mkd:$"),
                Arguments.of("array", bytes("*2\r\n$3\r\nfoo\r\n:7\r\n"), "*[" + hex("foo") + ", :7]"),
                Arguments.of("array empty", bytes("*0\r\n"), "*[]"),
                Arguments.of("array nested", bytes("*2\r\n*2\r\n:1\r\n:2\r\n*1\r\n*0\r\n"),
                        "*[*[:1, :2], *[*[]]]"),
                Arguments.of("array with nulls", bytes("*3\r\n$-1\r\n*-1\r\n_\r\n"), "*[_, _, _]"),
                Arguments.of("array mixed", bytes("*4\r\n+OK\r\n-ERR no\r\n#t\r\n,2.5\r\n"),
                        "*[+OK, -ERR no, #true, ,2.5]"),
                Arguments.of("map", bytes("%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n*1\r\n:2\r\n"),
                        "%[+first, :1, " + hex("second") + ", *[:2]]"),
                Arguments.of("map empty", bytes("%0\r\n"), "%[]"),
                Arguments.of("set", bytes("~3\r\n+a\r\n:1\r\n#f\r\n"), "~[+a, :1, #false]"),
                Arguments.of("set empty", bytes("~0\r\n"), "~[]"),
                Arguments.of("push", bytes(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n"),
                        ">[" + hex("message") + ", " + hex("ch") + ", " + hex("hi") + "]"),
                Arguments.of("attribute skipped", bytes("|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*1\r\n:2\r\n"),
                        "*[:2]"),
                Arguments.of("attribute in element skipped", bytes("*2\r\n:1\r\n|1\r\n+ttl\r\n:3600\r\n:2\r\n"),
                        "*[:1, :2]"),
                Arguments.of("empty attribute skipped", bytes("|0\r\n+OK\r\n"), "+OK"));
    }

    // ---------------------------------------------------------------- golden bytes

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodesGoldenBytes(String name, byte[] input, String expected) {
        assertThat(canon(readAll(input))).isEqualTo(expected);
    }

    @Test
    void simpleStringConstantsAreInterned() {
        assertThat(readAll(bytes("+OK\r\n"))).isSameAs("OK");
        assertThat(readAll(bytes("+QUEUED\r\n"))).isSameAs("QUEUED");
        assertThat(readAll(bytes("+PONG\r\n"))).isSameAs("PONG");
        assertThat(readAll(bytes("+OKAY\r\n"))).isEqualTo("OKAY");
        assertThat(readAll(bytes("+PING\r\n"))).isEqualTo("PING");
    }

    @Test
    void errorReplyCarriesItsCode() {
        ErrorReply error = (ErrorReply) readAll(bytes("-ERR x\r\n"));
        assertThat(error.message()).isEqualTo("ERR x");
        assertThat(error.code()).isEqualTo("ERR");
        assertThat(((ErrorReply) readAll(bytes("-WRONGTYPE Operation\r\n"))).code()).isEqualTo("WRONGTYPE");
        assertThat(((ErrorReply) readAll(bytes("-NOAUTH\r\n"))).code()).isEqualTo("NOAUTH");
        assertThat(((ErrorReply) readAll(bytes("-\r\n"))).code()).isEqualTo("ERR");
        ErrorReply blob = (ErrorReply) readAll(bytes("!21\r\nSYNTAX invalid syntax\r\n"));
        assertThat(blob.code()).isEqualTo("SYNTAX");
        assertThat(blob.message()).isEqualTo("SYNTAX invalid syntax");
    }

    @Test
    void mapsEachTypeToTheDocumentedJavaType() {
        assertThat(readAll(bytes("+x\r\n"))).isInstanceOf(String.class);
        assertThat(readAll(bytes(":1\r\n"))).isInstanceOf(Long.class).isEqualTo(1L);
        assertThat(readAll(bytes("$1\r\nx\r\n"))).isInstanceOf(byte[].class);
        assertThat(readAll(bytes("#t\r\n"))).isSameAs(Boolean.TRUE);
        assertThat(readAll(bytes("#f\r\n"))).isSameAs(Boolean.FALSE);
        assertThat(readAll(bytes(",1.5\r\n"))).isInstanceOf(Double.class).isEqualTo(1.5);
        assertThat((Double) readAll(bytes(",nan\r\n"))).isNaN();
        assertThat(readAll(bytes(",inf\r\n"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(readAll(bytes(",-inf\r\n"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(readAll(bytes("(18446744073709551616\r\n"))).isEqualTo(BigInteger.ONE.shiftLeft(64));
        assertThat(readAll(bytes("*1\r\n:1\r\n"))).isInstanceOf(List.class).isEqualTo(List.of(1L));
        assertThat(readAll(bytes("*0\r\n"))).isEqualTo(List.of());
        assertThat(readAll(bytes("%1\r\n+k\r\n:1\r\n"))).isEqualTo(new RespMap(List.of("k", 1L)));
        assertThat(readAll(bytes("~2\r\n:1\r\n:2\r\n"))).isEqualTo(new RespSet(List.of(1L, 2L)));
        assertThat(readAll(bytes("_\r\n"))).isNull();
        assertThat(readAll(bytes("$-1\r\n"))).isNull();
        assertThat(readAll(bytes("*-1\r\n"))).isNull();
    }

    @Test
    void bulkStringKeepsBinaryBytesExactly() {
        assertThat((byte[]) readAll(BINARY_BULK)).containsExactly('a', '\r', '\n', 0, 'b', 0xff, '\r', 0);
        assertThat((byte[]) readAll(bytes("$0\r\n\r\n"))).isEmpty();
        byte[] utf8 = "grüße 日本 😀".getBytes(StandardCharsets.UTF_8);
        byte[] reply = concat(bytes("$" + utf8.length + "\r\n"), utf8, bytes("\r\n"));
        assertThat(new String((byte[]) readAll(reply), StandardCharsets.UTF_8)).isEqualTo("grüße 日本 😀");
    }

    @Test
    void verbatimStringSplitsFormatAndContent() {
        VerbatimString v = (VerbatimString) readAll(bytes("=15\r\ntxt:Some string\r\n"));
        assertThat(v.format()).isEqualTo("txt");
        assertThat(new String(v.content(), StandardCharsets.UTF_8)).isEqualTo("Some string");
    }

    @Test
    void mapKeepsKeysAndValuesInWireOrder() {
        RespMap map = (RespMap) readAll(bytes("%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n"));
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.key(0)).isEqualTo("first");
        assertThat(map.value(0)).isEqualTo(1L);
        assertThat(map.key(1)).isEqualTo("second");
        assertThat(map.value(1)).isEqualTo(2L);
    }

    @Test
    void pushMessageExposesItsKind() {
        PushMessage push = (PushMessage) readAll(bytes(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n"));
        assertThat(push.kind()).isEqualTo("message");
        assertThat(push.elements()).hasSize(3);
        assertThat(((PushMessage) readAll(bytes(">2\r\n+invalidate\r\n*1\r\n$1\r\nk\r\n"))).kind())
                .isEqualTo("invalidate");
        assertThat(((PushMessage) readAll(bytes(">0\r\n"))).kind()).isEmpty();
    }

    @Test
    void attributesAreSkippedByDefault() {
        byte[] input = bytes("|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.19\r\n$1\r\nb\r\n,0.5\r\n*2\r\n:2\r\n:3\r\n");
        assertThat(readAll(input)).isEqualTo(List.of(2L, 3L));
    }

    @Test
    void attributesAreAttachedWhenConfigured() {
        byte[] input = bytes("|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*2\r\n:2\r\n:3\r\n");
        AttributedReply reply = (AttributedReply) readAll(input, ATTACH);
        assertThat(reply.value()).isEqualTo(List.of(2L, 3L));
        assertThat(reply.attributes().size()).isEqualTo(1);
        assertThat(reply.attributes().key(0)).isEqualTo("key-popularity");
        assertThat(canon(reply.attributes().value(0))).isEqualTo("%[" + hex("a") + ", ,0.19]");
    }

    @Test
    void attributeInsideAnArrayElementIsAttachedToThatElement() {
        byte[] input = bytes("*3\r\n:1\r\n|1\r\n+ttl\r\n:3600\r\n$1\r\nx\r\n:3\r\n");
        List<?> list = (List<?>) readAll(input, ATTACH);
        assertThat(list).hasSize(3);
        assertThat(list.get(0)).isEqualTo(1L);
        AttributedReply attributed = (AttributedReply) list.get(1);
        assertThat(attributed.attributes()).isEqualTo(new RespMap(List.of("ttl", 3600L)));
        assertThat(canon(attributed.value())).isEqualTo(hex("x"));
        assertThat(list.get(2)).isEqualTo(3L);

        assertThat(canon(readAll(input))).isEqualTo("*[:1, " + hex("x") + ", :3]");
    }

    @Test
    void attributeBeforeANestedAggregateAndEmptyAttributes() {
        byte[] input = bytes("*1\r\n|0\r\n*1\r\n|1\r\n+a\r\n+b\r\n:9\r\n");
        assertThat(canon(readAll(input, ATTACH))).isEqualTo("*[|%[]|*[|%[+a, +b]|:9]]");
        assertThat(canon(readAll(input))).isEqualTo("*[*[:9]]");
    }

    @Test
    void deeplyNestedArraysWithinTheLimitAreParsed() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 128; i++) {
            sb.append("*1\r\n");
        }
        sb.append(":7\r\n");
        Object value = readAll(bytes(sb.toString()));
        for (int i = 0; i < 128; i++) {
            assertThat(value).isInstanceOf(List.class);
            value = ((List<?>) value).get(0);
        }
        assertThat(value).isEqualTo(7L);
    }

    @Test
    void largeBulkBiggerThanTheInitialBuffer() {
        byte[] payload = new byte[300_000];
        new Random(1).nextBytes(payload);
        byte[] input = concat(bytes("$" + payload.length + "\r\n"), payload, bytes("\r\n+OK\r\n"));
        RespReader reader = new RespReader();
        int off = 0;
        Object value = RespReader.INCOMPLETE;
        while (value == RespReader.INCOMPLETE) {
            int n = Math.min(7_000, input.length - off);
            reader.feed(input, off, n);
            off += n;
            value = reader.read();
        }
        assertThat((byte[]) value).isEqualTo(payload);
        reader.feed(input, off, input.length - off);
        assertThat(reader.read()).isEqualTo("OK");
        assertThat(reader.hasBufferedBytes()).isFalse();
    }

    // ---------------------------------------------------------------- split at every offset

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void byteByByteIsIncompleteUntilTheLastByte(String name, byte[] input, String expected) {
        for (RespLimits limits : List.of(RespLimits.DEFAULT, ATTACH)) {
            String whole = canon(readAll(input, limits));
            RespReader reader = new RespReader(limits);
            for (int i = 0; i < input.length - 1; i++) {
                reader.feed(input, i, 1);
                assertThat(reader.read()).as("after %d of %d bytes", i + 1, input.length)
                        .isSameAs(RespReader.INCOMPLETE);
            }
            reader.feed(input, input.length - 1, 1);
            assertThat(canon(reader.read())).isEqualTo(whole);
            assertThat(reader.hasBufferedBytes()).isFalse();
            assertThat(reader.read()).isSameAs(RespReader.INCOMPLETE);
        }
        assertThat(canon(readAll(input))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void twoChunksAtEveryOffset(String name, byte[] input, String expected) {
        for (int split = 1; split < input.length; split++) {
            RespReader reader = new RespReader();
            reader.feed(input, 0, split);
            assertThat(reader.read()).as("first %d of %d bytes", split, input.length)
                    .isSameAs(RespReader.INCOMPLETE);
            reader.feed(input, split, input.length - split);
            assertThat(canon(reader.read())).as("split at %d", split).isEqualTo(expected);
            assertThat(reader.read()).isSameAs(RespReader.INCOMPLETE);
        }
    }

    @Test
    void concatenatedRepliesComeOutInOrder() {
        List<byte[]> inputs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        goldens().forEach(a -> {
            inputs.add((byte[]) a.get()[1]);
            expected.add((String) a.get()[2]);
        });
        byte[] all = concat(inputs.toArray(new byte[0][]));

        RespReader reader = new RespReader();
        reader.feed(all, 0, all.length);
        List<String> actual = new ArrayList<>();
        for (Object v = reader.read(); v != RespReader.INCOMPLETE; v = reader.read()) {
            actual.add(canon(v));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(reader.hasBufferedBytes()).isFalse();

        // The same stream in random-sized chunks, several replies per chunk or several chunks per reply.
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            RespReader chunked = new RespReader();
            List<String> got = new ArrayList<>();
            int off = 0;
            while (off < all.length) {
                int n = Math.min(1 + random.nextInt(40), all.length - off);
                chunked.feed(all, off, n);
                off += n;
                for (Object v = chunked.read(); v != RespReader.INCOMPLETE; v = chunked.read()) {
                    got.add(canon(v));
                }
            }
            assertThat(got).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void readFromAStreamThatReturnsOneByteAtATime() throws Exception {
        byte[] all = concat(bytes("*2\r\n$3\r\nfoo\r\n%1\r\n+k\r\n,1.5\r\n"), BINARY_BULK, bytes("+OK\r\n"));
        InputStream oneByte = new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < all.length ? all[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= all.length) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                b[off] = all[pos++];
                return 1;
            }
        };
        RespReader reader = new RespReader();
        List<String> replies = new ArrayList<>();
        int reads = 0;
        while (true) {
            Object v = reader.read();
            if (v != RespReader.INCOMPLETE) {
                replies.add(canon(v));
                continue;
            }
            int n = reader.readFrom(oneByte);
            if (n < 0) {
                break;
            }
            assertThat(n).isEqualTo(1);
            reads++;
        }
        assertThat(reads).isEqualTo(all.length);
        assertThat(replies).containsExactly("*[" + hex("foo") + ", %[+k, ,1.5]]", "$610d0a0062ff0d00", "+OK");
        assertThat(reader.hasBufferedBytes()).isFalse();
    }

    @Test
    void readerIsReusableAcrossManyReplies() {
        RespReader reader = new RespReader();
        byte[] one = bytes("*2\r\n:1\r\n$3\r\nabc\r\n");
        for (int i = 0; i < 10_000; i++) {
            reader.feed(one, 0, one.length);
            List<?> list = (List<?>) reader.read();
            assertThat(list.get(0)).isEqualTo(1L);
            assertThat(Arrays.equals((byte[]) list.get(1), bytes("abc"))).isTrue();
        }
        assertThat(reader.hasBufferedBytes()).isFalse();
    }

    // ---------------------------------------------------------------- bulk strings read as text

    @Test
    void topLevelBulkStringIsReadAsTextInTheGivenCharset() {
        RespReader reader = new RespReader();
        byte[] input = concat(bytes("$7\r\nvalue:1\r\n$0\r\n\r\n$-1\r\n"),
                bytes("$4\r\n"), "clé".getBytes(StandardCharsets.UTF_8), bytes("\r\n$2\r\n\u00e9\u00e8\r\n"));
        reader.feed(input, 0, input.length);
        assertThat(reader.read(StandardCharsets.UTF_8)).isEqualTo("value:1");
        assertThat(reader.read(StandardCharsets.UTF_8)).isEqualTo("");
        assertThat(reader.read(StandardCharsets.UTF_8)).isNull();
        assertThat(reader.read(StandardCharsets.UTF_8)).isEqualTo("clé");
        assertThat(reader.read(StandardCharsets.ISO_8859_1)).isEqualTo("\u00e9\u00e8");
        assertThat(reader.hasBufferedBytes()).isFalse();
    }

    @Test
    void bulkTextLeavesNestedBulkStringsAndOtherTypesAlone() {
        RespReader reader = new RespReader();
        byte[] input = bytes("*2\r\n$3\r\nabc\r\n:5\r\n+OK\r\n!3\r\nERR\r\n=7\r\ntxt:abc\r\n:7\r\n");
        reader.feed(input, 0, input.length);
        List<?> list = (List<?>) reader.read(StandardCharsets.UTF_8);
        assertThat(list.get(0)).isInstanceOf(byte[].class);
        assertThat(Arrays.equals((byte[]) list.get(0), bytes("abc"))).isTrue();
        assertThat(list.get(1)).isEqualTo(5L);
        assertThat(reader.read(StandardCharsets.UTF_8)).isEqualTo("OK");
        assertThat(reader.read(StandardCharsets.UTF_8)).isInstanceOf(ErrorReply.class);
        assertThat(reader.read(StandardCharsets.UTF_8)).isInstanceOf(VerbatimString.class);
        assertThat(reader.read(StandardCharsets.UTF_8)).isEqualTo(7L);
    }

    @Test
    void bulkTextReplySplitAtEveryByteIsReadWhole() {
        byte[] input = concat(bytes("$9\r\n"), "hé€llo".getBytes(StandardCharsets.UTF_8), bytes("\r\n"));
        for (int cut = 0; cut <= input.length; cut++) {
            RespReader reader = new RespReader();
            reader.feed(input, 0, cut);
            if (cut < input.length) {
                assertThat(reader.read(StandardCharsets.UTF_8)).isSameAs(RespReader.INCOMPLETE);
                reader.feed(input, cut, input.length - cut);
            }
            assertThat(reader.read(StandardCharsets.UTF_8)).isEqualTo("hé€llo");
        }
    }

    @Test
    void bulkTextStillEnforcesTheBulkLimitAndTheTrailingCrlf() {
        RespReader limited = new RespReader(new RespLimits(4, 1L << 20, 32, 1024, false));
        byte[] big = bytes("$5\r\nhello\r\n");
        limited.feed(big, 0, big.length);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limited.read(StandardCharsets.UTF_8))
                .isInstanceOf(io.respkit.exceptions.RedisProtocolException.class).hasMessageContaining("exceeds the limit");

        RespReader reader = new RespReader();
        byte[] noCrlf = bytes("$3\r\nabcXY");
        reader.feed(noCrlf, 0, noCrlf.length);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(StandardCharsets.UTF_8))
                .isInstanceOf(io.respkit.exceptions.RedisProtocolException.class).hasMessageContaining("not followed by CRLF");
    }

    @Test
    void aStreamThatFillsEveryReadIsReadWholeAsTheBufferGrows() throws java.io.IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 20_000; i++) {
            all.writeBytes(bytes("$" + ("value:" + i).length() + "\r\nvalue:" + i + "\r\n"));
        }
        InputStream in = new java.io.ByteArrayInputStream(all.toByteArray());
        RespReader reader = new RespReader();
        int next = 0;
        while (next < 20_000) {
            Object v = reader.read(StandardCharsets.UTF_8);
            if (v == RespReader.INCOMPLETE) {
                assertThat(reader.readFrom(in)).isPositive();
                continue;
            }
            assertThat(v).isEqualTo("value:" + next++);
        }
        assertThat(reader.hasBufferedBytes()).isFalse();
        assertThat(reader.readFrom(in)).isEqualTo(-1);
    }
}
