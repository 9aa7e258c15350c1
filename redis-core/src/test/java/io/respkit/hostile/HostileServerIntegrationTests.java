package io.respkit.hostile;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.connection.RedisConfig;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PoolStats;
import io.respkit.test.HostileServer;
import io.respkit.test.HostileServer.Script;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A real {@link RedisClient} talks to a real redis-server through a {@link HostileServer} proxy that replaces the
 * reply to one {@code GET} with hostile bytes. Each hostile reply must end in {@link RedisProtocolException} (or
 * {@link RedisConnectionException} when the server closes mid-frame) without a {@link StackOverflowError}, the pool
 * must destroy the poisoned connection, and the next command must work on a fresh connection.
 *
 * <p>Tagged {@code small-heap}: the build runs it in its own JVM with {@code -Xmx64m}, so a reader that allocated
 * what a length claims (2 GiB, 2 billion elements) fails with {@link OutOfMemoryError} instead of passing.
 *
 * <p>Not thread-safe; the tests in this class run one at a time against one shared proxy.
 */
@Tag("small-heap")
@ExtendWith(RedisServerExtension.class)
class HostileServerIntegrationTests {

    private static final String KEY = "hostile:key";
    private static final String VALUE = "the-real-value";

    private static HostileServer hostile;
    private static RedisClient<String> client;

    @BeforeAll
    static void start(RedisServer server) throws IOException {
        hostile = HostileServer.proxyTo(server.host(), server.port());
        RedisConfig config = RedisConfig.builder().host(hostile.host()).port(hostile.port())
                .timeout(Duration.ofSeconds(5))
                .pool(PoolConfig.builder().maxTotal(2).build())
                .build();
        client = RedisClient.create(config);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (hostile != null) {
            hostile.close();
        }
    }

    @BeforeEach
    void seedValue() {
        // Opens (or reuses) a healthy pooled connection, so that the hostile GET runs on an existing one.
        assertThat(client.set(KEY, VALUE)).isTrue();
        assertThat(client.pool().stats().active()).isZero();
    }

    private static String repeat(String unit, int times) {
        return unit.repeat(times);
    }

