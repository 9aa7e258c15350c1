package io.respkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.protocol.RespLimits;
import io.respkit.protocol.RespReader;
import io.respkit.test.HostileServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Coverage-guided fuzzing of {@link RespReader} with Jazzer. A normal build replays the seed corpus under
 * {@code src/test/resources/io/respkit/fuzz/RespReaderFuzzTestsInputs/} (regression mode, a few seconds); with
 * {@code JAZZER_FUZZ=1} Jazzer mutates it for as long as {@code jazzer.max_duration} allows (see
 * {@code docs/fuzzing.md}).
 *
 * <p>For every input, under small limits, with attributes skipped and attached, the target asserts that:
 * <ul>
 *   <li>the only exception the reader throws is {@link RedisProtocolException} (no {@link StackOverflowError},
 *       {@link OutOfMemoryError}, index or number-format exception), and after one it refuses further use;</li>
 *   <li>the same bytes fed whole, one byte at a time, and in pseudo-random chunks through
 *       {@link RespReader#readFrom} yield the same replies and the same failure;</li>
 *   <li>every reply it returns re-encodes to RESP3 that parses back to a reply with the same encoding, and only
 *       to types the reader documents.</li>
 * </ul>
 *
 * <p>Not thread-safe; Jazzer calls the target from one thread.
 */
class RespReaderFuzzTests {

    /** Small enough that the fuzzer reaches every limit with short inputs. */
    private static final RespLimits SKIPPING = new RespLimits(256, 64, 8, 64, false);
    private static final RespLimits ATTACHING = new RespLimits(256, 64, 8, 64, true);

    /** Re-encoding may lengthen lines (invalid UTF-8 becomes U+FFFD), so the round trip parses with room. */
    private static final RespLimits ROOMY = new RespLimits(1 << 20, 1 << 20, 64, 1 << 16, true);

    @FuzzTest(maxDuration = "30s")
    void parseArbitraryBytes(byte[] data) {
        for (RespLimits limits : List.of(SKIPPING, ATTACHING)) {
            Outcome whole = parseWhole(data, limits);
            assertThat(parseByteByByte(data, limits)).as("byte by byte vs whole").isEqualTo(whole);
            assertThat(parseInChunks(data, limits)).as("chunks vs whole").isEqualTo(whole);
            for (byte[] encoded : whole.replies()) {
                assertRoundTrips(encoded);
            }
        }
    }

    /** What parsing a byte sequence produced: each reply re-encoded, and whether the reader failed. */
    private record Outcome(List<byte[]> replies, boolean failed) {

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Outcome other) || failed != other.failed || replies.size() != other.replies.size()) {
                return false;
            }
            for (int i = 0; i < replies.size(); i++) {
                if (!Arrays.equals(replies.get(i), other.replies.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return replies.size() * 31 + (failed ? 1 : 0);
        }

        @Override
        public String toString() {
            List<String> shown = new ArrayList<>();
            for (byte[] r : replies) {
                shown.add(new String(r, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return "Outcome[replies=" + shown + ", failed=" + failed + "]";
        }
    }

    private static Outcome parseWhole(byte[] data, RespLimits limits) {
        RespReader reader = new RespReader(limits);
        List<byte[]> replies = new ArrayList<>();
        try {
            reader.feed(data, 0, data.length);
            drain(reader, replies);
            return new Outcome(replies, false);
        } catch (RedisProtocolException e) {
            assertUnusable(reader);
            return new Outcome(replies, true);
        }
    }

    private static Outcome parseByteByByte(byte[] data, RespLimits limits) {
        RespReader reader = new RespReader(limits);
        List<byte[]> replies = new ArrayList<>();
        try {
            for (int i = 0; i < data.length; i++) {
                reader.feed(data, i, 1);
                drain(reader, replies);
            }
            return new Outcome(replies, false);
        } catch (RedisProtocolException e) {
            assertUnusable(reader);
            return new Outcome(replies, true);
        }
    }

    private static Outcome parseInChunks(byte[] data, RespLimits limits) {
        RespReader reader = new RespReader(limits);
        List<byte[]> replies = new ArrayList<>();
        // Chunk sizes depend only on the input, so that a finding reproduces.
        InputStream in = new ChunkingStream(data, new SplittableRandom(Arrays.hashCode(data)));
        try {
            drain(reader, replies);
            while (reader.readFrom(in) >= 0) {
                drain(reader, replies);
            }
            return new Outcome(replies, false);
        } catch (RedisProtocolException e) {
            assertUnusable(reader);
            return new Outcome(replies, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(RespReader reader, List<byte[]> replies) {
        for (;;) {
            Object reply = reader.read();
            if (reply == RespReader.INCOMPLETE) {
                return;
            }
            replies.add(HostileServer.encode(reply));
        }
    }

    private static void assertUnusable(RespReader reader) {
        assertThatThrownBy(reader::read).isExactlyInstanceOf(RedisProtocolException.class)
                .hasMessageContaining("unusable");
    }

    /** Parses a canonical encoding back: exactly one reply, nothing left over, the same encoding again. */
    private static void assertRoundTrips(byte[] encoded) {
        RespReader reader = new RespReader(ROOMY);
        reader.feed(encoded, 0, encoded.length);
        Object again = reader.read();
        assertThat(again).as("re-encoded reply is complete").isNotSameAs(RespReader.INCOMPLETE);
        assertThat(reader.hasBufferedBytes()).as("re-encoded reply has no trailing bytes").isFalse();
        assertThat(HostileServer.encode(again)).as("round trip").isEqualTo(encoded);
    }

    /** Hands out the data in pseudo-random pieces of 1 to 64 bytes, like a socket would. */
    private static final class ChunkingStream extends InputStream {
        private final byte[] data;
        private final SplittableRandom random;
        private int pos;

        ChunkingStream(byte[] data, SplittableRandom random) {
            this.data = data;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(64));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
