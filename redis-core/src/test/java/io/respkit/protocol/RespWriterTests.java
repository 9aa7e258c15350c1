package io.respkit.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link RespWriter}: golden bytes for headers, bulk strings, numbers and text, buffering
 * and flushing. Not thread-safe; each test uses its own writer.
 */
class RespWriterTests {

    /** An output stream that records how often it was written to and flushed. */
    private static final class RecordingStream extends ByteArrayOutputStream {
        int writes;
        int flushes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public void write(byte[] b) {
            write(b, 0, b.length);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    private final RecordingStream out = new RecordingStream();

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bulk(byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bytes("$" + payload.length + "\r\n"));
        b.writeBytes(payload);
        b.writeBytes(bytes("\r\n"));
        return b.toByteArray();
    }

    private byte[] written(RespWriter writer) throws IOException {
        writer.flush();
        assertThat(writer.buffered()).isZero();
        return out.toByteArray();
    }

    private String writtenText(RespWriter writer) throws IOException {
        return new String(written(writer), StandardCharsets.ISO_8859_1);
    }

    @Test
    void arrayHeader() throws IOException {
        RespWriter writer = new RespWriter(out);
        writer.writeArrayHeader(3);
        writer.writeArrayHeader(0);
        writer.writeArrayHeader(1234567890);
        assertThat(writtenText(writer)).isEqualTo("*3\r\n*0\r\n*1234567890\r\n");
    }

    @Test
    void bulkFromBytes() throws IOException {
        RespWriter writer = new RespWriter(out);
        writer.writeBulk(bytes("foo"));
        writer.writeBulk(new byte[0]);
        writer.writeBulk(new byte[] {'a', '\r', '\n', 0, (byte) 0xff});
        assertThat(written(writer)).isEqualTo(new byte[] {
            '$', '3', '\r', '\n', 'f', 'o', 'o', '\r', '\n',
            '$', '0', '\r', '\n', '\r', '\n',
            '$', '5', '\r', '\n', 'a', '\r', '\n', 0, (byte) 0xff, '\r', '\n'});
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 31, 32, 33, 50, 63, 64, 65, 100, 1000, 100_000})
    void bulkFromBytesOfEverySizeAroundTheBuffer(int size) throws IOException {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        RespWriter writer = new RespWriter(out, 64);
        writer.writeArrayHeader(2);
        writer.writeBulk(payload);
        writer.writeBulk(payload);
        byte[] one = bulk(payload);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(bytes("*2\r\n"));
        expected.writeBytes(one);
        expected.writeBytes(one);
        assertThat(written(writer)).isEqualTo(expected.toByteArray());
    }

    @Test
    void bulkFromLong() throws IOException {
        RespWriter writer = new RespWriter(out);
        writer.writeBulk(0L);
        writer.writeBulk(7L);
        writer.writeBulk(-1L);
        writer.writeBulk(-123L);
        writer.writeBulk(Long.MIN_VALUE);
        writer.writeBulk(Long.MAX_VALUE);
        writer.writeBulk(1_000_000_000_000_000_000L);
        assertThat(writtenText(writer)).isEqualTo("$1\r\n0\r\n$1\r\n7\r\n$2\r\n-1\r\n$4\r\n-123\r\n"
                + "$20\r\n-9223372036854775808\r\n$19\r\n9223372036854775807\r\n$19\r\n1000000000000000000\r\n");
    }