    static Stream<Arguments> hostileReplies() {
        return Stream.of(
                Arguments.of("bulk of 2 GiB claimed", HostileServer.script().send("$2147483647\r\n"),
                        RedisProtocolException.class, "exceeds the limit"),
                Arguments.of("array of 2 billion claimed", HostileServer.script().send("*2000000000\r\n"),
                        RedisProtocolException.class, "exceeds the limit"),
                Arguments.of("map of 2 billion pairs claimed", HostileServer.script().send("%2000000000\r\n"),
                        RedisProtocolException.class, "exceeds the limit"),
                Arguments.of("100,000 nested arrays", HostileServer.script().sendRepeated("*1\r\n", 100_000),
                        RedisProtocolException.class, "nesting deeper than the limit"),
                Arguments.of("100,000 nested arrays in chunks",
                        HostileServer.script().sendInChunks(repeat("*1\r\n", 100_000)
                                .getBytes(StandardCharsets.ISO_8859_1), 4096, Duration.ofMillis(1)),
                        RedisProtocolException.class, "nesting deeper than the limit"),
                Arguments.of("bulk length -5", HostileServer.script().send("$-5\r\n"),
                        RedisProtocolException.class, "negative length"),
                Arguments.of("array length -3", HostileServer.script().send("*-3\r\n"),
                        RedisProtocolException.class, "negative length"),
                Arguments.of("bad digit in a bulk length", HostileServer.script().send("$1x\r\n"),
                        RedisProtocolException.class, "non-digit in length"),
                Arguments.of("unknown type byte", HostileServer.script().send("?what\r\n"),
                        RedisProtocolException.class, "unknown RESP type byte"),
                Arguments.of("NUL type byte", HostileServer.script().send(new byte[] {0, '\r', '\n'}),
                        RedisProtocolException.class, "unknown RESP type byte 0x0"),
                Arguments.of("bulk without its CRLF", HostileServer.script().send("$3\r\nfooXY"),
                        RedisProtocolException.class, "not followed by CRLF"),
                Arguments.of("verbatim string without its format prefix", HostileServer.script().send("=3\r\nabc\r\n"),
                        RedisProtocolException.class, "verbatim string without its three-letter format prefix"),
                Arguments.of("simple string of 2 MiB without CRLF",
                        HostileServer.script().send("+").sendRepeated("a", 2L * 1024 * 1024),
                        RedisProtocolException.class, "line longer than the limit"),
                Arguments.of("truncated bulk, then close", HostileServer.script().send("$10\r\nabc").thenClose(),
                        RedisConnectionException.class, "closed the connection"),
                Arguments.of("truncated array, then close", HostileServer.script().send("*3\r\n:1\r\n").thenClose(),
                        RedisConnectionException.class, "closed the connection"),
                // Under the default limits, so only the memory-follows-data rule keeps these within a 64 MiB heap.
                Arguments.of("bulk of 400 MiB claimed, 1 KiB sent, then close",
                        HostileServer.script().send("$419430400\r\n").sendRepeated("x", 1024).thenClose(),
                        RedisConnectionException.class, "closed the connection"),
                Arguments.of("array of 200 million claimed, 3 sent, then close",
                        HostileServer.script().send("*200000000\r\n:1\r\n:2\r\n:3\r\n").thenClose(),
                        RedisConnectionException.class, "closed the connection"),
                Arguments.of("map of 100 million pairs claimed, one sent, then close",
                        HostileServer.script().send("%100000000\r\n+a\r\n+b\r\n").thenClose(),
                        RedisConnectionException.class, "closed the connection"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileReplies")
    void hostileReplyBreaksOnlyItsConnection(String description, Script script,
                                             Class<? extends RedisException> expected, String reason) {
        PoolStats before = client.pool().stats();
        int played = hostile.scriptsPlayed();
        hostile.answerNext("GET", script);

        assertThatThrownBy(() -> client.get(KEY))
                .isExactlyInstanceOf(expected)
                .hasMessageContaining(reason);
        assertThat(hostile.scriptsPlayed()).isEqualTo(played + 1);

        // The poisoned connection was handed back and destroyed, never parked for the next borrower.
        PoolStats after = client.pool().stats();
        assertThat(after.active()).isZero();
        assertThat(after.destroyed()).isEqualTo(before.destroyed() + 1);

        // The next command runs on a fresh connection and gets the real server's answer.
        assertThat(client.get(KEY)).isEqualTo(VALUE);
        assertThat(client.pool().stats().created()).isGreaterThan(after.created());
        assertThat(client.pool().stats().active()).isZero();
    }

    /**
     * Over RESP2 the first blocking pop on a connection is sent behind a {@code CLIENT ID} (so that it can be
     * unblocked if its caller gives up): a malformed reply to that breaks the connection like any other.
     */
    @Test
    void aMalformedClientIdReplyAheadOfABlockingPopBreaksTheConnection() {
        try (RedisClient<String> resp2 = RedisClient.create(RedisConfig.builder().host(hostile.host())
                .port(hostile.port()).protocol(io.respkit.protocol.RespVersion.RESP2).timeout(Duration.ofSeconds(5))
                .pool(PoolConfig.builder().maxTotal(2).build()).build())) {
            assertThat(resp2.get(KEY)).isEqualTo(VALUE);
            PoolStats before = resp2.pool().stats();
            hostile.answerNext("CLIENT", HostileServer.script().send("?what\r\n"));
            assertThatThrownBy(() -> resp2.brpop(Duration.ofMillis(100), "hostile:empty"))
                    .isExactlyInstanceOf(RedisProtocolException.class).hasMessageContaining("unknown RESP type byte");
            PoolStats after = resp2.pool().stats();
            assertThat(after.active()).isZero();
            assertThat(after.destroyed()).isEqualTo(before.destroyed() + 1);
            assertThat(resp2.get(KEY)).isEqualTo(VALUE);
        }
    }

    @Test
    void attributeFrameIsSkippedAndTheRealReplyReturned() {
        PoolStats before = client.pool().stats();
        hostile.answerNext("GET", HostileServer.script().send("|1\r\n+a\r\n+b\r\n$5\r\nhello\r\n"));

        assertThat(client.get(KEY)).isEqualTo("hello");

        // A well-formed attribute is not an error: the connection stays healthy and is reused.
        assertThat(client.pool().stats().destroyed()).isEqualTo(before.destroyed());
        assertThat(client.get(KEY)).isEqualTo(VALUE);
        assertThat(client.pool().stats().created()).isEqualTo(before.created());
    }

    @Test
    void attributeFrameArrivingByteByByteIsSkipped() {
        PoolStats before = client.pool().stats();
        byte[] reply = "|2\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n+ttl\r\n:30\r\n$5\r\nhello\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        hostile.answerNext("GET", HostileServer.script().sendInChunks(reply, 1, Duration.ofMillis(1)));

        assertThat(client.get(KEY)).isEqualTo("hello");
        assertThat(client.pool().stats().destroyed()).isEqualTo(before.destroyed());
    }

    @Test
    void replyArrivingInChunksIsAssembled() {
        String big = "v".repeat(100_000);
        byte[] reply = ("$" + big.length() + "\r\n" + big + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        hostile.answerNext("GET", HostileServer.script().sendInChunks(reply, 7_000, Duration.ofMillis(1)));

        assertThat(client.get(KEY)).isEqualTo(big);
        assertThat(client.get(KEY)).isEqualTo(VALUE);
    }

    @Test
    void serverThreadsEndOnClose(RedisServer server) throws IOException {
        HostileServer extra = HostileServer.proxyTo(server.host(), server.port());
        try (RedisClient<String> c = RedisClient.create(RedisConfig.builder().host(extra.host())
                .port(extra.port()).build())) {
            assertThat(c.ping()).isEqualTo("PONG");
            // The accept thread and the one serving the pooled connection.
            assertThat(countThreads(extra.threadNamePrefix())).isEqualTo(2);
        }
        extra.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> countThreads(extra.threadNamePrefix()) == 0);
        assertThat(extra.acceptedConnections()).isEqualTo(1);
    }

    private static long countThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }
}
