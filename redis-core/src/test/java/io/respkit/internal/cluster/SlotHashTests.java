package io.respkit.internal.cluster;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for {@link SlotHash}: the CRC16/XMODEM check value, the hash tag cases the Redis Cluster
 * specification documents (slot numbers as {@code CLUSTER KEYSLOT} on Redis 7.0 gives them), and agreement of the text
 * and byte overloads.
 */
class SlotHashTests {

    private static final Charset UTF8 = StandardCharsets.UTF_8;

    @Test
    void crc16IsXmodem() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(SlotHash.crc16(check, 0, check.length)).isEqualTo(0x31C3);
        assertThat(SlotHash.crc16(new byte[0], 0, 0)).isZero();
        assertThat(SlotHash.slot(check)).isEqualTo(0x31C3 & 0x3FFF).isEqualTo(12739);
        assertThat(SlotHash.slot("123456789", UTF8)).isEqualTo(12739);
    }

    @Test
    void knownSlots() {
        assertThat(SlotHash.slot("foo", UTF8)).isEqualTo(12182);
        assertThat(SlotHash.slot("bar", UTF8)).isEqualTo(5061);
        assertThat(SlotHash.slot("héllo", UTF8)).isEqualTo(11061);
        assertThat(SlotHash.slot("héllo".getBytes(UTF8))).isEqualTo(11061);
        assertThat(SlotHash.SLOTS).isEqualTo(16384);
    }

    @Test
    void hashTagsAsTheSpecificationDescribes() {
        // only what is between the braces is hashed
        assertThat(SlotHash.slot("{user1000}.following", UTF8)).isEqualTo(SlotHash.slot("user1000", UTF8))
                .isEqualTo(SlotHash.slot("{user1000}.followers", UTF8)).isEqualTo(3443);
        // an empty tag does not count: the whole key is hashed
        assertThat(SlotHash.slot("foo{}{bar}", UTF8)).isEqualTo(8363);
        // the tag runs from the first { to the first } after it
        assertThat(SlotHash.slot("foo{{bar}}zap", UTF8)).isEqualTo(SlotHash.slot("{bar", UTF8)).isEqualTo(4015);
        assertThat(SlotHash.slot("foo{bar}{zap}", UTF8)).isEqualTo(SlotHash.slot("bar", UTF8)).isEqualTo(5061);
        // an unclosed or reversed tag is no tag
        assertThat(SlotHash.slot("foo{bar", UTF8)).isEqualTo(SlotHash.slot("foo{bar".getBytes(UTF8)))
                .isNotEqualTo(SlotHash.slot("bar", UTF8));
        assertThat(SlotHash.slot("}bar{", UTF8)).isEqualTo(SlotHash.slot("}bar{".getBytes(UTF8)));
        assertThat(SlotHash.slot("", UTF8)).isZero();
        assertThat(SlotHash.slot(new byte[0])).isZero();
        assertThat(SlotHash.slot("{}", UTF8)).isEqualTo(SlotHash.slot("{}".getBytes(UTF8)));
    }

    @Test
    void textAndBytesAgreeForRandomKeysInEveryCharset() {
        Random random = new Random(42);
        String alphabet = "abcXYZ019:{}_-. ";
        String wide = "{}aé€😀ÿ\u0100";
        for (Charset charset : new Charset[] {UTF8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII,
                StandardCharsets.UTF_16LE, Charset.forName("windows-1252")}) {
            for (int n = 0; n < 2_000; n++) {
                String chars = n % 2 == 0 ? alphabet : wide;
                StringBuilder sb = new StringBuilder();
                int length = random.nextInt(20);
                for (int i = 0; i < length; i++) {
                    sb.append(chars.charAt(random.nextInt(chars.length())));
                }
                String key = sb.toString();
                int slot = SlotHash.slot(key, charset);
                assertThat(slot).as("%s in %s", key, charset).isEqualTo(SlotHash.slot(key.getBytes(charset)))
                        .isBetween(0, 16383);
            }
        }
    }

    @Test
    void aCharsetLookedUpByAliasTakesTheSamePath() {
        assertThat(SlotHash.slot("{user1000}x", Charset.forName("utf8"))).isEqualTo(3443);
        assertThat(SlotHash.slot("{user1000}x", Charset.forName("latin1"))).isEqualTo(3443);
    }

    @Test
    void asciiTextIsHashedWithoutAllocating() throws ReflectiveOperationException {
        // com.sun.management is reached by reflection: the tests compile inside the module, which does not read it
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Class<?> extended = Class.forName("com.sun.management.ThreadMXBean");
        Assumptions.assumeTrue(extended.isInstance(threads)
                && (Boolean) extended.getMethod("isThreadAllocatedMemorySupported").invoke(threads));
        extended.getMethod("setThreadAllocatedMemoryEnabled", boolean.class).invoke(threads, true);
        Method allocatedBytes = extended.getMethod("getThreadAllocatedBytes", long.class);
        String key = "user:{1000}:followers-of-a-rather-long-key-name";
        long thread = Thread.currentThread().getId();
        int sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += SlotHash.slot(key, UTF8);
        }
        long before = (Long) allocatedBytes.invoke(threads, thread);
        for (int i = 0; i < 20_000; i++) {
            sum += SlotHash.slot(key, UTF8) + SlotHash.slot(key, StandardCharsets.ISO_8859_1);
        }
        long allocated = (Long) allocatedBytes.invoke(threads, thread) - before;
        // encoding the key each time would allocate well over a megabyte here
        assertThat(allocated).as("bytes allocated by 40,000 slot computations").isLessThan(4096);
        assertThat(sum).isNotZero();
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> SlotHash.slot((byte[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SlotHash.slot((String) null, UTF8)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SlotHash.slot("k", null)).isInstanceOf(NullPointerException.class);
    }
}