    @Test
    void bulkFromLongMatchesLongToStringForManyValues() throws IOException {
        Random random = new Random(7);
        RespWriter writer = new RespWriter(out, 64);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            long v = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt();
                case 2 -> random.nextInt(1000) - 500;
                default -> (long) Math.pow(10, i % 19) * (i % 8 < 4 ? 1 : -1) + (i % 3 - 1);
            };
            writer.writeBulk(v);
            String s = Long.toString(v);
            expected.append('$').append(s.length()).append("\r\n").append(s).append("\r\n");
        }
        assertThat(writtenText(writer)).isEqualTo(expected.toString());
    }

    @Test
    void bulkFromDouble() throws IOException {
        RespWriter writer = new RespWriter(out);
        writer.writeBulk(1.0);
        writer.writeBulk(-3.0);
        writer.writeBulk(1.5);
        writer.writeBulk(-0.25);
        writer.writeBulk(Double.POSITIVE_INFINITY);
        writer.writeBulk(Double.NEGATIVE_INFINITY);
        writer.writeBulk(123456789012345.0);
        writer.writeBulk(1e15);
        writer.writeBulk(0.1);
        assertThat(writtenText(writer)).isEqualTo("$1\r\n1\r\n$2\r\n-3\r\n$3\r\n1.5\r\n$5\r\n-0.25\r\n"
                + "$4\r\n+inf\r\n$4\r\n-inf\r\n$15\r\n123456789012345\r\n$6\r\n1.0E15\r\n$3\r\n0.1\r\n");
    }

    @Test
    void doubleRoundTripsThroughItsText() throws IOException {
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
            out.reset();
            RespWriter writer = new RespWriter(out);
            writer.writeBulk(v);
            String text = writtenText(writer);
            String payload = text.substring(text.indexOf("\r\n") + 2, text.length() - 2);
            assertThat(Double.parseDouble(payload)).isEqualTo(v);
            assertThat(text).startsWith("$" + payload.length() + "\r\n");
        }
    }

    @Test
    void nanIsRejectedAndNothingIsWritten() throws IOException {
        RespWriter writer = new RespWriter(out);
        assertThatThrownBy(() -> writer.writeBulk(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThat(writer.buffered()).isZero();
        assertThat(written(writer)).isEmpty();
    }

    @Test
    void stringInUtf8() throws IOException {
        RespWriter writer = new RespWriter(out);
        writer.writeBulk("hello", StandardCharsets.UTF_8);
        writer.writeBulk("", StandardCharsets.UTF_8);
        writer.writeBulk("é", StandardCharsets.UTF_8);
        writer.writeBulk("€", StandardCharsets.UTF_8);
        writer.writeBulk("😀", StandardCharsets.UTF_8);
        assertThat(written(writer)).isEqualTo(new byte[] {
            '$', '5', '\r', '\n', 'h', 'e', 'l', 'l', 'o', '\r', '\n',
            '$', '0', '\r', '\n', '\r', '\n',
            '$', '2', '\r', '\n', (byte) 0xC3, (byte) 0xA9, '\r', '\n',
            '$', '3', '\r', '\n', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, '\r', '\n',
            '$', '4', '\r', '\n', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '\r', '\n'});
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uDE00\uD83D", "é\uD800", "\uD83D\uD83D\uDE00x", "😀\uD83D",
        "mixé€😀\uDFFF!"})
    void unpairedSurrogatesBecomeQuestionMarksExactlyLikeGetBytes(String s) throws IOException {
        RespWriter writer = new RespWriter(out);
        writer.writeBulk(s, StandardCharsets.UTF_8);
        assertThat(written(writer)).isEqualTo(bulk(s.getBytes(StandardCharsets.UTF_8)));
        assertThat(RespWriter.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void stringInIso88591AndAscii() throws IOException {
        RespWriter writer = new RespWriter(out);
        writer.writeBulk("café", StandardCharsets.ISO_8859_1);
        writer.writeBulk("€", StandardCharsets.ISO_8859_1);
        writer.writeBulk("plain", StandardCharsets.US_ASCII);
        writer.writeBulk("né", StandardCharsets.US_ASCII);
        assertThat(written(writer)).isEqualTo(new byte[] {
            '$', '4', '\r', '\n', 'c', 'a', 'f', (byte) 0xE9, '\r', '\n',
            '$', '1', '\r', '\n', '?', '\r', '\n',
            '$', '5', '\r', '\n', 'p', 'l', 'a', 'i', 'n', '\r', '\n',
            '$', '2', '\r', '\n', 'n', '?', '\r', '\n'});
    }

    @ParameterizedTest
    @ValueSource(strings = {"US-ASCII", "ISO-8859-1", "UTF-16", "UTF-8"})
    void everyCharsetMatchesGetBytes(String charsetName) throws IOException {
        Charset charset = Charset.forName(charsetName);
        String[] samples = {"ascii", "é", "a😀b", "\uD800x", "日本語", "😀😀", ""};
        RespWriter writer = new RespWriter(out, 64);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String s : samples) {
            writer.writeBulk(s, charset);
            expected.writeBytes(bulk(s.getBytes(charset)));
        }
        assertThat(written(writer)).isEqualTo(expected.toByteArray());
    }

    @Test
    void bytesStayBufferedUntilFlush() throws IOException {
        RespWriter writer = new RespWriter(out, 64);
        writer.writeArrayHeader(1);
        writer.writeBulk("PING", StandardCharsets.UTF_8);
        assertThat(out.size()).isZero();
        assertThat(writer.buffered()).isEqualTo(14);
        writer.flush();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("*1\r\n$4\r\nPING\r\n");
        assertThat(out.flushes).isEqualTo(1);
        assertThat(writer.buffered()).isZero();
        writer.flush();
        assertThat(out.size()).isEqualTo(14);
    }

    @Test
    void tinyBufferFlushesAsItFillsAndKeepsEveryByte() throws IOException {
        RespWriter writer = new RespWriter(out, 64);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append(i % 3 == 0 ? "é" : i % 3 == 1 ? "€" : "😀").append((char) ('a' + i % 26));
        }
        String text = sb.toString();
        writer.writeArrayHeader(3);
        writer.writeBulk(text, StandardCharsets.UTF_8);
        assertThat(writer.buffered()).isLessThanOrEqualTo(64);
        assertThat(out.writes).isGreaterThan(1);
        writer.writeBulk(Long.MIN_VALUE);
        writer.writeBulk(text.replaceAll("[^a-z]", ""), StandardCharsets.UTF_8);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(bytes("*3\r\n"));
        expected.writeBytes(bulk(text.getBytes(StandardCharsets.UTF_8)));
        expected.writeBytes(bytes("$20\r\n-9223372036854775808\r\n"));
        expected.writeBytes(bulk(text.replaceAll("[^a-z]", "").getBytes(StandardCharsets.UTF_8)));
        assertThat(written(writer)).isEqualTo(expected.toByteArray());
    }

    @Test
    void bufferSmallerThan64IsRejected() {
        assertThatThrownBy(() -> new RespWriter(out, 63)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void utf8LengthEqualsGetBytesLengthForRandomStrings() throws IOException {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            int len = random.nextInt(40);
            StringBuilder sb = new StringBuilder(len);
            for (int j = 0; j < len; j++) {
                switch (random.nextInt(6)) {
                    case 0 -> sb.append((char) random.nextInt(0x80));
                    case 1 -> sb.append((char) (0x80 + random.nextInt(0x780)));
                    case 2 -> sb.append((char) (0x800 + random.nextInt(0xD000)));
                    case 3 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    case 4 -> sb.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogate
                    default -> sb.append((char) random.nextInt(0x10000));
                }
            }
            String s = sb.toString();
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            assertThat(RespWriter.utf8Length(s)).as("utf8Length of %s", s).isEqualTo(expected.length);
            if (i % 10 == 0) {
                out.reset();
                RespWriter writer = new RespWriter(out, 64);
                writer.writeBulk(s, StandardCharsets.UTF_8);
                assertThat(written(writer)).isEqualTo(bulk(expected));
            }
        }
    }

    // ---------------------------------------------------------------- the one-pass ASCII path

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 10, 99, 100, 999, 1000, 1023, 1024, 1025, 5000})
    void asciiStringsOfEveryHeaderWidthMatchGetBytes(int length) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) ('a' + i % 26));
        }
        String value = sb.toString();
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.US_ASCII}) {
            RecordingStream sink = new RecordingStream();
            RespWriter writer = new RespWriter(sink, 256);
            writer.writeBulk("x", cs);
            writer.writeBulk(value, cs);
            writer.flush();
            assertThat(sink.toByteArray()).isEqualTo(concat(bulk(bytes("x")), bulk(value.getBytes(cs))));
        }
    }

    @Test
    void nonAsciiAfterAnAsciiPrefixFallsBackToTheExactEncoding() throws IOException {
        String[] values = {"abcé", "key:€", "x\ud83d\ude00y", "tail\ud800", "\u0080"};
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.US_ASCII}) {
            for (String v : values) {
                RecordingStream sink = new RecordingStream();
                RespWriter writer = new RespWriter(sink, 64);
                writer.writeBulk("0123456789012345678901234567890123456789", cs);
                writer.writeBulk(v, cs);
                writer.flush();
                assertThat(sink.toByteArray()).as(v + " in " + cs).isEqualTo(
                        concat(bulk(bytes("0123456789012345678901234567890123456789")), bulk(v.getBytes(cs))));
            }
        }
    }

    @Test
    void asciiStringsThatCrossTheBufferEndAreFlushedWhole() throws IOException {
        RecordingStream sink = new RecordingStream();
        RespWriter writer = new RespWriter(sink, 64);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String v = "k" + i + "-".repeat(i % 50);
            writer.writeBulk(v, StandardCharsets.UTF_8);
            expected.append('$').append(v.length()).append("\r\n").append(v).append("\r\n");
        }
        writer.flush();
        assertThat(sink.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
    }

    @Test
    void defaultBufferGrowsToSixtyFourKibibytesBeforeItWritesAPipelineBatch() throws IOException {
        RespWriter writer = new RespWriter(out);
        StringBuilder expected = new StringBuilder();
        int i = 0;
        while (expected.length() < 60_000) {
            String key = "key:" + i++;
            writer.writeArrayHeader(2);
            writer.writeBulk("GET", StandardCharsets.UTF_8);
            writer.writeBulk(key, StandardCharsets.UTF_8);
            expected.append("*2\r\n$3\r\nGET\r\n$").append(key.length()).append("\r\n").append(key).append("\r\n");
        }
        assertThat(out.writes).as("60 KB still fit the grown buffer").isZero();
        byte[] big = new byte[10_000];
        writer.writeBulk(big);
        expected.append("$10000\r\n").append(new String(big, StandardCharsets.ISO_8859_1)).append("\r\n");
        assertThat(out.writes).as("past 64 KiB the buffer is written").isEqualTo(1);
        assertThat(written(writer)).isEqualTo(bytes(expected.toString()));
    }

    @Test
    void aFixedSizeBufferNeverGrows() throws IOException {
        RespWriter writer = new RespWriter(out, 1024);
        for (int i = 0; i < 100; i++) {
            writer.writeBulk("0123456789012345678901234567890123456789", StandardCharsets.UTF_8);
            assertThat(writer.buffered()).isLessThanOrEqualTo(1024);
        }
        assertThat(out.writes).isGreaterThanOrEqualTo(4);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
