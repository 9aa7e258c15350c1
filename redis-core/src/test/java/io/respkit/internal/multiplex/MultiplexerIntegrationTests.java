package io.respkit.internal.multiplex;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.internal.commands.KeyDefs;
import io.respkit.internal.commands.ListDefs;
import io.respkit.internal.commands.StringDefs;
import io.respkit.protocol.PushMessage;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(RedisServerExtension.class)
class MultiplexerIntegrationTests {

    private static final StringCodec C = StringCodec.UTF8;

    private RedisClient<String> admin;

    @BeforeEach
    void setUp(RedisServer server) {
        admin = RedisClient.create(server.config());
        admin.flushall();
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void manyThreadsEachGetTheirOwnReplies(RespVersion protocol, RedisServer server) throws Exception {
        int threads = 32;
        int perThread = 1_000;
        try (Multiplexer mux = new Multiplexer(server.configBuilder().protocol(protocol).build(), p -> { })) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < perThread; i++) {
                        String key = "k:" + id + ":" + (i % 50);
                        String value = UUID.randomUUID().toString();
                        assertThat(mux.execute(StringDefs.set(C, key, value))).isTrue();
                        assertThat(mux.execute(StringDefs.get(C, key))).isEqualTo(value);
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            pool.shutdown();
            assertThat(total).isEqualTo(threads * perThread);
        }
    }

    @Test
    void asyncSubmissionsCompleteInOrderWithTheirOwnValues(RedisServer server) {
        try (Multiplexer mux = new Multiplexer(server.config(), p -> { })) {
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                futures.add(mux.submit(StringDefs.incr(C, "counter")));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).join()).isEqualTo(i + 1L);
            }
        }
    }

    @Test
    void errorReplyFailsOnlyItsCommand(RedisServer server) {
        try (Multiplexer mux = new Multiplexer(server.config(), p -> { })) {
            mux.execute(StringDefs.set(C, "s", "text"));
            assertThatThrownBy(() -> mux.execute(ListDefs.lpush(C, "s", List.of("x"))))
                    .isInstanceOfSatisfying(RedisServerException.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));
            assertThat(mux.execute(StringDefs.get(C, "s"))).isEqualTo("text");
        }
    }

    @Test
    void timeoutFailsInFlightCommandsAndTheNextCallGetsAFreshConnection(RedisServer server) throws Exception {
        try (Multiplexer mux = new Multiplexer(server.configBuilder().timeout(Duration.ofMillis(300)).build(),
                p -> { })) {
            mux.execute(StringDefs.set(C, "k", "before"));
            CompletableFuture<Object> sleeper = CompletableFuture.supplyAsync(
                    () -> admin.execute("DEBUG", "SLEEP", "1"));
            // Wait until the server is really asleep, so the next call cannot be answered in time.
            await().atMost(Duration.ofSeconds(2)).until(() -> !answersPingWithin(server, 100));
            assertThatThrownBy(() -> mux.execute(StringDefs.get(C, "k"))).isInstanceOf(RedisTimeoutException.class);
            sleeper.get();
            assertThat(mux.execute(StringDefs.get(C, "k"))).isEqualTo("before");
        }
    }

    @Test
    void killedConnectionFailsInFlightAndIsReplaced(RedisServer server) {
        try (Multiplexer mux = new Multiplexer(server.config(), p -> { })) {
            mux.execute(StringDefs.set(C, "k", "v"));
            Object killed = admin.execute("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            assertThat(killed).isEqualTo(1L);
            // The first command may hit the dead socket; whichever way it fails, it is typed, and the next works.
            try {
                assertThat(mux.execute(StringDefs.get(C, "k"))).isEqualTo("v");
            } catch (RedisConnectionException expected) {
                assertThat(mux.execute(StringDefs.get(C, "k"))).isEqualTo("v");
            }
        }
    }

    @Test
    void pushFramesGoToTheHandlerNeverToACommand(RedisServer server) {
        List<PushMessage> pushes = new CopyOnWriteArrayList<>();
        try (MultiplexedConnection c = MultiplexedConnection.open(
                server.configBuilder().protocol(RespVersion.RESP3).build(), pushes::add)) {
            assertThat(c.submit(Command.create(C, "CLIENT TRACKING", ReplyDecoders.string()).arg("on")).join())
                    .isEqualTo("OK");
            admin.set("tracked", "1");
            assertThat(c.submit(StringDefs.get(C, "tracked")).join()).isEqualTo("1");
            admin.set("tracked", "2");
            await().atMost(Duration.ofSeconds(2)).until(() -> !pushes.isEmpty());
            assertThat(pushes.get(0).kind()).isEqualTo("invalidate");
            for (int i = 0; i < 100; i++) {
                String v = Integer.toString(ThreadLocalRandom.current().nextInt());
                assertThat(c.submit(StringDefs.set(C, "other", v)).join()).isTrue();
                assertThat(c.submit(StringDefs.get(C, "other")).join()).isEqualTo(v);
            }
        }
    }

    @Test
    void blockingAndStatefulCommandsAreNotShareable() {
        assertThat(Multiplexer.shareable(StringDefs.get(C, "k"))).isTrue();
        assertThat(Multiplexer.shareable(KeyDefs.exists(C, List.of("k")))).isTrue();
        assertThat(Multiplexer.shareable(ListDefs.brpop(C, Duration.ofSeconds(1), List.of("q")))).isFalse();
        assertThat(Multiplexer.shareable(Command.create(C, "BLPOP", ReplyDecoders.raw()).key("q").arg(0))).isFalse();
        assertThat(Multiplexer.shareable(Command.create(C, "multi", ReplyDecoders.raw()))).isFalse();
        assertThat(Multiplexer.shareable(Command.create(C, "WATCH", ReplyDecoders.raw()).key("k"))).isFalse();
        assertThat(Multiplexer.shareable(Command.create(C, "SELECT", ReplyDecoders.raw()).arg(1))).isFalse();
        assertThat(Multiplexer.shareable(Command.create(C, "SUBSCRIBE", ReplyDecoders.raw()).arg("c"))).isFalse();
        assertThat(Multiplexer.shareable(Command.create(C, "CLIENT SETNAME", ReplyDecoders.raw()).arg("n")))
                .isFalse();
    }

    @Test
    void closingEndsTheReaderThread(RedisServer server) {
        Multiplexer mux = new Multiplexer(server.config(), p -> { });
        mux.execute(StringDefs.set(C, "k", "v"));
        assertThat(readerThreads()).isPositive();
        mux.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> readerThreads() == 0);
        assertThatThrownBy(() -> mux.execute(StringDefs.get(C, "k"))).hasMessageContaining("closed");
    }

    private static boolean answersPingWithin(RedisServer server, int millis) {
        try (java.net.Socket s = new java.net.Socket(server.host(), server.port())) {
            s.setSoTimeout(millis);
            s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return s.getInputStream().read() > 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static long readerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("respkit-multiplexed-reader") && t.isAlive()).count();
    }
}
