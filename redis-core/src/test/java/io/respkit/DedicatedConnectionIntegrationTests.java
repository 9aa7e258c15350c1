package io.respkit;

import io.respkit.codec.ByteArrayCodec;
import io.respkit.commands.Command;
import io.respkit.commands.KeyValue;
import io.respkit.commands.ListDirection;
import io.respkit.commands.ReplyDecoders;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link DedicatedConnection}: the typed API, pipelines and transactions on one connection outside any pool, kept
 * open across error replies, closed by failures and interrupts, and cut off by {@code close()} from another thread.
 */
@ExtendWith(RedisServerExtension.class)
class DedicatedConnectionIntegrationTests {

    private static RedisClient<String> admin;

    @BeforeAll
    static void connect(RedisServer server) {
        admin = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @BeforeEach
    void clean() {
        admin.del("dc:queue", "dc:processing", "dc:dead", "dc:string");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean clientConnected(long id) {
        return admin.clientList().contains("id=" + id + " ");
    }

    @Test
    void typedCommandsRunOnOneConnectionThatStaysOpenAcrossErrorReplies(RedisServer server) {
        admin.set("dc:string", "text");
        try (DedicatedConnection<String> c = DedicatedConnection.open(server.config())) {
            long id = c.clientId();
            assertThat(c.lpush("dc:queue", "a", "b")).isEqualTo(2);
            assertThat(c.brpop(Duration.ofSeconds(1), "dc:queue")).isEqualTo(new KeyValue<>("dc:queue", "a"));
            assertThat(c.blmove("dc:queue", "dc:processing", ListDirection.RIGHT, ListDirection.LEFT,
                    Duration.ofSeconds(1))).isEqualTo("b");
            assertThat(catchThrowable(() -> c.lpush("dc:string", "x")))
                    .isInstanceOf(RedisServerException.class);
            assertThat(c.isOpen()).isTrue();
            assertThat(c.lrem("dc:processing", 1, "b")).isEqualTo(1);
            assertThat(c.clientId()).isEqualTo(id);
        }
    }

    @Test
    void aBlockingPopWaitsItsBlockTimeBeyondTheReadTimeout(RedisServer server) {
        try (DedicatedConnection<String> c = DedicatedConnection.open(server.configBuilder()
                .timeout(Duration.ofMillis(200)).build())) {
            long start = System.nanoTime();
            assertThat(c.brpop(Duration.ofMillis(700), "dc:queue")).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void closeFromAnotherThreadCutsOffABlockedPopAndTheServerDropsTheClient(RedisServer server) {
        DedicatedConnection<String> c = DedicatedConnection.open(server.config());
        long id = c.clientId();
        CompletableFuture<KeyValue<String>> pop = CompletableFuture.supplyAsync(
                () -> c.brpop(Duration.ofSeconds(30), "dc:queue"));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.clientList().contains("id=" + id + " ")
                && admin.clientList().contains("cmd=brpop"));
        c.close();
        await().atMost(Duration.ofSeconds(2)).until(pop::isDone);
        assertThat(catchThrowable(pop::join)).hasCauseInstanceOf(RedisConnectionException.class);
        assertThat(c.isOpen()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !clientConnected(id));
        admin.lpush("dc:queue", "after");
        assertThat(admin.lrange("dc:queue", 0, -1)).containsExactly("after");
    }

    @Test
    void anInterruptWhileBlockedClosesTheConnectionWithinAboutAHundredMillis(RedisServer server) throws Exception {
        DedicatedConnection<String> c = DedicatedConnection.open(server.config());
        long id = c.clientId();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread consumer = new Thread(() -> failure.set(catchThrowable(
                () -> c.brpop(Duration.ofSeconds(30), "dc:queue"))));
        consumer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.clientList().contains("cmd=brpop"));
        consumer.interrupt();
        consumer.join(2_000);
        assertThat(consumer.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(RedisInterruptedException.class);
        assertThat(c.isOpen()).isFalse();
        // Closed, not left with its socket open: the server no longer has the client (so its pop is gone too).
        await().atMost(Duration.ofSeconds(5)).until(() -> !clientConnected(id));
        c.close();
    }

    @Test
    void aPipelineSendsEveryCommandInOneRoundAndKeepsTheConnection(RedisServer server) {
        admin.rpush("dc:queue", "3", "2", "1");
        try (DedicatedConnection<byte[]> c = DedicatedConnection.open(server.config(), ByteArrayCodec.INSTANCE)) {
            long id = c.clientId();
            List<Response<byte[]>> moves = new ArrayList<>();
            try (Pipeline<byte[]> p = c.pipeline()) {
                moves.add(p.blmove("dc:queue", "dc:processing", ListDirection.RIGHT, ListDirection.LEFT,
                        Duration.ofSeconds(1)));
                for (int i = 0; i < 3; i++) {
                    moves.add(p.lmove("dc:queue", "dc:processing", ListDirection.RIGHT, ListDirection.LEFT));
                }
                Response<Long> pushed = p.lpush("dc:processing", bytes("x"));
                Response<Long> notAList = p.incr("dc:processing");
                p.sync();
                assertThat(pushed.get()).isEqualTo(4);
                assertThat(catchThrowable(notAList::get)).isInstanceOf(RedisServerException.class);
            }
            assertThat(moves).extracting(r -> r.get() == null ? null : new String(r.get(), StandardCharsets.UTF_8))
                    .containsExactly("1", "2", "3", null);
            assertThat(c.isOpen()).isTrue();
            assertThat(c.clientId()).isEqualTo(id);
        }
    }

    @Test
    void aTransactionRunsAtomicallyOnTheConnectionAndAQueueingErrorAbortsItWithoutClosingIt(RedisServer server) {
        admin.lpush("dc:processing", "item");
        try (DedicatedConnection<String> c = DedicatedConnection.open(server.config())) {
            TransactionResult result = c.multi(tx -> {
                tx.lrem("dc:processing", 1, "item");
                tx.lpush("dc:dead", "item");
            });
            assertThat(result.results()).containsExactly(1L, 1L);
            assertThat(admin.lrange("dc:dead", 0, -1)).containsExactly("item");

            RedisExecAbortException abort = catchThrowableOfType(() -> c.multi(tx -> {
                tx.lpush("dc:queue", "never");
                tx.enqueue(Command.create(tx.codec(), "NOSUCHCOMMAND", ReplyDecoders.raw()));
            }), RedisExecAbortException.class);
            assertThat(abort.code()).isEqualTo("EXECABORT");
            assertThat(admin.exists("dc:queue")).isZero();
            assertThat(c.isOpen()).isTrue();
            assertThat(c.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aClientOpensDedicatedConnectionsWithItsCodecOutsideItsPool(RedisServer server) {
        try (RedisClient<byte[]> client = RedisClient.create(server.config(), ByteArrayCodec.INSTANCE);
             DedicatedConnection<byte[]> c = client.dedicatedConnection()) {
            assertThat(c.codec()).isSameAs(ByteArrayCodec.INSTANCE);
            c.lpush("dc:queue", new byte[] {0, (byte) 0xff});
            assertThat(c.rpop("dc:queue")).containsExactly(0, 0xff);
            assertThat(client.pool().stats().created()).isZero();
        }
    }
}
