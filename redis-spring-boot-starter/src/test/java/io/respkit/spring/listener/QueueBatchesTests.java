package io.respkit.spring.listener;

import io.respkit.exceptions.RedisServerException;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The commands and reply decoding of {@link QueueBatches}, without a server. */
class QueueBatchesTests {

    private final QueueBatches batches = new QueueBatches("l", "jobs", 50, Duration.ofMillis(1500),
            new QueueOperations("jobs", Duration.ofMillis(1500)));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> items) {
        List<String> texts = new ArrayList<>();
        for (byte[] item : items) {
            texts.add(new String(item, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /**
     * Runs nothing: keeps the command the typed API built and answers it with one canned raw reply, decoded by the
     * command's own decoder, as a connection would.
     */
    private static final class Recording implements RedisCommands<byte[]> {

        private final Object rawReply;
        private Command<?> last;

        Recording(Object rawReply) {
            this.rawReply = rawReply;
        }

        @Override
        public <T> T execute(Command<T> command) {
            last = command;
            return command.decode(rawReply);
        }

        @Override
        public RedisCodec<byte[]> codec() {
            return ByteArrayCodec.INSTANCE;
        }
    }

    @Test
    void blmpopTakesUpToTheBatchSizeFromTheRightOfOneKeyAndBlocksThePollTimeout() {
        Recording connection = new Recording(null);
        batches.blmpop(connection);
        Command<?> cmd = connection.last;
        List<String> args = new ArrayList<>();
        for (int i = 0; i < cmd.argumentCount(); i++) {
            args.add(cmd.argumentText(i));
        }
        assertThat(args).containsExactly("BLMPOP", "1.5", "1", "jobs", "RIGHT", "COUNT", "50");
        assertThat(cmd.blockMillis()).isEqualTo(1500);
    }

    @Test
    void blmpopReplyDecodesToTheItemsInPopOrder() {
        List<Object> reply = List.of(bytes("jobs"), List.of(bytes("oldest"), bytes("middle"), bytes("newest")));
        assertThat(texts(batches.blmpop(new Recording(reply)))).containsExactly("oldest", "middle", "newest");
    }

    @Test
    void nilBlmpopReplyIsAnEmptyBatch() {
        assertThat(batches.blmpop(new Recording(null))).isEmpty();
    }

    @Test
    void binaryItemsArriveUnchanged() {
        byte[] binary = {0, (byte) 0xff, '\r', '\n', 42};
        List<Object> reply = List.of(bytes("jobs"), List.of(binary));
        assertThat(batches.blmpop(new Recording(reply))).singleElement().isEqualTo(binary);
    }

    @Test
    void malformedBlmpopReplyIsAProtocolError() {
        assertThatThrownBy(() -> batches.blmpop(new Recording(List.of(bytes("jobs")))))
                .isInstanceOf(io.respkit.exceptions.RedisProtocolException.class);
    }

    @Test
    void onlyUnknownCommandErrorsTriggerTheFallback() {
        assertThat(QueueBatches.isUnknownCommand(new RedisServerException("ERR",
                "ERR unknown command 'BLMPOP', with args beginning with: ", "x"))).isTrue();
        assertThat(QueueBatches.isUnknownCommand(new RedisServerException("ERR",
                "unknown command `BLMPOP`", "x"))).isTrue();
        assertThat(QueueBatches.isUnknownCommand(new RedisServerException("WRONGTYPE",
                "WRONGTYPE Operation against a key holding the wrong kind of value", "x"))).isFalse();
    }

    @Test
    void batchSizeBelowOneIsRefusedNamingTheListener() {
        assertThatThrownBy(() -> new QueueBatches("orders.on", "jobs", 0, Duration.ofSeconds(1),
                new QueueOperations("jobs", Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'orders.on'");
        assertThatThrownBy(() -> new QueueListenerSpec("orders.on", "jobs", 1, false, "jobs:dead", 1, true, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize of queue listener 'orders.on' must be at least 1, but is -1");
    }
}
