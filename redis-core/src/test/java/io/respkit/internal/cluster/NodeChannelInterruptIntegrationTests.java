package io.respkit.internal.cluster;

import io.respkit.RedisClient;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.connection.HostAndPort;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.internal.commands.CommandSpecs;
import io.respkit.internal.commands.Decoders;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A blocking pop that a cluster node's channel runs for a caller who gives up (the worker of a cancelled async pop,
 * or an interrupted synchronous caller) loses no item: the recovery takes the connection over and puts back what
 * the server handed the pop. On one plain server, through a proxy that holds the pop's reply back.
 */
@ExtendWith(RedisServerExtension.class)
class NodeChannelInterruptIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aPopInterruptedAfterTheServerServedItHasItsItemPutBack(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
             RedisClient<String> admin = RedisClient.create(server.config());
             NodeChannel channel = new NodeChannel(new HostAndPort(proxy.host(), proxy.port()),
                     proxy.configBuilder().timeout(Duration.ofSeconds(5)).build())) {
            admin.flushall();
            Command<Object> pop = Command.create(StringCodec.UTF8, CommandSpecs.BLPOP, Decoders.raw())
                    .key("jobs").arg(30).blocking(Duration.ofSeconds(30));
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    outcome.complete(new AssertionError("the pop returned " + channel.execute(pop, false, false)));
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            }, "node-channel-pop");
            caller.start();
            await().atMost(WAIT).until(() -> blockedClients(admin) == 1);
            // The pop's own connection stops forwarding: the server serves the pop, its reply waits in the proxy.
            proxy.blackholeCurrent();
            admin.rpush("jobs", "j1");
            await().atMost(WAIT).until(() -> blockedClients(admin) == 0);
            caller.interrupt();

            assertThat(outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(RedisInterruptedException.class);
            // The recovery finds nothing to unblock (over a new pooled connection), then reads the held reply.
            await().atMost(WAIT).until(() -> proxy.connectionCount() == 2);
            proxy.heal();
            await().atMost(WAIT).untilAsserted(() -> assertThat(admin.lrange("jobs", 0, -1)).containsExactly("j1"));
        }
    }

    private static long blockedClients(RedisClient<String> admin) {
        return Long.parseLong(admin.info("clients").get("blocked_clients"));
    }
}
