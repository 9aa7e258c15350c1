package io.respkit.internal.cluster;

import io.respkit.RedisClient;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SlotHash} against the server's own {@code CLUSTER KEYSLOT} on a node started with {@code cluster-enabled yes}:
 * random text keys with and without hash tags, non-ASCII text and arbitrary bytes.
 */
class SlotHashIntegrationTests {

    private static RedisProcess node;

    @BeforeAll
    static void start() {
        node = RedisProcess.start("--cluster-enabled", "yes");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void twoThousandRandomKeysHashAsTheServerHashesThem() {
        Random random = new Random(12);
        try (RedisClient<String> redis = RedisClient.create(node.config())) {
            for (int n = 0; n < 2_000; n++) {
                byte[] key;
                String text = null;
                switch (n % 4) {
                    case 0 -> text = randomText(random, "abcdefghijklmnopqrstuvwxyz0123456789:_-");
                    case 1 -> text = randomText(random, "ab:{}_x1");
                    case 2 -> text = randomText(random, "a{}é€😀ü:");
                    default -> text = null;
                }
                if (text != null) {
                    key = text.getBytes(StandardCharsets.UTF_8);
                } else {
                    key = new byte[random.nextInt(24)];
                    random.nextBytes(key);
                    if (key.length > 3 && random.nextBoolean()) {
                        int open = random.nextInt(key.length - 2);
                        key[open] = '{';
                        key[open + 1 + random.nextInt(key.length - open - 1)] = '}';
                    }
                }
                long expected = redis.execute(Command.create(redis.codec(), "CLUSTER KEYSLOT", ReplyDecoders.integer())
                        .arg(key));
                assertThat(SlotHash.slot(key)).as("key #%d", n).isEqualTo((int) expected);
                if (text != null) {
                    assertThat(SlotHash.slot(text, StandardCharsets.UTF_8)).as("text key %s", text)
                            .isEqualTo((int) expected);
                }
            }
        }
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; ) {
            int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
            sb.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
