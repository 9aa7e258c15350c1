package io.respkit.stream;

import io.respkit.RedisClient;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamOffset;
import io.respkit.connection.Backoff;
import io.respkit.connection.RedisConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server: nothing connects before {@code start()}) for {@link StreamConsumerBuilder} and
 * {@link StreamMessage}: bad input is rejected with an exception naming the setting, and the defaults.
 */
class StreamConsumerBuilderTests {

    private static RedisClient<String> client;

    @BeforeAll
    static void create() {
        client = RedisClient.create(RedisConfig.builder().host("127.0.0.1").port(1).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static StreamConsumerBuilder<String> valid() {
        return StreamConsumer.builder(client).stream("s").group("g").handler(m -> { });
    }

    @Test
    void nullAndBlankNamesAreRejected() {
        assertThatThrownBy(() -> StreamConsumer.builder((io.respkit.RedisClient<String>) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("client");
        assertThatThrownBy(() -> valid().stream(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("stream must not be null");
        assertThatThrownBy(() -> valid().stream(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream must not be blank");
        assertThatThrownBy(() -> valid().group("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group must not be blank");
        assertThatThrownBy(() -> valid().consumer("\t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consumer must not be blank");
        assertThatThrownBy(() -> valid().deadLetterStream(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("deadLetterStream must not be null");
    }

    @Test
    void numbersAndDurationsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> valid().concurrency(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency must be at least 1, not 0");
        assertThatThrownBy(() -> valid().batchSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> valid().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> valid().block(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block must be positive");
        assertThatThrownBy(() -> valid().claimIdle(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claimIdle");
        assertThatThrownBy(() -> valid().claimInterval(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("claimInterval");
        assertThatThrownBy(() -> valid().closeGrace(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeGrace");
        assertThatThrownBy(() -> valid().startId(StreamOffset.undelivered()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startId");
        assertThatThrownBy(() -> valid().retryBackoff(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> valid().handler(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void missingOrConflictingSettingsAreRejectedByBuild() {
        assertThatThrownBy(() -> StreamConsumer.builder(client).group("g").handler(m -> { }).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("stream is required");
        assertThatThrownBy(() -> StreamConsumer.builder(client).stream("s").handler(m -> { }).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("group is required");
        assertThatThrownBy(() -> StreamConsumer.builder(client).stream("s").group("g").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handler");
        assertThatThrownBy(() -> valid().batchHandler(b -> { }).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> valid().deadLetterStream("s").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("deadLetterStream");
        assertThatThrownBy(() -> valid().claimIdle(Duration.ofSeconds(5))
                .retryBackoff(Backoff.fixed(Duration.ofSeconds(5))).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("claimIdle");
    }

    @Test
    void defaultsNameEachWorkerAndTheDeadLetterStream() {
        try (StreamConsumer<String> one = valid().build();
             StreamConsumer<String> two = valid().build();
             StreamConsumer<String> named = valid().consumer("billing").concurrency(3).build()) {
            assertThat(one.consumerNames()).singleElement().asString()
                    .matches(".+-" + ProcessHandle.current().pid() + "-\\d+");
            assertThat(two.consumerNames()).doesNotContainAnyElementsOf(one.consumerNames());
            assertThat(named.consumerNames()).containsExactly("billing-1", "billing-2", "billing-3");
            assertThat(one.deadLetterStream()).isEqualTo("s:dead");
            assertThat(one.isRunning()).isFalse();
        }
    }

    @Test
    void aClosedConsumerCannotStart() {
        StreamConsumer<String> c = valid().build();
        c.close();
        assertThatThrownBy(c::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void messagesCopyTheirFieldsAndHideTheirValues() {
        StreamMessage<String> m = new StreamMessage<>("s", StreamEntryId.of(1, 2), Map.of("card", "4111"), 1);
        assertThat(m.field("card")).isEqualTo("4111");
        assertThat(m.toString()).doesNotContain("4111").contains("1-2");
        assertThatThrownBy(() -> m.fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new StreamMessage<>("s", StreamEntryId.MIN, Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveryCount");
    }
}
