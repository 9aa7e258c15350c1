package io.respkit.internal.multiplex;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.codec.StringCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.internal.commands.StringDefs;
import io.respkit.protocol.RespVersion;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared connection of the multiplexed mode waits for replies with no socket timeout, so an idle one whose
 * server vanished without FIN or RST would look healthy forever and fail the next caller only after its timeout.
 * With the health check it is sent {@code PING} once idle for the interval and, with no reply within the read
 * timeout, failed: the next call opens a fresh connection. RESP2 and RESP3.
 */
@ExtendWith(RedisServerExtension.class)
class MultiplexedHealthCheckIntegrationTests {

    private static final StringCodec C = StringCodec.UTF8;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** The guaranteed bound is INTERVAL + TIMEOUT (+ a watchdog tick); the margin absorbs a loaded machine. */
    private static final Duration DETECTED = INTERVAL.plus(TIMEOUT).plusSeconds(8);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Set<Thread> threadsBefore;

    @BeforeEach
    void recordThreads() {
        threadsBefore = muxThreads();
    }

    @AfterEach
    void noStrayThreads() {
        await().atMost(WAIT).until(() -> muxThreads().stream().allMatch(threadsBefore::contains));
    }

    private static Set<Thread> muxThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("respkit-multiplexed-"))
                .collect(Collectors.toSet());
    }

    /** Calls to PING the server has counted, from {@code INFO commandstats}. */
    private static long pings(RedisClient<String> redis) {
        String info = String.valueOf(redis.execute("INFO", "commandstats"));
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_ping:calls=")) {
                return Long.parseLong(line.substring("cmdstat_ping:calls=".length(), line.indexOf(',')));
            }
        }
        return 0;
    }

    private static RedisConfig config(FaultProxy proxy, RespVersion protocol) {
        return proxy.configBuilder().protocol(protocol).timeout(TIMEOUT).connectTimeout(TIMEOUT)
                .healthCheckInterval(INTERVAL).multiplexed(true).build();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void idleConnectionBehindABlackholeIsFailedWithinTheIntervalAndTheNextCallSucceedsAfterHeal(
            RespVersion protocol, RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             Multiplexer mux = new Multiplexer(config(proxy, protocol), p -> { })) {
            assertThat(mux.execute(StringDefs.set(C, "hc:k", "v"))).isTrue();
            MultiplexedConnection first = mux.current();

            proxy.blackhole();
            await().atMost(DETECTED).until(() -> !first.isUsable());
            proxy.heal();

            assertThat(mux.execute(StringDefs.get(C, "hc:k"))).isEqualTo("v");
            assertThat(mux.current()).isNotSameAs(first);
        }
    }

    /** The server's side is gone, the client's socket open and silent: the first call after detection succeeds. */
    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void idleConnectionCutOffSilentlyIsReplacedSoTheNextCallSucceedsAtOnce(RespVersion protocol,
            RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             Multiplexer mux = new Multiplexer(config(proxy, protocol), p -> { })) {
            assertThat(mux.execute(StringDefs.set(C, "hc:cut", "v"))).isTrue();
            MultiplexedConnection first = mux.current();

            proxy.abandonAll();
            // The dead connection is closed by the client: the proxy sees its side go.
            await().atMost(DETECTED).until(() -> !first.isUsable() && proxy.connectionCount() == 0);

            assertThat(mux.execute(StringDefs.get(C, "hc:cut"))).isEqualTo("v");
            assertThat(mux.current()).isNotSameAs(first);
        }
    }

    /** A caller in flight when the peer goes silent fails typed (the watchdog), and the next call works. */
    @Test
    void callerInFlightBehindABlackholeFailsTypedAndTheNextCallSucceedsAfterHeal(RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             Multiplexer mux = new Multiplexer(config(proxy, RespVersion.RESP3), p -> { })) {
            assertThat(mux.execute(StringDefs.set(C, "hc:f", "v"))).isTrue();
            proxy.blackhole();
            CompletableFuture<String> inFlight = mux.submit(StringDefs.get(C, "hc:f"));
            await().atMost(DETECTED).until(inFlight::isDone);
            assertThat(inFlight).isCompletedExceptionally();
            assertThat(inFlight.handle((v, e) -> e).join()).isInstanceOf(RedisTimeoutException.class);
            proxy.heal();
            assertThat(mux.execute(StringDefs.get(C, "hc:f"))).isEqualTo("v");
        }
    }

    /** Idle but healthy: it is PINGed, keeps the same connection, and nothing is failed. */
    @Test
    void healthyIdleConnectionIsPingedAndKept(RedisServer server) {
        try (RedisClient<String> direct = RedisClient.create(server.config());
             Multiplexer mux = new Multiplexer(server.configBuilder().healthCheckInterval(Duration.ofMillis(100))
                .timeout(Duration.ofSeconds(2)).build(), p -> { })) {
            assertThat(mux.execute(StringDefs.set(C, "hc:h", "v"))).isTrue();
            MultiplexedConnection first = mux.current();
            long before = pings(direct);
            await().atMost(WAIT).until(() -> pings(direct) >= before + 5);
            assertThat(first.isUsable()).isTrue();
            assertThat(mux.execute(StringDefs.get(C, "hc:h"))).isEqualTo("v");
            assertThat(mux.current()).isSameAs(first);
        }
    }
}
