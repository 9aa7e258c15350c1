package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.commands.KeyValue;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.SslOptions;
import io.respkit.security.TestCertificates;
import io.respkit.security.TlsRedisServer;
import io.respkit.test.FaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over TLS, a reply is read in the same 100 ms slices as in plain text: a slice that ends in the middle of a TLS
 * record leaves the socket usable and the part already read kept, so a reply that trickles in arrives whole, and a
 * blocking pop whose caller was interrupted is unblocked and its connection reused.
 */
@ExtendWith(NoStrayThreads.class)
class TlsReadSliceIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path certs;

    private static TlsRedisServer server;
    private static SslOptions trusted;

    @BeforeAll
    static void start() {
        TestCertificates pki = TestCertificates.create(certs);
        server = TlsRedisServer.start(pki.server("slices", "DNS:localhost", "IP:127.0.0.1"), pki.ca().cert(), "no");
        trusted = SslOptions.builder().trustStore(pki.trustStore(), TestCertificates.STORE_PASSWORD).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RedisConfig config(int port) {
        return RedisConfig.builder().url("rediss://127.0.0.1:" + port).ssl(trusted).timeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void aReplyTricklingInAcrossManySlicesArrivesWhole() {
        byte[] bytes = new byte[200_000];
        ThreadLocalRandom.current().nextBytes(bytes);
        String value = Base64.getEncoder().encodeToString(bytes);
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", server.port());
             RedisClient<String> redis = RedisClient.create(config(proxy.port()))) {
            assertThat(redis.set("big", value)).isTrue();
            // Every 16 KB chunk waits longer than a read slice: TLS records arrive in pieces, slices apart.
            proxy.delay(Duration.ofMillis(150));
            assertThat(redis.get("big")).isEqualTo(value);
            proxy.heal();
            assertThat(redis.pool().stats().destroyed()).isZero();
            Leaks.assertRepliesRouted(redis, 100);
        }
    }

    @Test
    void anInterruptedBrpopIsUnblockedAndItsTlsConnectionReused() throws Exception {
        try (RedisClient<String> admin = RedisClient.create(config(server.port()));
             RedisClient<String> consumer = RedisClient.create(config(server.port()))) {
            admin.del("jobs");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    consumer.brpop(Duration.ofSeconds(30), "jobs");
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "interrupted-tls-caller");
            caller.setDaemon(true);
            caller.start();
            await().atMost(WAIT).until(() -> "1".equals(admin.info("clients").get("blocked_clients")));
            await().atMost(WAIT).until(() -> Arrays.stream(caller.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("readFrom")));
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(5));
            assertThat(caller.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOf(RedisInterruptedException.class);

            await().atMost(WAIT).until(() -> "0".equals(admin.info("clients").get("blocked_clients")));
            admin.rpush("jobs", "j1");
            await().atMost(WAIT).untilAsserted(() -> Leaks.assertPoolWhole(consumer.pool()));
            assertThat(consumer.pool().stats().destroyed()).isZero();
            assertThat(consumer.brpop(Duration.ofSeconds(5), "jobs")).isEqualTo(new KeyValue<>("jobs", "j1"));
        }
    }
}
