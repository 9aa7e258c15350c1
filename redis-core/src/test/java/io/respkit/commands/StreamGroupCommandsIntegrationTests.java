package io.respkit.commands;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.respkit.commands.StreamCommandsIntegrationTests.fields;
import static io.respkit.commands.StreamCommandsIntegrationTests.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class StreamGroupCommandsIntegrationTests {

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHDB");
        return redis;
    }

    /** Stream "s" with entries 1-0 .. n-0 (field n = i) and group "g" from the start. */
    private static void stream(RedisClient<String> redis, int n) {
        for (int i = 1; i <= n; i++) {
            redis.xadd("s", fields("n", Integer.toString(i)), XAddArgs.NONE.withId(id(i, 0)));
        }
        assertThat(redis.xgroupCreate("s", "g", StreamEntryId.MIN)).isTrue();
    }

    private static List<StreamEntryId> ids(List<StreamEntry<String>> entries) {
        return entries.stream().map(StreamEntry::id).toList();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void groupsAndConsumersLifecycle(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            assertThatThrownBy(() -> redis.xgroupCreate("s", "g", StreamOffset.latest()))
                    .isInstanceOf(RedisServerException.class);
            assertThat(redis.xgroupCreate("s", "g", StreamOffset.latest(),
                    XGroupCreateArgs.NONE.withMkStream().withEntriesRead(0))).isTrue();
            assertThat(redis.exists("s")).isEqualTo(1);
            assertThatThrownBy(() -> redis.xgroupCreate("s", "g", StreamOffset.latest()))
                    .isInstanceOfSatisfying(RedisServerException.class,
                            e -> assertThat(e.code()).isEqualTo("BUSYGROUP"));
            assertThatThrownBy(() -> redis.xgroupCreate("s", "g2", StreamOffset.undelivered()))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(redis.xgroupCreateconsumer("s", "g", "c1")).isTrue();
            assertThat(redis.xgroupCreateconsumer("s", "g", "c1")).isFalse();
            redis.xadd("s", fields("a", "1"), XAddArgs.NONE.withId(id(1, 0)));
            redis.xadd("s", fields("a", "2"), XAddArgs.NONE.withId(id(2, 0)));
            assertThat(redis.xreadgroup("g", "c1", XReadArgs.NONE, "s", StreamOffset.undelivered())).hasSize(2);
            assertThat(redis.xgroupDelconsumer("s", "g", "c1")).isEqualTo(2);
            assertThat(redis.xgroupDelconsumer("s", "g", "nobody")).isZero();

            assertThat(redis.xgroupSetid("s", "g", StreamEntryId.MIN)).isTrue();
            assertThat(redis.xreadgroup("g", "c2", XReadArgs.count(1), "s", StreamOffset.undelivered()))
                    .extracting(StreamEntry::id).containsExactly(id(1, 0));
            assertThat(redis.xgroupSetid("s", "g", StreamOffset.latest(), 2)).isTrue();
            assertThat(redis.xreadgroup("g", "c2", XReadArgs.NONE, "s", StreamOffset.undelivered())).isEmpty();

            assertThat(redis.xgroupDestroy("s", "g")).isTrue();
            assertThat(redis.xgroupDestroy("s", "g")).isFalse();
            assertThatThrownBy(() -> redis.xreadgroup("g", "c1", XReadArgs.NONE, "s", StreamOffset.undelivered()))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("NOGROUP"));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void readgroupAckAndPending(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            stream(redis, 5);
            redis.xadd("t", fields("x", "y"), XAddArgs.NONE.withId(id(1, 0)));
            redis.xgroupCreate("t", "g", StreamEntryId.MIN);

            Map<String, StreamOffset> both = new LinkedHashMap<>();
            both.put("s", StreamOffset.undelivered());
            both.put("t", StreamOffset.undelivered());
            Map<String, List<StreamEntry<String>>> read = redis.xreadgroup("g", "c1", XReadArgs.count(2), both);
            assertThat(read.keySet()).containsExactly("s", "t");
            assertThat(ids(read.get("s"))).containsExactly(id(1, 0), id(2, 0));
            assertThat(read.get("s").get(0).fields()).containsExactly(entry("n", "1"));
            assertThat(redis.xreadgroup("g", "c2", XReadArgs.count(1), "s", StreamOffset.undelivered()))
                    .extracting(StreamEntry::id).containsExactly(id(3, 0));
            // NOACK: delivered, not pending
            assertThat(redis.xreadgroup("g", "c3", XReadArgs.count(1).withNoAck(), "s", StreamOffset.undelivered()))
                    .extracting(StreamEntry::id).containsExactly(id(4, 0));

            PendingSummary summary = redis.xpending("s", "g");
            assertThat(summary.count()).isEqualTo(3);
            assertThat(summary.lowest()).isEqualTo(id(1, 0));
            assertThat(summary.highest()).isEqualTo(id(3, 0));
            assertThat(summary.consumers()).containsExactly(entry("c1", 2L), entry("c2", 1L));

            List<PendingEntry> pending = redis.xpending("s", "g", XPendingArgs.of(10));
            assertThat(pending).extracting(PendingEntry::id).containsExactly(id(1, 0), id(2, 0), id(3, 0));
            assertThat(pending.get(0).consumer()).isEqualTo("c1");
            assertThat(pending.get(0).deliveryCount()).isEqualTo(1);
            assertThat(pending.get(0).idle()).isLessThan(Duration.ofMinutes(1));
            assertThat(redis.xpending("s", "g", XPendingArgs.of(10).withConsumer("c2")))
                    .extracting(PendingEntry::id).containsExactly(id(3, 0));
            assertThat(redis.xpending("s", "g", XPendingArgs.of(1).withRange(StreamBound.exclusive(id(1, 0)),
                    StreamBound.unbounded()))).extracting(PendingEntry::id).containsExactly(id(2, 0));
            assertThat(redis.xpending("s", "g", XPendingArgs.of(10).withMinIdle(Duration.ofHours(1)))).isEmpty();

            // the consumer's own history: an id instead of >
            assertThat(redis.xreadgroup("g", "c1", XReadArgs.NONE, "s", StreamEntryId.MIN))
                    .extracting(StreamEntry::id).containsExactly(id(1, 0), id(2, 0));
            assertThatThrownBy(() -> redis.xreadgroup("g", "c1", XReadArgs.NONE, "s", StreamOffset.latest()))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(redis.xack("s", "g", id(1, 0), id(4, 0), id(99, 0))).isEqualTo(1);
            assertThat(redis.xack("s", "g", List.of(id(2, 0), id(3, 0)))).isEqualTo(2);
            PendingSummary none = redis.xpending("s", "g");
            assertThat(none).isEqualTo(new PendingSummary(0, null, null, Map.of()));
            assertThat(redis.xpending("s", "g", XPendingArgs.of(10))).isEmpty();

            // a pending entry deleted from the stream: history shows it by id only
            redis.xreadgroup("g", "c1", XReadArgs.NONE, "s", StreamOffset.undelivered());
            redis.xdel("s", id(5, 0));
            List<StreamEntry<String>> history = redis.xreadgroup("g", "c1", XReadArgs.NONE, "s", StreamEntryId.MIN);
            assertThat(history).hasSize(1);
            assertThat(history.get(0).id()).isEqualTo(id(5, 0));
            assertThat(history.get(0).isDeleted()).isTrue();
            assertThat(history.get(0).fields()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void claimWithOptions(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            stream(redis, 4);
            redis.xreadgroup("g", "c1", XReadArgs.count(3), "s", StreamOffset.undelivered());

            // not idle long enough: nothing claimed
            assertThat(redis.xclaim("s", "g", "c2", Duration.ofHours(1), id(1, 0))).isEmpty();
            List<StreamEntry<String>> claimed = redis.xclaim("s", "g", "c2", Duration.ZERO, id(1, 0));
            assertThat(claimed).extracting(StreamEntry::id).containsExactly(id(1, 0));
            assertThat(claimed.get(0).fields()).containsExactly(entry("n", "1"));

            assertThat(redis.xclaim("s", "g", "c2", Duration.ZERO, List.of(id(2, 0)),
                    XClaimArgs.NONE.withIdle(Duration.ofMinutes(10)).withRetryCount(7)))
                    .extracting(StreamEntry::id).containsExactly(id(2, 0));
            PendingEntry two = redis.xpending("s", "g", XPendingArgs.of(1).withRange(id(2, 0), id(2, 0))).get(0);
            assertThat(two.consumer()).isEqualTo("c2");
            assertThat(two.deliveryCount()).isEqualTo(7);
            assertThat(two.idle()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
            assertThat(redis.xpending("s", "g", XPendingArgs.of(10).withMinIdle(Duration.ofMinutes(5))))
                    .extracting(PendingEntry::id).containsExactly(id(2, 0));

            assertThat(redis.xclaimJustId("s", "g", "c3", Duration.ZERO, List.of(id(3, 0)),
                    XClaimArgs.NONE.withTime(Instant.now().minusSeconds(60)).withLastId(id(4, 0))))
                    .containsExactly(id(3, 0));
            // FORCE: 4-0 was never delivered, so it is not pending; FORCE claims it anyway
            assertThat(redis.xclaimJustId("s", "g", "c3", Duration.ZERO, List.of(id(4, 0)), XClaimArgs.NONE))
                    .isEmpty();
            assertThat(redis.xclaimJustId("s", "g", "c3", Duration.ZERO, List.of(id(4, 0)),
                    XClaimArgs.NONE.withForce())).containsExactly(id(4, 0));
            assertThat(redis.xpending("s", "g").consumers()).containsExactly(entry("c2", 2L), entry("c3", 2L));
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void autoclaimThreeParts(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            stream(redis, 5);
            redis.xreadgroup("g", "c1", XReadArgs.NONE, "s", StreamOffset.undelivered());
            redis.xdel("s", id(2, 0));

            AutoClaimResult<StreamEntry<String>> first = redis.xautoclaim("s", "g", "c2", Duration.ZERO,
                    StreamEntryId.MIN, 2);
            assertThat(ids(first.claimed())).containsExactly(id(1, 0));
            assertThat(first.deleted()).containsExactly(id(2, 0));
            assertThat(first.nextStart()).isEqualTo(id(3, 0));
            assertThat(first.isComplete()).isFalse();

            AutoClaimResult<StreamEntryId> rest = redis.xautoclaimJustId("s", "g", "c2", Duration.ZERO,
                    first.nextStart(), 10);
            assertThat(rest.claimed()).containsExactly(id(3, 0), id(4, 0), id(5, 0));
            assertThat(rest.deleted()).isEmpty();
            assertThat(rest.isComplete()).isTrue();

            AutoClaimResult<StreamEntry<String>> nothing = redis.xautoclaim("s", "g", "c3", Duration.ofHours(1),
                    StreamEntryId.MIN);
            assertThat(nothing.claimed()).isEmpty();
            assertThat(nothing.nextStart()).isEqualTo(StreamEntryId.MIN);
            assertThatThrownBy(() -> redis.xautoclaim("s", "g", "c3", Duration.ZERO, StreamEntryId.MIN, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void blockingReadgroupWakesOnXadd(RespVersion protocol, RedisServer server) throws Exception {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .timeout(Duration.ofMillis(300)).build())) {
            redis.execute("FLUSHDB");
            redis.xgroupCreate("s", "g", StreamOffset.latest(), XGroupCreateArgs.NONE.withMkStream());
            assertThat(redis.xreadgroup("g", "c", XReadArgs.block(Duration.ofMillis(600)), "s",
                    StreamOffset.undelivered())).isEmpty();
            CompletableFuture<Map<String, List<StreamEntry<String>>>> waiting = CompletableFuture.supplyAsync(
                    () -> redis.xreadgroup("g", "c", XReadArgs.block(Duration.ZERO),
                            Map.of("s", StreamOffset.undelivered())));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> StreamCommandsIntegrationTests.blockedClients(redis) > 0);
            StreamEntryId added = redis.xadd("s", fields("f", "v"));
            assertThat(waiting.get(5, TimeUnit.SECONDS).get("s")).extracting(StreamEntry::id).containsExactly(added);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void interruptedBlockingReadgroupIsUnblockedAndTakesNothing(RespVersion protocol, RedisServer server)
            throws Exception {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.xgroupCreate("s", "g", StreamOffset.latest(), XGroupCreateArgs.NONE.withMkStream());
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic
                    .AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    redis.xreadgroup("g", "c", XReadArgs.block(Duration.ZERO), "s", StreamOffset.undelivered());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "blocked-xreadgroup");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> StreamCommandsIntegrationTests.blockedClients(redis) == 1);
            long interruptedAt = System.nanoTime();
            reader.interrupt();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(reader.isAlive()).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - interruptedAt)).isLessThan(2000);
            assertThat(failure.get()).isInstanceOf(io.respkit.exceptions.RedisInterruptedException.class);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> StreamCommandsIntegrationTests.blockedClients(redis) == 0);

            StreamEntryId added = redis.xadd("s", fields("f", "v"));
            assertThat(redis.xpending("s", "g").count()).isZero();
            assertThat(redis.xreadgroup("g", "c", XReadArgs.NONE, "s", StreamOffset.undelivered()))
                    .extracting(StreamEntry::id).containsExactly(added);
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void pipelineTransactionAndAsync(RespVersion protocol, RedisServer server) throws Exception {
        try (RedisClient<String> redis = client(server, protocol)) {
            List<Object> results = redis.pipelined(p -> {
                p.xadd("s", fields("a", "1"), XAddArgs.NONE.withId(id(1, 0)));
                p.xgroupCreate("s", "g", StreamEntryId.MIN);
                p.xreadgroup("g", "c", XReadArgs.NONE, "s", StreamOffset.undelivered());
                p.xpending("s", "g");
                p.xack("s", "g", id(1, 0));
            });
            assertThat(results).containsExactly(id(1, 0), true,
                    List.of(new StreamEntry<>(id(1, 0), Map.of("a", "1"))),
                    new PendingSummary(1, id(1, 0), id(1, 0), Map.of("c", 1L)), 1L);

            TransactionResult tx = redis.multi(t -> {
                t.xadd("s", fields("b", "2"), XAddArgs.NONE.withId(id(2, 0)));
                t.xreadgroup("g", "c", XReadArgs.NONE, Map.of("s", StreamOffset.undelivered()));
                t.xclaimJustId("s", "g", "d", Duration.ZERO, List.of(id(2, 0)), XClaimArgs.NONE);
                t.xautoclaimJustId("s", "g", "e", Duration.ZERO, StreamEntryId.MIN, 5);
                t.xgroupDelconsumer("s", "g", "e");
            });
            assertThat(tx.results()).containsExactly(id(2, 0),
                    Map.of("s", List.of(new StreamEntry<>(id(2, 0), Map.of("b", "2")))), List.of(id(2, 0)),
                    new AutoClaimResult<>(StreamEntryId.MIN, List.of(id(2, 0)), List.of()), 1L);

            assertThat(redis.async().xgroupCreateconsumer("s", "g", "f").get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(redis.async().xpending("s", "g", XPendingArgs.of(5)).get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }
}
