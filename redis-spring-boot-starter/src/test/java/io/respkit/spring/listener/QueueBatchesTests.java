package io.respkit.spring.listener;

import io.respkit.exceptions.RedisServerException;
import io.respkit.commands.Command;
import io.respkit.commands.KeyValues;
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

    @Test
    void blmpopTakesUpToTheBatchSizeFromTheRightOfOneKeyAndBlocksThePollTimeout() {
        Command<KeyValues<byte[]>> cmd = batches.blmpop();
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
        assertThat(texts(QueueBatches.items(batches.blmpop().decode(reply))))
                .containsExactly("oldest", "middle", "newest");
    }

    @Test
    void nilBlmpopReplyIsAnEmptyBatch() {
        assertThat(QueueBatches.items(batches.blmpop().decode(null))).isEmpty();
    }

    @Test
    void binaryItemsArriveUnchanged() {
        byte[] binary = {0, (byte) 0xff, '\r', '\n', 42};
        List<Object> reply = List.of(bytes("jobs"), List.of(binary));
        assertThat(QueueBatches.items(batches.blmpop().decode(reply))).singleElement().isEqualTo(binary);
    }

    @Test
    void malformedBlmpopReplyIsAProtocolError() {
        assertThatThrownBy(() -> batches.blmpop().decode(List.of(bytes("jobs"))))
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
