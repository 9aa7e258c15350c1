package io.respkit.reliability;

import io.respkit.Pipeline;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.Transaction;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.test.HostileServer;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A connection that could give a caller someone else's reply is never handed to the next caller: one with a reply
 * too many waiting in its read buffer or on its socket, and one that ran a command that changes what the server
 * sends on it ({@code QUIT}, {@code RESET}, {@code MONITOR}, {@code CLIENT REPLY}). Commands that would turn a pooled
 * connection into a subscriber ({@code SUBSCRIBE} and its relatives) or silence its replies
 * ({@code CLIENT REPLY OFF|SKIP}) are refused before anything is sent. The extra frames come from a
 * {@link HostileServer} in front of a real redis-server; every other reply is the real server's.
 *
 * <p>Not thread-safe: each test owns its clients.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class ConnectionHygieneIntegrationTests {

    private static final String EXTRA = "+EXTRA\r\n";

    private RedisServer server;
    private RedisClient<String> other;
    private HostileServer hostile;

    @BeforeEach
    void seed(RedisServer server) throws IOException {
        this.server = server;
        other = RedisClient.create(server.config());
        other.set("hyg:k1", "v1");
        other.set("hyg:k2", "v2");
        hostile = HostileServer.proxyTo(server.host(), server.port());
    }

    @AfterEach
    void close() {
        other.close();
        hostile.close();
    }

    private RedisConfig.Builder viaHostile(RespVersion protocol) {
        return RedisConfig.builder().host(hostile.host()).port(hostile.port()).protocol(protocol)
                .timeout(Duration.ofSeconds(5));
    }

    private static String bulk(String value) {
        return "$" + value.getBytes(StandardCharsets.UTF_8).length + "\r\n" + value + "\r\n";
    }

    // ------------------------------------------------------------------------------------ a reply too many

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aReplyTooManyInTheReadBufferNeverReachesTheNextCaller(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(viaHostile(protocol)
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            assertThat(redis.get("hyg:k2")).isEqualTo("v2"); // opens the one pooled connection
            long destroyed = redis.pool().stats().destroyed();
            hostile.answerNext("GET", HostileServer.script().send(bulk("v1") + EXTRA)); // one write: both frames
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            assertThat(redis.get("hyg:k2")).as("the next caller gets its own reply").isEqualTo("v2");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyed + 1);
            Leaks.assertRepliesRouted(redis, 20);
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aReplyTooManyThatArrivesWhileTheConnectionIsIdleIsFoundOnBorrow(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(viaHostile(protocol)
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
            long destroyed = redis.pool().stats().destroyed();
            byte[] both = (bulk("v1") + EXTRA).getBytes(StandardCharsets.UTF_8);
            // The real reply, then the extra frame 50 ms later, after the caller gave the connection back.
            hostile.answerNext("GET", HostileServer.script().sendInChunks(both, bulk("v1").length(),
                    Duration.ofMillis(50)));
            long returned = System.nanoTime();
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            // The pool checks a connection's socket once it sat idle a little while: wait for that, and for the
            // extra frame to have arrived.
            long idle = Math.max(PoolConfig.DEFAULT_PROBE_AFTER_IDLE.toNanos(), TimeUnit.MILLISECONDS.toNanos(200));
            await().pollDelay(Duration.ofNanos(idle - (System.nanoTime() - returned)).isNegative() ? Duration.ZERO
                    : Duration.ofNanos(idle - (System.nanoTime() - returned))).until(() -> true);
            assertThat(redis.get("hyg:k2")).as("the next caller gets its own reply").isEqualTo("v2");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyed + 1);
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    /**
     * The extra frame arrives 5 ms after the real reply and the next caller borrows 20 ms later, well before the idle
     * probe's 50 ms: the look for unread input on a connection idle for a moment still finds it (found by an
     * independent test: the next GET returned the injected value in 20 of 20 runs).
     */
    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aReplyTooManyThatArrivesShortlyBeforeTheNextBorrowNeverReachesIt(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(viaHostile(protocol)
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
            for (int round = 0; round < 5; round++) {
                byte[] both = (bulk("v1") + "$8\r\nINJECTED\r\n").getBytes(StandardCharsets.UTF_8);
                hostile.answerNext("GET", HostileServer.script().sendInChunks(both, bulk("v1").length(),
                        Duration.ofMillis(5)));
                assertThat(redis.get("hyg:k1")).isEqualTo("v1");
                await().pollDelay(Duration.ofMillis(20)).until(() -> true);
                assertThat(redis.get("hyg:k2")).as("round %d: the next caller gets its own reply", round)
                        .isEqualTo("v2");
            }
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @Test
    void aReplyTooManyAfterTheHandshakeFailsTheNewConnectionInsteadOfAnsweringTheFirstCommand() {
        try (RedisClient<String> redis = RedisClient.create(viaHostile(RespVersion.RESP3).build())) {
            byte[] hello = HostileServer.encode(new io.respkit.protocol.RespMap(List.of("server", "redis",
                    "version", "7.0.15", "proto", 3L)));
            byte[] both = java.util.Arrays.copyOf(hello, hello.length + EXTRA.length());
            System.arraycopy(EXTRA.getBytes(StandardCharsets.UTF_8), 0, both, hello.length, EXTRA.length());
            hostile.answerNext("HELLO", HostileServer.script().send(both)); // one write: both frames
            assertThatThrownBy(() -> redis.get("hyg:k1")).isInstanceOf(RedisProtocolException.class)
                    .hasMessageContaining("handshake");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @Test
    void aDiscardedWatchTransactionNeverReadsAReplyTooManyAsItsUnwatchReply() {
        try (RedisClient<String> redis = RedisClient.create(viaHostile(RespVersion.RESP3)
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
            hostile.answerNext("GET", HostileServer.script().send(bulk("v1") + EXTRA));
            Throwable failure = catchThrowable(() -> redis.transaction(List.of("hyg:w"), (c, tx) -> {
                assertThat(c.get("hyg:k1")).isEqualTo("v1");
                throw new IllegalStateException("body gives up"); // the transaction is discarded: UNWATCH or close
            }));
            assertThat(failure).isInstanceOf(IllegalStateException.class);
            assertThat(redis.get("hyg:k2")).as("the next caller gets its own reply").isEqualTo("v2");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aReplyTooManyFailsTheMultiplexedConnectionInsteadOfShiftingReplies(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(viaHostile(protocol).multiplexed(true).build())) {
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
            for (int round = 0; round < 5; round++) {
                hostile.answerNext("GET", HostileServer.script().send(bulk("v1") + EXTRA));
                assertThat(redis.get("hyg:k1")).isEqualTo("v1");
                // The caller after the extra frame either fails with the connection, or runs on a fresh one:
                // it never gets the extra frame, nor anyone else's reply.
                Throwable failure = catchThrowable(() -> assertThat(redis.get("hyg:k2")).isEqualTo("v2"));
                if (failure != null) {
                    assertThat(failure).isInstanceOf(RedisProtocolException.class)
                            .hasMessageContaining("without a pending command");
                }
                assertThat(redis.get("hyg:k2")).isEqualTo("v2");
                assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            }
        }
    }

    // ------------------------------------------------------------------------------------ QUIT and friends

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void quitThroughExecuteNeverReachesTheNextCaller(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            long destroyed = redis.pool().stats().destroyed();
            assertThat(redis.execute("QUIT")).isEqualTo("OK");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            assertThat(redis.execute("quit")).isEqualTo("OK");
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
            assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyed + 2);
            Leaks.assertRepliesRouted(redis, 10);
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @Test
    void quitAtTheEndOfAPipelineNeverReachesTheNextCaller() {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder()
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            long destroyed = redis.pool().stats().destroyed();
            List<Object> results = redis.pipelined(p -> {
                p.set("hyg:p", "1");
                p.enqueue(Command.create(p.codec(), "QUIT", ReplyDecoders.string()));
            });
            assertThat(results).containsExactly(true, "OK");
            assertThat(redis.get("hyg:p")).isEqualTo("1");
            // A command after QUIT in the same pipeline fails (the server hung up), and only that pipeline fails.
            Throwable failure = catchThrowable(() -> redis.pipelined(p -> {
                p.enqueue(Command.create(p.codec(), "QUIT", ReplyDecoders.string()));
                p.get("hyg:p");
            }));
            assertThat(failure).isInstanceOf(RedisException.class);
            assertThat(redis.get("hyg:p")).isEqualTo("1");
            assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyed + 2);
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @Test
    void quitInsideWithConnectionClosesOnlyThatConnection() {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder()
                .pool(PoolConfig.builder().maxTotal(2).build()).build())) {
            // Two idle connections: a QUIT must cost only its own, never make the pool drop the other one.
            Pipeline<String> a = redis.pipeline();
            Pipeline<String> b = redis.pipeline();
            a.close();
            b.close();
            long destroyed = redis.pool().stats().destroyed();
            Throwable after = catchThrowable(() -> redis.withConnection(c -> {
                assertThat(c.execute(Command.create(c.codec(), "QUIT", ReplyDecoders.string()))).isEqualTo("OK");
                return c.get("hyg:k1");
            }));
            assertThat(after).isInstanceOf(RedisException.class).hasMessageContaining("closed");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyed + 1);
            assertThat(redis.pool().stats().created()).isEqualTo(2);
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void resetAndMonitorThroughExecuteNeverReachTheNextCaller(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            long destroyed = redis.pool().stats().destroyed();
            assertThat(redis.execute("RESET")).isEqualTo("RESET");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            assertThat(redis.execute("MONITOR")).isEqualTo("OK");
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
            assertThat(redis.execute("CLIENT", "REPLY", "ON")).isEqualTo("OK");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            assertThat(redis.pool().stats().destroyed()).isEqualTo(destroyed + 3);
            Leaks.assertRepliesRouted(redis, 10);
        }
    }

    // ------------------------------------------------------------------------------------ refused at once

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void subscribeFamilyThroughExecuteFailsAtOnceAndPointsToTheSubscriber(RespVersion protocol) {
        // A long timeout: a command that waited for a reply would hang for 30 s instead of failing at once.
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .timeout(Duration.ofSeconds(30)).pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            long created = redis.pool().stats().created();
            long start = System.nanoTime();
            for (String name : List.of("SUBSCRIBE", "psubscribe", "SSubscribe", "UNSUBSCRIBE", "PUNSUBSCRIBE",
                    "SUNSUBSCRIBE")) {
                assertThatThrownBy(() -> redis.execute(name, "hyg:ch"))
                        .as(name).isInstanceOf(RedisUnsupportedCommandException.class)
                        .hasMessageContaining(name.toUpperCase(java.util.Locale.ROOT))
                        .hasMessageContaining("subscriber()");
                assertThatThrownBy(() -> redis.execute(Command.create(redis.codec(), name, ReplyDecoders.raw())))
                        .as(name).isInstanceOf(RedisUnsupportedCommandException.class);
            }
            assertThatThrownBy(() -> redis.pipelined(p -> p.enqueue(Command.create(p.codec(), "SUBSCRIBE",
                    ReplyDecoders.raw()).arg("hyg:ch")))).isInstanceOf(RedisUnsupportedCommandException.class);
            assertThatThrownBy(() -> redis.multi(tx -> tx.enqueue(Command.create(tx.codec(), "SUBSCRIBE",
                    ReplyDecoders.raw()).arg("hyg:ch")))).isInstanceOf(RedisUnsupportedCommandException.class);
            assertThatThrownBy(() -> redis.withConnection(c -> c.execute(Command.create(c.codec(), "SUBSCRIBE",
                    ReplyDecoders.raw()).arg("hyg:ch")))).isInstanceOf(RedisUnsupportedCommandException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            // Nothing was sent: the one connection is still clean, in use and not subscribed to anything.
            assertThat(redis.pool().stats().created()).isEqualTo(created);
            assertThat(other.execute("PUBSUB", "NUMSUB", "hyg:ch")).isEqualTo(List.of("hyg:ch", 0L));
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @Test
    void subscribeFamilyIsRefusedInTheMultiplexedModeToo() {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().multiplexed(true)
                .timeout(Duration.ofSeconds(30)).build())) {
            assertThatThrownBy(() -> redis.execute("SUBSCRIBE", "hyg:ch"))
                    .isInstanceOf(RedisUnsupportedCommandException.class).hasMessageContaining("subscriber()");
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void clientReplyOffOrSkipFailsAtOnce(RespVersion protocol) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .timeout(Duration.ofSeconds(30)).pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            long created = redis.pool().stats().created();
            long start = System.nanoTime();
            for (String mode : List.of("OFF", "SKIP", "off", "skip")) {
                assertThatThrownBy(() -> redis.execute("CLIENT", "REPLY", mode))
                        .isInstanceOf(RedisUnsupportedCommandException.class)
                        .hasMessageContaining("CLIENT REPLY");
                assertThatThrownBy(() -> redis.execute("client reply", mode))
                        .isInstanceOf(RedisUnsupportedCommandException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(redis.pool().stats().created()).isEqualTo(created);
            assertThat(redis.get("hyg:k2")).isEqualTo("v2");
        }
    }

    @Test
    void aSubscriberStillSubscribes() throws Exception {
        try (RedisClient<String> redis = RedisClient.create(server.config());
             var subscriber = redis.subscriber()) {
            subscriber.subscribe("hyg:ch");
            await().atMost(10, TimeUnit.SECONDS).until(() ->
                    List.of("hyg:ch", 1L).equals(other.execute("PUBSUB", "NUMSUB", "hyg:ch")));
            subscriber.unsubscribe("hyg:ch");
            await().atMost(10, TimeUnit.SECONDS).until(() ->
                    List.of("hyg:ch", 0L).equals(other.execute("PUBSUB", "NUMSUB", "hyg:ch")));
        }
    }

    @Test
    void aTransactionRefusesSubscribeAsItIsQueuedAndRunsTheRest() {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder()
                .pool(PoolConfig.builder().maxTotal(1).build()).build())) {
            try (Transaction<String> tx = redis.multi()) {
                tx.set("hyg:tx", "queued");
                assertThatThrownBy(() -> tx.enqueue(Command.create(tx.codec(), "SUBSCRIBE", ReplyDecoders.raw())
                        .arg("hyg:ch"))).isInstanceOf(RedisUnsupportedCommandException.class);
                assertThat(tx.exec().results()).containsExactly(true);
            }
            assertThat(other.get("hyg:tx")).isEqualTo("queued");
            try (Pipeline<String> p = redis.pipeline()) {
                p.set("hyg:pl", "queued");
                assertThatThrownBy(() -> p.enqueue(Command.create(p.codec(), "CLIENT REPLY", ReplyDecoders.raw())
                        .arg("OFF"))).isInstanceOf(RedisUnsupportedCommandException.class);
                p.incr("hyg:pl:n");
                assertThat(p.execute()).containsExactly(true, 1L);
            }
            assertThat(redis.get("hyg:k1")).isEqualTo("v1");
            Leaks.assertPoolWhole(redis.pool());
        }
    }
}
