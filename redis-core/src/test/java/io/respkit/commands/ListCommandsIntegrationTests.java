package io.respkit.commands;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisServerException;
import io.respkit.TransactionResult;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class ListCommandsIntegrationTests {

    private RedisClient<String> redis;

    @BeforeEach
    void connect(RedisServer server) {
        redis = RedisClient.create(server.config());
        redis.execute("FLUSHDB");
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void seedTutorialListBlock() {
        assertThat(redis.lpush("l1", "a", "b", "c", "d")).isEqualTo(4);
        assertThat(redis.lrange("l1", 0, -1)).containsExactly("d", "c", "b", "a");

        assertThat(redis.lpushx("l1", "d")).isEqualTo(5);
        assertThat(redis.lpushx("l2", "w")).isZero();
        assertThat(redis.execute("EXISTS", "l2")).isEqualTo(0L);

        assertThat(redis.linsert("l1", InsertPosition.BEFORE, "c", "x")).isEqualTo(6);
        assertThat(redis.linsert("l1", InsertPosition.AFTER, "c", "z")).isEqualTo(7);
        assertThat(redis.lrange("l1", 0, -1)).containsExactly("d", "d", "x", "c", "z", "b", "a");
        assertThat(redis.linsert("l1", InsertPosition.AFTER, "nope", "z")).isEqualTo(-1);
        assertThat(redis.linsert("missing", InsertPosition.AFTER, "c", "z")).isZero();

        assertThat(redis.rpush("l1", "2", "3")).isEqualTo(9);
        assertThat(redis.rpushx("l1", "4")).isEqualTo(10);
        assertThat(redis.rpushx("l2", "4")).isZero();
        assertThat(redis.lrange("l1", 0, -1)).containsExactly("d", "d", "x", "c", "z", "b", "a", "2", "3", "4");

        assertThat(redis.lindex("l1", 1)).isEqualTo("d");
        assertThat(redis.lindex("l1", -1)).isEqualTo("4");
        assertThat(redis.lindex("l1", 99)).isNull();
        assertThat(redis.lrange("l1", 0, 2)).containsExactly("d", "d", "x");
        assertThat(redis.lrange("l1", 2, 2)).containsExactly("x");
        assertThat(redis.lrange("l1", 8, 9)).containsExactly("3", "4");
        assertThat(redis.lrange("l1", 10, 11)).isEmpty();
        assertThat(redis.lrange("missing", 0, -1)).isEmpty();
        assertThat(redis.llen("l1")).isEqualTo(10);
        assertThat(redis.llen("missing")).isZero();

        assertThat(redis.lpop("l1")).isEqualTo("d");
        assertThat(redis.rpop("l1")).isEqualTo("4");
        assertThat(redis.rpoplpush("l1", "l2")).isEqualTo("3");
        assertThat(redis.lrange("l1", 0, -1)).containsExactly("d", "x", "c", "z", "b", "a", "2");
        assertThat(redis.lrange("l2", 0, -1)).containsExactly("3");
        assertThat(redis.rpoplpush("missing", "l2")).isNull();

        assertThat(redis.lpush("l3", "a1", "a2", "a1", "a3", "a1", "a4", "a5")).isEqualTo(7);
        assertThat(redis.lrange("l3", 0, -1)).containsExactly("a5", "a4", "a1", "a3", "a1", "a2", "a1");
        assertThat(redis.lrem("l3", 2, "a1")).isEqualTo(2);
        assertThat(redis.lrange("l3", 0, -1)).containsExactly("a5", "a4", "a3", "a2", "a1");
        assertThat(redis.ltrim("l3", 2, 4)).isTrue();
        assertThat(redis.lrange("l3", 0, -1)).containsExactly("a3", "a2", "a1");
        assertThat(redis.lset("l3", 0, "b1")).isTrue();
        assertThat(redis.lrange("l3", 0, -1)).containsExactly("b1", "a2", "a1");

        assertThatThrownBy(() -> redis.lset("nokey", 0, "v"))
                .isInstanceOfSatisfying(RedisServerException.class, e -> {
                    assertThat(e.code()).isEqualTo("ERR");
                    assertThat(e.serverMessage()).contains("no such key");
                });
        assertThatThrownBy(() -> redis.lset("l3", 10, "v"))
                .isInstanceOfSatisfying(RedisServerException.class,
                        e -> assertThat(e.serverMessage()).contains("index out of range"));
    }

    @Test
    void pushAcceptsCollectionsAndRejectsWrongType() {
        assertThat(redis.rpush("c", List.of("a", "b"))).isEqualTo(2);
        assertThat(redis.lpush("c", List.of("z"))).isEqualTo(3);
        assertThat(redis.rpushx("c", List.of("y"))).isEqualTo(4);
        assertThat(redis.lpushx("c", List.of("w"))).isEqualTo(5);
        assertThat(redis.lrange("c", 0, -1)).containsExactly("w", "z", "a", "b", "y");

        redis.set("str", "x");
        assertThatThrownBy(() -> redis.lpush("str", "a"))
                .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
    }

    @Test
    void lremWithNegativeAndZeroCount() {
        redis.rpush("r", "a", "b", "a", "c", "a");
        assertThat(redis.lrem("r", -1, "a")).isEqualTo(1);
        assertThat(redis.lrange("r", 0, -1)).containsExactly("a", "b", "a", "c");
        assertThat(redis.lrem("r", 0, "a")).isEqualTo(2);
        assertThat(redis.lrange("r", 0, -1)).containsExactly("b", "c");
        assertThat(redis.lrem("missing", 0, "a")).isZero();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void popWithCount(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            client.rpush("p", "1", "2", "3", "4", "5");
            assertThat(client.lpop("p", 2)).containsExactly("1", "2");
            assertThat(client.rpop("p", 2)).containsExactly("5", "4");
            assertThat(client.lpop("p", 10)).containsExactly("3");
            assertThat(client.execute("EXISTS", "p")).isEqualTo(0L);
            assertThat(client.lpop("p", 2)).isNotNull().isEmpty();
            assertThat(client.rpop("p", 2)).isNotNull().isEmpty();
            assertThat(client.lpop("p")).isNull();
            assertThat(client.rpop("p")).isNull();
        }
    }

    @Test
    void lmoveBetweenEnds() {
        redis.rpush("src", "a", "b", "c");
        assertThat(redis.lmove("src", "dst", ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("a");
        assertThat(redis.lmove("src", "dst", ListDirection.RIGHT, ListDirection.LEFT)).isEqualTo("c");
        assertThat(redis.lrange("src", 0, -1)).containsExactly("b");
        assertThat(redis.lrange("dst", 0, -1)).containsExactly("c", "a");
        assertThat(redis.lmove("src", "src", ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("b");
        assertThat(redis.lmove("missing", "dst", ListDirection.LEFT, ListDirection.LEFT)).isNull();
    }

    @Test
    void lposWithRankMaxlenAndCount() {
        redis.rpush("pos", "a", "b", "c", "1", "2", "3", "c", "c");
        assertThat(redis.lpos("pos", "c")).isEqualTo(2L);
        assertThat(redis.lpos("pos", "zz")).isNull();
        assertThat(redis.lpos("missing", "c")).isNull();
        assertThat(redis.lpos("pos", "c", LPosArgs.rank(2))).isEqualTo(6L);
        assertThat(redis.lpos("pos", "c", LPosArgs.rank(-1))).isEqualTo(7L);
        assertThat(redis.lpos("pos", "c", LPosArgs.NONE.maxlen(2))).isNull();
        assertThat(redis.lpos("pos", "c", 2, LPosArgs.NONE)).containsExactly(2L, 6L);
        assertThat(redis.lpos("pos", "c", 0, LPosArgs.NONE)).containsExactly(2L, 6L, 7L);
        assertThat(redis.lpos("pos", "c", 0, LPosArgs.rank(-1))).containsExactly(7L, 6L, 2L);
        assertThat(redis.lpos("pos", "c", 0, LPosArgs.NONE.maxlen(3))).containsExactly(2L);
        assertThat(redis.lpos("pos", "zz", 0, LPosArgs.NONE)).isEmpty();
        assertThatThrownBy(() -> LPosArgs.rank(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedQueueBlock() {
        assertThat(redis.lpush("my_queue", "root")).isEqualTo(1);
        assertThat(redis.lpush("my_queue", "admin")).isEqualTo(2);
        assertThat(redis.brpop(5, "my_queue")).isEqualTo(new KeyValue<>("my_queue", "root"));
        assertThat(redis.brpop(5, "my_queue")).isEqualTo(new KeyValue<>("my_queue", "admin"));
        assertThat(redis.brpop(1, "my_queue")).isNull();
        assertThat(redis.pool().stats().active()).isZero();
    }

    @Test
    void blpopTakesFromFirstNonEmptyKey() {
        redis.rpush("second", "x", "y");
        assertThat(redis.blpop(Duration.ofSeconds(1), "first", "second")).isEqualTo(new KeyValue<>("second", "x"));
        assertThat(redis.blpop(1, List.of("first", "second").toArray(new String[0])))
                .isEqualTo(new KeyValue<>("second", "y"));
        assertThat(redis.blpop(Duration.ofMillis(100), List.of("first", "second"))).isNull();
        assertThat(redis.brpop(Duration.ofMillis(100), List.of("first"))).isNull();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void blockingPopsDecodeUnderBothProtocols(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            client.rpush("bq", "1", "2", "3", "4");
            assertThat(client.blpop(Duration.ofMillis(500), "bq")).isEqualTo(new KeyValue<>("bq", "1"));
            assertThat(client.lmpop(ListDirection.RIGHT, 2, "none", "bq"))
                    .isEqualTo(new KeyValues<>("bq", List.of("4", "3")));
            assertThat(client.blmpop(Duration.ofMillis(500), ListDirection.LEFT, 5, List.of("bq")))
                    .isEqualTo(new KeyValues<>("bq", List.of("2")));
            assertThat(client.lmpop(ListDirection.LEFT, 1, List.of("bq"))).isNull();
            assertThat(client.blmpop(Duration.ofMillis(200), ListDirection.LEFT, 1, "bq")).isNull();
        }
    }

    @Test
    void blockLongerThanReadTimeoutReturnsNull(RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(
                server.configBuilder().timeout(Duration.ofMillis(500)).build())) {
            assertThat(client.brpop(Duration.ofMillis(1500), "empty")).isNull();
            assertThat(client.blpop(Duration.ofMillis(1500), "empty")).isNull();
            assertThat(client.blmove("empty", "dst", ListDirection.RIGHT, ListDirection.LEFT,
                    Duration.ofMillis(1500))).isNull();
            assertThat(client.blmpop(Duration.ofMillis(1500), ListDirection.LEFT, 2, "empty")).isNull();
            assertThat(client.pool().stats().active()).isZero();
            // the connection is still healthy after the extended read
            assertThat(client.rpush("after", "ok")).isEqualTo(1);
        }
    }

    @Test
    void brpopForeverReceivesItemPushedFromAnotherThread(RedisServer server) throws Exception {
        KeyValue<String> popped = blockForeverThenPush(server, c -> () -> c.brpop(0, "jobs"), "jobs");
        assertThat(popped).isEqualTo(new KeyValue<>("jobs", "item"));
    }

    @Test
    void blmoveForeverReceivesItemPushedFromAnotherThread(RedisServer server) throws Exception {
        String moved = blockForeverThenPush(server, c -> () -> c.blmove("jobs", "done", ListDirection.RIGHT,
                ListDirection.LEFT, Duration.ZERO), "jobs");
        assertThat(moved).isEqualTo("item");
        assertThat(redis.lrange("done", 0, -1)).containsExactly("item");
    }

    @Test
    void blmpopForeverReceivesItemPushedFromAnotherThread(RedisServer server) throws Exception {
        KeyValues<String> popped = blockForeverThenPush(server,
                c -> () -> c.blmpop(Duration.ZERO, ListDirection.LEFT, 3, "other", "jobs"), "jobs");
        assertThat(popped).isEqualTo(new KeyValues<>("jobs", List.of("item")));
    }

    /**
     * Starts {@code pop} on another thread with a client whose read timeout is 500 ms, waits until the server reports
     * it blocked, pushes one item from this thread and returns what the pop received.
     */
    private <T> T blockForeverThenPush(RedisServer server,
            java.util.function.Function<RedisClient<String>, Supplier<T>> pop, String key) throws Exception {
        try (RedisClient<String> client = RedisClient.create(
                server.configBuilder().timeout(Duration.ofMillis(500)).build())) {
            CompletableFuture<T> result = CompletableFuture.supplyAsync(pop.apply(client));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> String.valueOf(redis.execute("INFO", "clients")).contains("blocked_clients:1"));
            // well past the 500 ms read timeout: the blocked read must not have timed out
            await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> !result.isDone());
            assertThat(redis.lpush(key, "item")).isEqualTo(1);
            T value = result.get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(2)).until(() -> client.pool().stats().active() == 0);
            return value;
        }
    }

    /** Redis reads a block time of 0 as forever: a positive one under a millisecond must not be sent as 0. */
    @Test
    void aBlockTimeoutUnderOneMillisecondDoesNotBlockForever(RedisServer server) {
        Duration tiny = Duration.ofNanos(500_000);
        try (RedisClient<String> client = RedisClient.create(
                server.configBuilder().timeout(Duration.ofMillis(500)).build())) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertThat(client.blpop(tiny, "empty")).isNull();
                assertThat(client.brpop(tiny, "empty")).isNull();
                assertThat(client.blmove("empty", "dst", ListDirection.RIGHT, ListDirection.LEFT, tiny)).isNull();
                assertThat(client.blmpop(tiny, ListDirection.LEFT, 2, "empty")).isNull();
                assertThat(client.bzpopmin(tiny, "emptyz")).isNull();
                assertThat(client.async().blpop(tiny, "empty").get(3, TimeUnit.SECONDS)).isNull();
            });
        }
    }

    @Test
    void negativeBlockTimeoutIsRejected() {
        assertThatThrownBy(() -> redis.blpop(Duration.ofSeconds(-1), "k")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pipelinedAndTransaction() {
        List<Object> results = redis.pipelined(p -> {
            p.rpush("pl", "a", "b", "c");
            p.lpushx("pl", List.of("z"));
            p.linsert("pl", InsertPosition.AFTER, "a", "a2");
            p.lindex("pl", 0);
            p.lrange("pl", 0, -1);
            p.llen("pl");
            p.lpos("pl", "b");
            p.lpop("pl", 2);
            p.rpop("pl");
            p.lmove("pl", "pl2", ListDirection.LEFT, ListDirection.LEFT);
            p.lmpop(ListDirection.LEFT, 1, "pl2");
        });
        assertThat(results).containsExactly(3L, 4L, 5L, "z", List.of("z", "a", "a2", "b", "c"), 5L, 3L,
                List.of("z", "a"), "c", "a2", new KeyValues<>("pl2", List.of("a2")));

        TransactionResult tx = redis.multi(t -> {
            t.rpush("tx", "1", "2", "3");
            t.lset("tx", 1, "two");
            t.ltrim("tx", 0, 1);
            t.lrem("tx", 0, "1");
            t.rpoplpush("tx", "tx2");
            t.brpop(1, "tx2");
            t.blpop(Duration.ofSeconds(1), "tx2");
        });
        assertThat(tx.aborted()).isFalse();
        assertThat(tx.results()).containsExactly(3L, true, true, 1L, "two", new KeyValue<>("tx2", "two"), null);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void brpoplpushMovesOrTimesOut(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            client.rpush("bsrc", "a", "b");
            assertThat(client.brpoplpush("bsrc", "bdst", Duration.ofSeconds(1))).isEqualTo("b");
            assertThat(client.lrange("bdst", 0, -1)).containsExactly("b");
            assertThat(client.brpoplpush("bempty", "bdst", Duration.ofMillis(100))).isNull();
            assertThatThrownBy(() -> client.brpoplpush("bsrc", "bdst", Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            CompletableFuture<String> waiting = client.async().brpoplpush("later", "bdst", Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    ((String) client.execute("CLIENT", "LIST")).contains("cmd=brpoplpush"));
            client.rpush("later", "x");
            assertThat(waiting.join()).isEqualTo("x");
            assertThat(client.lrange("bdst", 0, -1)).containsExactly("x", "b");
            assertThat(client.pipelined(p -> p.brpoplpush("bsrc", "bdst", Duration.ofSeconds(1))))
                    .containsExactly("a");
        }
    }
}
