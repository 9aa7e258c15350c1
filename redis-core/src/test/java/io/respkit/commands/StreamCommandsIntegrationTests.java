package io.respkit.commands;

import io.respkit.DedicatedConnection;
import io.respkit.RedisClient;
import io.respkit.TransactionResult;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

@ExtendWith(RedisServerExtension.class)
class StreamCommandsIntegrationTests {

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        return redis;
    }

    static Map<String, String> fields(String... fv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fv.length; i += 2) {
            m.put(fv[i], fv[i + 1]);
        }
        return m;
    }

    static StreamEntryId id(long ms, long seq) {
        return StreamEntryId.of(ms, seq);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void xaddWithIdsAndXrangeBounds(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            StreamEntryId auto = redis.xadd("s0", fields("a", "1"));
            assertThat(auto.millis()).isPositive();
            assertThat(redis.xadd("s", fields("name", "ann", "age", "31"), XAddArgs.NONE.withId(id(1, 1))))
                    .isEqualTo(id(1, 1));
            assertThat(redis.xadd("s", fields("name", "bob"), XAddArgs.NONE.withAutoSequence(1))).isEqualTo(id(1, 2));
            assertThat(redis.xadd("s", fields("name", "cy"), XAddArgs.NONE.withId(id(5, 0)))).isEqualTo(id(5, 0));
            assertThat(redis.xadd("s", fields("name", "di"), XAddArgs.NONE.withAutoSequence(7))).isEqualTo(id(7, 0));
            assertThatThrownBy(() -> redis.xadd("s", fields("x", "y"), XAddArgs.NONE.withId(id(2, 0))))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
            assertThat(redis.xlen("s")).isEqualTo(4);
            assertThat(redis.xlen("missing")).isZero();

            List<StreamEntry<String>> all = redis.xrange("s");
            assertThat(all).extracting(StreamEntry::id).containsExactly(id(1, 1), id(1, 2), id(5, 0), id(7, 0));
            assertThat(all.get(0).fields()).containsExactly(entry("name", "ann"), entry("age", "31"));
            assertThat(all.get(0).isDeleted()).isFalse();
            assertThat(redis.xrange("s", id(1, 2), id(5, 0))).extracting(StreamEntry::id)
                    .containsExactly(id(1, 2), id(5, 0));
            assertThat(redis.xrange("s", StreamBound.exclusive(id(1, 2)), StreamBound.unbounded()))
                    .extracting(StreamEntry::id).containsExactly(id(5, 0), id(7, 0));
            assertThat(redis.xrange("s", StreamBound.unbounded(), StreamBound.exclusive(id(5, 0)), 1))
                    .extracting(StreamEntry::id).containsExactly(id(1, 1));
            assertThat(redis.xrevrange("s")).extracting(StreamEntry::id)
                    .containsExactly(id(7, 0), id(5, 0), id(1, 2), id(1, 1));
            assertThat(redis.xrevrange("s", StreamBound.exclusive(id(7, 0)), StreamBound.unbounded(), 2))
                    .extracting(StreamEntry::id).containsExactly(id(5, 0), id(1, 2));
            assertThat(redis.xrevrange("s", id(5, 0), StreamBound.inclusive(id(1, 2)))).extracting(StreamEntry::id)
                    .containsExactly(id(5, 0), id(1, 2));
            assertThat(redis.xrange("missing")).isEmpty();

            assertThat(redis.xdel("s", id(1, 2), id(9, 9))).isEqualTo(1);
            assertThat(redis.xdel("s", List.of(id(5, 0)))).isEqualTo(1);
            assertThat(redis.xrange("s")).extracting(StreamEntry::id).containsExactly(id(1, 1), id(7, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void trimmingStrategies(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            for (int i = 1; i <= 10; i++) {
                redis.xadd("s", fields("n", Integer.toString(i)), XAddArgs.NONE.withId(id(i, 0)));
            }
            assertThat(redis.xtrim("s", XTrimArgs.maxLen(8))).isEqualTo(2);
            assertThat(redis.xtrim("s", XTrimArgs.minId(id(5, 0)))).isEqualTo(2);
            assertThat(redis.xrange("s").get(0).id()).isEqualTo(id(5, 0));
            // Approximate trimming removes whole macro-nodes only: a small stream fits in one, nothing goes.
            assertThat(redis.xtrim("s", XTrimArgs.maxLen(1).withApproximate())).isZero();
            assertThat(redis.xtrim("s", XTrimArgs.minId(id(9, 0)).withApproximate().withLimit(0))).isZero();
            assertThat(redis.xlen("s")).isEqualTo(6);

            assertThat(redis.xadd("s", fields("n", "11"), XAddArgs.NONE.withId(id(11, 0))
                    .withTrim(XTrimArgs.maxLen(3)))).isEqualTo(id(11, 0));
            assertThat(redis.xrange("s")).extracting(StreamEntry::id).containsExactly(id(9, 0), id(10, 0), id(11, 0));
            assertThat(redis.xadd("s", fields("n", "12"), XAddArgs.NONE.withTrim(XTrimArgs.minId(id(11, 0))
                    .withApproximate().withLimit(10)))).isNotNull();
            assertThat(redis.xtrim("s", XTrimArgs.minId(id(11, 0)))).isEqualTo(2);
            assertThat(redis.xtrim("missing", XTrimArgs.maxLen(0))).isZero();

            assertThat(redis.xadd("nostream", fields("a", "1"), XAddArgs.NONE.withNoMkStream())).isNull();
            assertThat(redis.exists("nostream")).isZero();
            assertThat(redis.xadd("s", fields("a", "1"), XAddArgs.NONE.withNoMkStream())).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void xreadSeveralStreamsCountAndLatest(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.xadd("a", fields("f", "a1"), XAddArgs.NONE.withId(id(1, 0)));
            redis.xadd("a", fields("f", "a2"), XAddArgs.NONE.withId(id(2, 0)));
            redis.xadd("b", fields("f", "b1"), XAddArgs.NONE.withId(id(1, 0)));

            Map<String, StreamOffset> offsets = new LinkedHashMap<>();
            offsets.put("a", StreamEntryId.MIN);
            offsets.put("b", id(1, 0));
            offsets.put("c", StreamOffset.latest());
            Map<String, List<StreamEntry<String>>> read = redis.xread(offsets);
            assertThat(read).containsOnlyKeys("a"); // b has nothing after 1-0, c does not exist
            assertThat(read.get("a")).extracting(StreamEntry::id).containsExactly(id(1, 0), id(2, 0));
            assertThat(read.get("a").get(1).fields()).containsExactly(entry("f", "a2"));

            Map<String, StreamEntryId> both = new LinkedHashMap<>();
            both.put("b", StreamEntryId.MIN);
            both.put("a", StreamEntryId.MIN);
            Map<String, List<StreamEntry<String>>> counted = redis.xread(XReadArgs.count(1), both);
            assertThat(counted.keySet()).containsExactly("b", "a");
            assertThat(counted.get("a")).extracting(StreamEntry::id).containsExactly(id(1, 0));

            assertThat(redis.xread(XReadArgs.NONE, "a", id(1, 0))).extracting(StreamEntry::id)
                    .containsExactly(id(2, 0));
            assertThat(redis.xread(XReadArgs.NONE, "a", StreamOffset.latest())).isEmpty();
            assertThat(redis.xread(Map.of("a", StreamOffset.latest()))).isEmpty();

            assertThatThrownBy(() -> redis.xread(Map.of("a", StreamOffset.undelivered())))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> redis.xread(XReadArgs.NONE.withNoAck(), Map.of("a", StreamEntryId.MIN)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> redis.xread(Map.of())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void blockingXreadWaitsPastTheReadTimeoutAndWakesOnXadd(RespVersion protocol, RedisServer server)
            throws Exception {
        // A 300 ms read timeout: a 1.5 s BLOCK only works because the block time extends it.
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .timeout(Duration.ofMillis(300)).build())) {
            redis.execute("FLUSHDB");
            redis.xadd("s", fields("f", "old"), XAddArgs.NONE.withId(id(1, 0)));
            long start = System.nanoTime();
            assertThat(redis.xread(XReadArgs.block(Duration.ofMillis(1500)), Map.of("s", StreamOffset.latest())))
                    .isEmpty();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1400);

            CompletableFuture<List<StreamEntry<String>>> waiting = CompletableFuture.supplyAsync(
                    () -> redis.xread(XReadArgs.block(Duration.ofSeconds(10)).withCount(5), "s", id(1, 0)));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients(redis) > 0);
            redis.xadd("s", fields("f", "new"), XAddArgs.NONE.withId(id(2, 0)));
            List<StreamEntry<String>> got = waiting.get(5, TimeUnit.SECONDS);
            assertThat(got).extracting(StreamEntry::id).containsExactly(id(2, 0));
            assertThat(got.get(0).fields()).containsExactly(entry("f", "new"));
        }
    }

    static long blockedClients(RedisClient<String> redis) {
        return Long.parseLong(redis.info("clients").get("blocked_clients"));
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void multiplexedClientKeepsBlockingReadsOffTheSharedConnection(RespVersion protocol, RedisServer server)
            throws Exception {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .multiplexed(true).build())) {
            redis.execute("FLUSHDB");
            CompletableFuture<List<StreamEntry<String>>> waiting = CompletableFuture.supplyAsync(
                    () -> redis.xread(XReadArgs.block(Duration.ofSeconds(10)), "s", StreamOffset.latest()));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> blockedClients(redis) > 0);
            // The shared connection is not stuck behind the blocked read:
            assertThat(redis.xlen("s")).isZero();
            StreamEntryId added = redis.xadd("s", fields("f", "v"));
            assertThat(waiting.get(5, TimeUnit.SECONDS)).extracting(StreamEntry::id).containsExactly(added);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void xsetid(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.xadd("s", fields("f", "v"), XAddArgs.NONE.withId(id(5, 0)));
            assertThat(redis.xsetid("s", id(10, 0))).isTrue();
            assertThat(redis.xadd("s", fields("f", "v"), XAddArgs.NONE.withAutoSequence(10))).isEqualTo(id(10, 1));
            assertThat(redis.xsetid("s", id(20, 0), 7, id(3, 0))).isTrue();
            assertThatThrownBy(() -> redis.xsetid("s", id(1, 0)))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("ERR"));
            assertThat(redis.xsetid("s", id(30, 0), -1, id(4, 0))).isTrue();
            assertThat(redis.xsetid("s", id(31, 0), 9, null)).isTrue();
            StreamInfo<String> info = redis.xinfoStream("s");
            assertThat(info.lastGeneratedId()).isEqualTo(id(31, 0));
            assertThat(info.entriesAdded()).isEqualTo(9);
            assertThat(info.maxDeletedEntryId()).isEqualTo(id(4, 0));
            assertThatThrownBy(() -> redis.xsetid("s", id(32, 0), -2, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelineTransactionAsyncAndBytes(RespVersion protocol, RedisServer server) throws Exception {
        try (RedisClient<String> redis = client(server, protocol)) {
            List<Object> results = redis.pipelined(p -> {
                p.xadd("s", fields("a", "1"), XAddArgs.NONE.withId(id(1, 0)));
                p.xadd("s", fields("b", "2"), XAddArgs.NONE.withId(id(2, 0)));
                p.xlen("s");
                p.xrange("s", StreamBound.exclusive(id(1, 0)), StreamBound.unbounded());
                p.xread(XReadArgs.count(1), Map.of("s", StreamEntryId.MIN));
            });
            assertThat(results).hasSize(5);
            assertThat(results.subList(0, 3)).containsExactly(id(1, 0), id(2, 0), 2L);
            assertThat(results.get(3)).isEqualTo(List.of(new StreamEntry<>(id(2, 0), Map.of("b", "2"))));
            assertThat(results.get(4)).isEqualTo(Map.of("s", List.of(new StreamEntry<>(id(1, 0), Map.of("a", "1")))));

            TransactionResult tx = redis.multi(t -> {
                t.xadd("s", fields("c", "3"), XAddArgs.NONE.withId(id(3, 0)));
                t.xtrim("s", XTrimArgs.maxLen(2));
                t.xdel("s", id(2, 0));
                t.xrevrange("s", StreamBound.unbounded(), StreamBound.unbounded(), 1);
            });
            assertThat(tx.results()).containsExactly(id(3, 0), 1L, 1L,
                    List.of(new StreamEntry<>(id(3, 0), Map.of("c", "3"))));

            assertThat(redis.async().xlen("s").get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(redis.async().xread(XReadArgs.NONE, "s", StreamEntryId.MIN).get(5, TimeUnit.SECONDS))
                    .extracting(StreamEntry::id).containsExactly(id(3, 0));

            RedisClient<byte[]> raw = redis.withCodec(io.respkit.codec.ByteArrayCodec.INSTANCE);
            raw.xadd("bin", Map.of("f", new byte[] {0, (byte) 0xff}), XAddArgs.NONE.withId(id(1, 0)));
            assertThat(raw.xrange("bin").get(0).fields().get("f")).containsExactly(0, 0xff);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void wrongTypeAndDedicatedConnection(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.set("str", "v");
            assertThatThrownBy(() -> redis.xlen("str")).isInstanceOfSatisfying(RedisServerException.class,
                    e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            try (DedicatedConnection<String> worker = redis.dedicatedConnection()) {
                worker.xadd("q", fields("job", "1"), XAddArgs.NONE.withId(id(1, 0)));
                assertThat(worker.xread(XReadArgs.block(Duration.ofMillis(100)), "q", StreamEntryId.MIN))
                        .hasSize(1);
            }
        }
    }
}
