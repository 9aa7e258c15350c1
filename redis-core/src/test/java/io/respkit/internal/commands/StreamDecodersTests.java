package io.respkit.internal.commands;

import io.respkit.codec.StringCodec;
import io.respkit.commands.AutoClaimResult;
import io.respkit.commands.PendingSummary;
import io.respkit.commands.StreamConsumerInfo;
import io.respkit.commands.StreamEntry;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamFullInfo;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.protocol.RespMap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Reply shapes the test server (Redis 7.0) does not produce: Redis 6.2 and 7.2 fields, malformed replies. */
class StreamDecodersTests {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Object raw(String id, String... fv) {
        return List.of(b(id), Arrays.stream(fv).map(StreamDecodersTests::b).map(Object.class::cast).toList());
    }

    @Test
    void xreadAsRespMapAndAsPairsDecodeAlike() {
        Object resp2 = List.of(List.of(b("s"), List.of(raw("1-0", "f", "v"))));
        Object resp3 = new RespMap(List.of(b("s"), List.of(raw("1-0", "f", "v"))));
        Map<String, List<StreamEntry<String>>> two = StreamDecoders.<String>read().decode(resp2, StringCodec.UTF8);
        Map<String, List<StreamEntry<String>>> three = StreamDecoders.<String>read().decode(resp3, StringCodec.UTF8);
        assertThat(two).isEqualTo(three)
                .containsExactly(entry("s", List.of(new StreamEntry<>(StreamEntryId.of(1, 0), Map.of("f", "v")))));
        assertThat(StreamDecoders.<String>read().decode(null, StringCodec.UTF8)).isEmpty();
    }

    @Test
    void autoclaimOfRedis62HasTwoParts() {
        AutoClaimResult<StreamEntryId> r = StreamDecoders.autoClaimIds()
                .decode(List.of(b("0-0"), List.of(b("1-0"))), StringCodec.UTF8);
        assertThat(r.claimed()).containsExactly(StreamEntryId.of(1, 0));
        assertThat(r.deleted()).isEmpty();
        assertThat(r.isComplete()).isTrue();
    }

    @Test
    void pendingSummaryOfAnEmptyGroup() {
        PendingSummary s = StreamDecoders.pendingSummary().decode(Arrays.asList(0L, null, null, null),
                StringCodec.UTF8);
        assertThat(s).isEqualTo(new PendingSummary(0, null, null, Map.of()));
    }

    @Test
    void consumersOfRedis72CarryInactive() {
        Object reply = List.of(
                new RespMap(List.of(b("name"), b("c1"), b("pending"), 2L, b("idle"), 50L, b("inactive"), 70L)),
                new RespMap(List.of(b("name"), b("c2"), b("pending"), 0L, b("idle"), 5L, b("inactive"), -1L)));
        List<StreamConsumerInfo> consumers = StreamInfoDecoders.consumers().decode(reply, StringCodec.UTF8);
        assertThat(consumers).containsExactly(
                new StreamConsumerInfo("c1", 2, Duration.ofMillis(50), Duration.ofMillis(70)),
                new StreamConsumerInfo("c2", 0, Duration.ofMillis(5), null));
    }

    @Test
    void fullInfoOfRedis72CarriesActiveTime() {
        Object consumer = List.of(b("name"), b("c1"), b("seen-time"), 1000L, b("active-time"), 900L,
                b("pel-count"), 1L, b("pending"), List.of(List.of(b("1-0"), 800L, 3L)));
        Object group = List.of(b("name"), b("g"), b("last-delivered-id"), b("1-0"), b("entries-read"), 1L,
                b("lag"), 0L, b("pel-count"), 1L, b("pending"), List.of(List.of(b("1-0"), b("c1"), 800L, 3L)),
                b("consumers"), List.of(consumer));
        Object reply = List.of(b("length"), 1L, b("radix-tree-keys"), 1L, b("radix-tree-nodes"), 2L,
                b("last-generated-id"), b("1-0"), b("max-deleted-entry-id"), b("0-0"), b("entries-added"), 1L,
                b("recorded-first-entry-id"), b("1-0"), b("entries"), List.of(raw("1-0", "f", "v")),
                b("groups"), List.of(group));
        StreamFullInfo<String> full = StreamInfoDecoders.<String>full().decode(reply, StringCodec.UTF8);
        StreamFullInfo.Delivery delivery = new StreamFullInfo.Delivery(StreamEntryId.of(1, 0), "c1",
                Instant.ofEpochMilli(800), 3);
        assertThat(full.groups()).containsExactly(new StreamFullInfo.Group("g", StreamEntryId.of(1, 0), 1L, 0L, 1,
                List.of(delivery), List.of(new StreamFullInfo.Consumer("c1", Instant.ofEpochMilli(1000),
                        Instant.ofEpochMilli(900), 1, List.of(delivery)))));
    }

    @Test
    void streamInfoOfRedis62LacksTheSevenZeroCounters() {
        Object reply = Arrays.asList(b("length"), 0L, b("radix-tree-keys"), 0L, b("radix-tree-nodes"), 1L,
                b("last-generated-id"), b("0-0"), b("groups"), 0L, b("first-entry"), null, b("last-entry"), null);
        var info = StreamInfoDecoders.<String>stream().decode(reply, StringCodec.UTF8);
        assertThat(info.maxDeletedEntryId()).isNull();
        assertThat(info.entriesAdded()).isEqualTo(-1);
        assertThat(info.recordedFirstEntryId()).isNull();
        assertThat(info.firstEntry()).isNull();
    }

    @Test
    void malformedIdsAndEntriesAreProtocolErrors() {
        assertThatThrownBy(() -> StreamDecoders.id().decode(b("nope"), StringCodec.UTF8))
                .isInstanceOf(RedisProtocolException.class);
        assertThatThrownBy(() -> StreamDecoders.<String>entries().decode(List.of(List.of(b("1-0"))),
                StringCodec.UTF8)).isInstanceOf(RedisProtocolException.class);
        assertThatThrownBy(() -> StreamDecoders.<String>entries().decode(List.of(raw("1-0", "odd")),
                StringCodec.UTF8)).isInstanceOf(RedisProtocolException.class);
    }
}
