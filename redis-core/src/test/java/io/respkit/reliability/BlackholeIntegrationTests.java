package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.commands.RedisCommands;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scenario 5: the peer is gone without a reset, so no error ever arrives on the socket: a network black hole, and a
 * server process frozen with {@code SIGSTOP}. The command timeout is what detects it: the call returns with
 * {@link RedisTimeoutException} (well within the timeout plus a generous margin), the pool stays whole, and the
 * client recovers once the peer is back. TCP keepalive is on for every connection, so that a connection idle across
 * such an outage is eventually reaped by the kernel as well.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class BlackholeIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    /** Generous: the assertion is that the call returns at all, not how fast. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    private static ConnectionPool pool(io.respkit.connection.RedisConfig.Builder b) {
        return ConnectionPool.create(b.timeout(TIMEOUT).connectTimeout(TIMEOUT)
                .pool(PoolConfig.builder().maxTotal(4).build()).build());
    }

    /** Runs {@code call} on another thread and asserts that it ends with a timeout within the timeout plus margin. */
    private void assertTimesOut(Supplier<?> call) {
        CompletableFuture<?> f = CompletableFuture.supplyAsync(call, callers);
        await().atMost(TIMEOUT.plus(MARGIN)).until(f::isDone);
        assertThat(f).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(RedisTimeoutException.class);
    }

    @Test
    void blackholedNetworkIsDetectedByTheCommandTimeout(RedisProcess server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy.configBuilder());
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("bh:k", "v");
            proxy.blackhole();
            assertTimesOut(() -> redis.get("bh:k"));
            // A new connection cannot get through either: its handshake times out, it does not hang.
            assertTimesOut(() -> redis.get("bh:k"));
            Leaks.assertPoolWhole(pool);
            proxy.heal();
            assertThat(redis.get("bh:k")).isEqualTo("v");
            Leaks.assertRepliesRouted(redis, 100);
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void frozenServerIsDetectedByTheCommandTimeout(RedisProcess server) {
        try (ConnectionPool pool = pool(server.configBuilder());
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("bh:frozen", "v");
            server.signal("STOP");
            try {
                assertTimesOut(() -> redis.get("bh:frozen"));
                Leaks.assertPoolWhole(pool);
            } finally {
                server.signal("CONT");
            }
            await().atMost(MARGIN).ignoreExceptions().until(() -> "v".equals(redis.get("bh:frozen")));
            Leaks.assertRepliesRouted(redis, 100);
            Leaks.assertPoolWhole(pool);
        }
    }

    /**
     * {@code SO_KEEPALIVE} is not reachable through the public API, so it is read where the kernel reports it: an
     * established socket with keepalive on has its keepalive timer armed (timer code {@code 02} in
     * {@code /proc/net/tcp} or {@code tcp6}, the JVM opening dual-stack sockets), one without it has no timer while
     * idle ({@code 00}). Linux only.
     */
    @Test
    void connectionsHaveTcpKeepaliveOn(RedisProcess server) throws IOException {
        List<Path> tables = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
        // JUnit's assumption, not AssertJ's: the latter generates proxy classes, which takes seconds on a busy host.
        assumeTrue(tables.stream().anyMatch(Files::isReadable),
                "/proc/net/tcp (Linux) is needed to observe SO_KEEPALIVE");
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().build())) {
            int localPort = redis.withConnection(BlackholeIntegrationTests::localPort);
            String local = String.format(Locale.ROOT, ":%04X", localPort);
            String remote = String.format(Locale.ROOT, ":%04X", server.port());
            // The connection is idle in the pool now; its keepalive timer is armed.
            List<String> lines = new ArrayList<>();
            for (Path table : tables) {
                if (Files.isReadable(table)) {
                    lines.addAll(Files.readAllLines(table));
                }
            }
            String line = lines.stream().map(String::trim).filter(l -> {
                String[] f = l.split("\\s+");
                return f.length > 5 && f[1].endsWith(local) && f[2].endsWith(remote);
            }).findFirst().orElseThrow(() -> new AssertionError("local port " + localPort + " not in /proc/net/tcp*"));
            String timer = line.split("\\s+")[5];
            assertThat(timer).as("timer of %s", line).startsWith("02:");
        }
    }

    /** The client's local port of the current connection, from the server's own view of it. */
    private static int localPort(RedisCommands<String> r) {
        long id = r.clientId();
        for (String client : r.clientList().split("\n")) {
            if (client.startsWith("id=" + id + " ")) {
                for (String field : client.trim().split(" ")) {
                    if (field.startsWith("addr=")) {
                        return Integer.parseInt(field.substring(field.lastIndexOf(':') + 1));
                    }
                }
            }
        }
        throw new AssertionError("client " + id + " not in CLIENT LIST");
    }
}
