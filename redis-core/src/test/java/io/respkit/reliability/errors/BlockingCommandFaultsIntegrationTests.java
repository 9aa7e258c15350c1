package io.respkit.reliability.errors;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.commands.KeyValue;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A blocking pop whose connection is interrupted (its client killed, or the server killed and restarted) fails
 * with a typed connection exception, and never swallows an item pushed after the fault: the item stays in the list
 * or goes to a consumer that is alive. Block times longer than the read timeout are covered by
 * {@code ListCommandsIntegrationTests}.
 */
@ExtendWith(RedisServerExtension.class)
class BlockingCommandFaultsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisClient<String> admin;
    private RedisClient<String> consumer;

    @BeforeEach
    void connect(RedisProcess server) {
        admin = RedisClient.create(server.config());
        // 300 ms read timeout: blocks of 0 (forever) and 30 s must not time out on it.
        consumer = RedisClient.create(server.configBuilder().timeout(Duration.ofMillis(300)).build());
        admin.flushall();
    }

    @AfterEach
    void close() {
        consumer.close();
        admin.close();
    }

    private long blockedClients() {
        return Long.parseLong(admin.info("clients").get("blocked_clients"));
    }

    /** Id of the client blocked in {@code cmd}, or null. */
    private String blockedId(String cmd) {
        for (String line : String.valueOf(admin.execute("CLIENT", "LIST")).split("\n")) {
            if (line.contains(" cmd=" + cmd + " ") && line.contains(" flags=b ")) {
                for (String field : line.split(" ")) {
                    if (field.startsWith("id=")) {
                        return field.substring(3);
                    }
                }
            }
        }
        return null;
    }

    @Test
    void brpopOfAKilledClientFailsAndTheNextItemStaysInTheList() throws Exception {
        CompletableFuture<KeyValue<String>> pop = CompletableFuture.supplyAsync(
                () -> consumer.brpop(Duration.ZERO, "jobs"));
        await().atMost(WAIT).until(() -> blockedId("brpop") != null);
        assertThat(admin.execute("CLIENT", "KILL", "ID", blockedId("brpop"))).isEqualTo(1L);

        ExecutionException failed = catchThrowableOfType(() -> pop.get(5, TimeUnit.SECONDS),
                ExecutionException.class);
        assertThat(failed.getCause()).isInstanceOf(RedisConnectionException.class);
        await().atMost(WAIT).until(() -> consumer.pool().stats().active() == 0);
        assertThat(blockedClients()).isZero();

        admin.lpush("jobs", "after-kill");
        assertThat(admin.lrange("jobs", 0, -1)).containsExactly("after-kill");
        assertThat(consumer.brpop(Duration.ofSeconds(5), "jobs")).isEqualTo(new KeyValue<>("jobs", "after-kill"));
        assertThat(consumer.pool().stats().active()).isZero();
    }

    @Test
    void itemPushedAfterOneConsumerWasKilledGoesToTheLiveOne() throws Exception {
        CompletableFuture<String> doomed = CompletableFuture.supplyAsync(() -> consumer.blmove("work", "done:1",
                io.respkit.commands.ListDirection.RIGHT, io.respkit.commands.ListDirection.LEFT,
                Duration.ofSeconds(30)));
        await().atMost(WAIT).until(() -> blockedClients() == 1);
        String doomedId = blockedId("blmove");
        CompletableFuture<KeyValue<String>> live = CompletableFuture.supplyAsync(
                () -> consumer.brpop(Duration.ofSeconds(30), "work"));
        await().atMost(WAIT).until(() -> blockedClients() == 2);

        assertThat(admin.execute("CLIENT", "KILL", "ID", doomedId)).isEqualTo(1L);
        assertThat(catchThrowableOfType(() -> doomed.get(5, TimeUnit.SECONDS), ExecutionException.class).getCause())
                .isInstanceOf(RedisConnectionException.class);
        admin.lpush("work", "w1");

        assertThat(live.get(5, TimeUnit.SECONDS)).isEqualTo(new KeyValue<>("work", "w1"));
        assertThat(admin.llen("done:1")).isZero();
        assertThat(admin.llen("work")).isZero();
        await().atMost(WAIT).until(() -> consumer.pool().stats().active() == 0);
    }

    @Test
    void brpopDuringAServerRestartFailsAndTheNextItemIsDelivered(RedisProcess server) throws Exception {
        CompletableFuture<KeyValue<String>> pop = CompletableFuture.supplyAsync(
                () -> consumer.brpop(Duration.ofSeconds(30), "jobs"));
        await().atMost(WAIT).until(() -> blockedClients() == 1);
        server.kill();
        assertThat(catchThrowableOfType(() -> pop.get(5, TimeUnit.SECONDS), ExecutionException.class).getCause())
                .isInstanceOf(RedisConnectionException.class);
        server.restart();
        // The admin pool's idle connection died with the old server: its first command would fail (loudly, and
        // without having been sent). Stale idle connections after a restart are the pool's concern, not this test's.
        admin.close();
        admin = RedisClient.create(server.config());

        admin.lpush("jobs", "after-restart");
        assertThat(admin.lrange("jobs", 0, -1)).containsExactly("after-restart");
        assertThat(consumer.brpop(Duration.ofSeconds(5), "jobs"))
                .isEqualTo(new KeyValue<>("jobs", "after-restart"));
        assertThat(consumer.pool().stats().active()).isZero();
    }
}
