package io.respkit.protocol;

import io.respkit.exceptions.RedisProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for malformed and oversized input to {@link RespReader}: each ends in
 * {@link RedisProtocolException}, after which the reader refuses further use. Not thread-safe; each test uses its
 * own reader.
 */
class RespReaderMalformedTests {

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds the input, expects a protocol error mentioning {@code reason}, then expects the reader to stay failed. */
    private static void assertMalformed(RespLimits limits, byte[] input, String reason) {
        RespReader reader = new RespReader(limits);
        reader.feed(input, 0, input.length);
        assertThatThrownBy(reader::read)
                .isExactlyInstanceOf(RedisProtocolException.class)
                .hasMessageContaining(reason);
        assertRefusesFurtherUse(reader);
    }

    private static void assertRefusesFurtherUse(RespReader reader) {
        assertThatThrownBy(reader::read)
                .isExactlyInstanceOf(RedisProtocolException.class)
                .hasMessageContaining("unusable after an earlier protocol error");
        byte[] ok = bytes("+OK\r\n");
        reader.feed(ok, 0, ok.length);
        assertThatThrownBy(reader::read)
                .isExactlyInstanceOf(RedisProtocolException.class)
                .hasMessageContaining("unusable");
    }

    private static RespLimits limits(long maxBulk, long maxAggregate, int maxDepth, int maxLine) {
        return new RespLimits(maxBulk, maxAggregate, maxDepth, maxLine, false);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("bad type byte", "?foo\r\n", "unknown RESP type byte 0x3f"),
                Arguments.of("bad type byte inside an array", "*2\r\n:1\r\nX\r\n", "unknown RESP type byte"),
                Arguments.of("missing CRLF after bulk", "$3\r\nfooXY", "not followed by CRLF"),
                Arguments.of("bulk payload longer than its length", "$3\r\nfoobar\r\n", "not followed by CRLF"),
                Arguments.of("bulk followed by CR only", "$3\r\nfoo\rX", "not followed by CRLF"),
                Arguments.of("missing CRLF after blob error", "!3\r\nERRxx", "not followed by CRLF"),
                Arguments.of("CR without LF", "+OK\rX", "CR not followed by LF"),
                Arguments.of("CR without LF in length", "$3\rX", "CR not followed by LF"),
                Arguments.of("LF without CR", "+OK\n", "LF without CR"),
                Arguments.of("LF without CR in length", "*1\n", "LF without CR"),
                Arguments.of("non-digit bulk length", "$3a\r\n", "non-digit in length"),
                Arguments.of("non-digit array length", "*x\r\n", "non-digit in length"),
                Arguments.of("plus sign in length", "$+3\r\nfoo\r\n", "non-digit in length"),
                Arguments.of("space in length", "$ 3\r\nfoo\r\n", "non-digit in length"),
                Arguments.of("empty bulk length", "$\r\n", "empty length"),
                Arguments.of("empty array length", "*\r\n", "empty length"),
                Arguments.of("empty map length", "%\r\n", "empty length"),
                Arguments.of("bulk length -2", "$-2\r\n", "negative length"),
                Arguments.of("array length -5", "*-5\r\n", "negative length"),
                Arguments.of("bulk length -0", "$-0\r\n", "negative length"),
                Arguments.of("map length -1", "%-1\r\n", "only allowed for arrays"),
                Arguments.of("set length -1", "~-1\r\n", "only allowed for arrays"),
                Arguments.of("push length -1", ">-1\r\n", "only allowed for arrays"),
                Arguments.of("attribute length -1", "|-1\r\n", "only allowed for arrays"),
                Arguments.of("blob error length -1", "!-1\r\n", "only allowed for bulk strings"),
                Arguments.of("verbatim length -1", "=-1\r\n", "only allowed for bulk strings"),
                Arguments.of("bulk over the default limit", "$2147483647\r\n", "exceeds the limit of 536870912"),
                Arguments.of("bulk length overflows long", "$99999999999999999999\r\n", "overflows"),
                Arguments.of("array over the aggregate limit", "*2000000000\r\n", "exceeds the limit"),
                Arguments.of("map over the aggregate limit", "%2000000000\r\n", "exceeds the limit"),
                Arguments.of("set over the aggregate limit", "~2000000000\r\n", "exceeds the limit"),
                Arguments.of("push over the aggregate limit", ">2000000000\r\n", "exceeds the limit"),
                Arguments.of("attribute over the aggregate limit", "|2000000000\r\n", "exceeds the limit"),
                Arguments.of("map count whose double overflows", "%4611686018427387904\r\n", "exceeds the limit"),
                Arguments.of("map count of Long.MAX_VALUE", "%9223372036854775807\r\n", "exceeds the limit"),
                Arguments.of("nested over the aggregate limit", "*1\r\n*2000000000\r\n", "exceeds the limit"),
                Arguments.of("double with junk", ",1.5x\r\n", "malformed double"),
                Arguments.of("empty double", ",\r\n", "malformed double"),
                Arguments.of("double Infinity spelling", ",Infinity\r\n", "malformed double"),
                Arguments.of("double NaN spelling", ",NaN\r\n", "malformed double"),
                Arguments.of("double with type suffix", ",1.5d\r\n", "malformed double"),
                Arguments.of("hex double", ",0x1p3\r\n", "malformed double"),
                Arguments.of("double with space", ", 1\r\n", "malformed double"),
                Arguments.of("double dangling exponent", ",1e\r\n", "malformed double"),
                Arguments.of("double two points", ",1.2.3\r\n", "malformed double"),
                Arguments.of("boolean x", "#x\r\n", "boolean must be #t or #f"),
                Arguments.of("boolean tt", "#tt\r\n", "boolean must be #t or #f"),
                Arguments.of("boolean empty", "#\r\n", "boolean must be #t or #f"),
                Arguments.of("boolean true spelling", "#true\r\n", "boolean must be #t or #f"),
                Arguments.of("null with payload", "_x\r\n", "null must be followed directly by CRLF"),
                Arguments.of("integer letters", ":abc\r\n", "non-digit in integer"),
                Arguments.of("integer empty", ":\r\n", "integer without digits"),
                Arguments.of("integer sign only", ":-\r\n", "integer without digits"),
                Arguments.of("integer trailing space", ":1 \r\n", "non-digit in integer"),
                Arguments.of("integer decimal", ":1.5\r\n", "non-digit in integer"),
                Arguments.of("integer overflow", ":9223372036854775808\r\n", "overflows"),
                Arguments.of("integer underflow", ":-9223372036854775809\r\n", "overflows"),
                Arguments.of("integer far too long", ":123456789012345678901234567890\r\n", "overflows"),
                Arguments.of("big number empty", "(\r\n", "big number without digits"),
                Arguments.of("big number sign only", "(-\r\n", "big number without digits"),
                Arguments.of("big number letters", "(12a\r\n", "non-digit in big number"),
                Arguments.of("verbatim without prefix", "=3\r\nabc\r\n", "three-letter format prefix"),
                Arguments.of("verbatim without colon", "=15\r\ntxtXSome string\r\n", "three-letter format prefix"),
                Arguments.of("verbatim empty", "=0\r\n\r\n", "three-letter format prefix"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputFailsAndTheReaderRefusesFurtherUse(String name, String input, String reason) {
        assertMalformed(RespLimits.DEFAULT, bytes(input), reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputFailsAlsoWhenFedByteByByte(String name, String input, String reason) {
        byte[] b = bytes(input);
        RespReader reader = new RespReader();
        RedisProtocolException failure = null;
        for (int i = 0; i < b.length && failure == null; i++) {
            reader.feed(b, i, 1);
            try {
                reader.read();
            } catch (RedisProtocolException e) {
                failure = e;
            }
        }
        assertThat(failure).as("a protocol error").isNotNull();
        assertThat(failure.getMessage()).contains(reason);
        assertRefusesFurtherUse(reader);
    }

    @Test
    void bulkOverACustomLimit() {
        RespLimits small = limits(10, 1000, 8, 64);
        assertMalformed(small, bytes("$11\r\n"), "bulk length 11 exceeds the limit of 10");
        assertMalformed(small, bytes("!11\r\n"), "exceeds the limit of 10");
        assertMalformed(small, bytes("=11\r\n"), "exceeds the limit of 10");

        RespReader reader = new RespReader(small);
        byte[] atLimit = bytes("$10\r\n0123456789\r\n");
        reader.feed(atLimit, 0, atLimit.length);
        assertThat((byte[]) reader.read()).isEqualTo(bytes("0123456789"));
    }

    @Test
    void aggregatesOverACustomLimit() {
        RespLimits small = limits(100, 4, 8, 64);
        assertMalformed(small, bytes("*5\r\n"), "exceeds the limit of 4");
        assertMalformed(small, bytes("%3\r\n"), "exceeds the limit of 4");
        assertMalformed(small, bytes("~5\r\n"), "exceeds the limit of 4");

        RespReader reader = new RespReader(small);
        byte[] map = bytes("%2\r\n:1\r\n:2\r\n:3\r\n:4\r\n");
        reader.feed(map, 0, map.length);
        assertThat(reader.read()).isEqualTo(new RespMap(List.of(1L, 2L, 3L, 4L)));
    }

    @Test
    void bulkLengthBeyondAnyJavaArrayWithHugeCustomLimits() {
        RespLimits huge = new RespLimits(Long.MAX_VALUE, Long.MAX_VALUE, 8, 64, false);
        assertMalformed(huge, bytes("$9223372036854775807\r\n"), "does not fit in a Java array");
        assertMalformed(huge, bytes("$4294967296\r\nabc"), "does not fit in a Java array");
        assertMalformed(huge, bytes("%9223372036854775807\r\n"), "exceeds the limit");
    }

    @Test
    void nestingDeeperThanMaxDepth() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 129; i++) {
            sb.append("*1\r\n");
        }
        assertMalformed(RespLimits.DEFAULT, bytes(sb.toString()), "nesting deeper than the limit of 128");

        RespLimits shallow = limits(100, 100, 3, 64);
        assertMalformed(shallow, bytes("*1\r\n%1\r\n~1\r\n*1\r\n"), "nesting deeper than the limit of 3");
        RespReader reader = new RespReader(shallow);
        byte[] ok = bytes("*1\r\n%1\r\n~1\r\n:1\r\n:2\r\n");
        reader.feed(ok, 0, ok.length);
        assertThat(reader.read())
                .isEqualTo(List.of(new RespMap(List.of(new RespSet(List.of(1L)), 2L))));
    }

    @Test
    void hundredThousandNestedArraysFailFastWithoutStackOverflow() {
        byte[] one = bytes("*1\r\n");
        byte[] input = new byte[one.length * 100_000];
        for (int i = 0; i < 100_000; i++) {
            System.arraycopy(one, 0, input, i * one.length, one.length);
        }
        assertMalformed(RespLimits.DEFAULT, input, "nesting deeper");

        // Also with a depth limit high enough to let the whole nesting through: explicit stack, no recursion.
        RespReader deep = new RespReader(new RespLimits(100, 100, 200_000, 64, false));
        deep.feed(input, 0, input.length);
        assertThat(deep.read()).isSameAs(RespReader.INCOMPLETE);
        byte[] leaf = bytes(":1\r\n");
        deep.feed(leaf, 0, leaf.length);
        Object value = deep.read();
        int depth = 0;
        while (value instanceof List<?> list) {
            value = list.get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(100_000);
        assertThat(value).isEqualTo(1L);
    }

    @Test
    void lineLongerThanMaxLineLengthWithoutCrlf() {
        byte[] line = new byte[1024 * 1024 + 2];
        Arrays.fill(line, (byte) 'a');
        line[0] = '+';
        assertMalformed(RespLimits.DEFAULT, line, "line longer than the limit of 1048576 bytes");

        RespLimits small = limits(100, 100, 8, 16);
        assertMalformed(small, bytes("+aaaaaaaaaaaaaaaaa"), "line longer than the limit of 16 bytes");
        assertMalformed(small, bytes("$11111111111111111"), "line longer than the limit of 16 bytes");
        assertMalformed(small, bytes(":11111111111111111\r\n"), "line longer than the limit of 16 bytes");

        // Exactly at the limit is fine, also when the CRLF arrives later.
        RespReader reader = new RespReader(small);
        byte[] sixteen = bytes("+aaaaaaaaaaaaaaaa");
        reader.feed(sixteen, 0, sixteen.length);
        assertThat(reader.read()).isSameAs(RespReader.INCOMPLETE);
        byte[] crlf = bytes("\r\n");
        reader.feed(crlf, 0, crlf.length);
        assertThat(reader.read()).isEqualTo("aaaaaaaaaaaaaaaa");
    }

    @Test
    void claimedBulkSizeIsNotAllocatedUpFront() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        RespReader[] readers = new RespReader[8];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new RespReader();
            byte[] header = bytes("$536870000\r\nabc");
            readers[i].feed(header, 0, header.length);
            assertThat(readers[i].read()).isSameAs(RespReader.INCOMPLETE);
        }
        long after = runtime.totalMemory() - runtime.freeMemory();
        // Eight readers each claiming ~512 MiB: allocating the claim would need 4 GiB.
        assertThat(after - before).as("bytes allocated").isLessThan(256L * 1024 * 1024);
        for (RespReader reader : readers) {
            assertThat(reader.hasBufferedBytes()).isTrue();
        }
    }

    @Test
    void claimedAggregateSizeIsNotAllocatedUpFront() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        RespReader[] readers = new RespReader[8];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new RespReader();
            byte[] header = bytes("*268435456\r\n%134217728\r\n:1\r\n");
            readers[i].feed(header, 0, header.length);
            assertThat(readers[i].read()).isSameAs(RespReader.INCOMPLETE);
        }
        long after = runtime.totalMemory() - runtime.freeMemory();
        // A preallocated list of 2^28 references is at least 1 GiB per reader.
        assertThat(after - before).as("bytes allocated").isLessThan(256L * 1024 * 1024);
    }
}
