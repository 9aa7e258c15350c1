package io.respkit.reliability.errors;

import io.respkit.RedisClient;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.internal.ConnectionCommands;
import io.respkit.connection.RedisConnection;
import io.respkit.protocol.PushMessage;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RESP3 push frames that arrive interleaved with replies go to the connection's push handler and are never taken
 * for the reply of a pending command: client-tracking invalidations on a pooled connection, and the push frame
 * {@code DEBUG PROTOCOL push} sends right before its real reply.
 */
@ExtendWith(RedisServerExtension.class)
class PushFramesIntegrationTests {

    private static RedisClient<String> client;
    private static RedisClient<String> other;

    @BeforeAll
    static void connect(RedisServer server) {
        client = RedisClient.create(server.configBuilder().protocol(RespVersion.RESP3).build());
        other = RedisClient.create(server.config());
    }

    @AfterAll
    static void close() {
        client.close();
        other.close();
    }

    private static Command<Object> cmd(String name, String... args) {
        Command<Object> c = Command.create(StringCodec.UTF8, name, ReplyDecoders.decoded());
        for (String a : args) {
            c.arg(a);
        }
        return c;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    @Test
    void trackingInvalidationGoesToThePushHandlerAndEveryReplyToItsCommand() {
        other.set("tracked", "v1");
        other.set("plain", "p");
        List<PushMessage> pushes = new CopyOnWriteArrayList<>();
        long destroyedBefore = client.pool().stats().destroyed();
        List<Object> replies = client.withConnection(cmds -> {
            RedisConnection connection = ((ConnectionCommands<String>) cmds).connection();
            assertThat(connection.protocol()).isEqualTo(RespVersion.RESP3);
            connection.onPush(pushes::add);
            assertThat(cmds.execute(cmd("CLIENT", "TRACKING", "on"))).isEqualTo("OK");
            List<Object> seen = new ArrayList<>();
            seen.add(cmds.get("tracked"));               // now tracked by the server
            other.set("tracked", "v2");                   // the server pushes 'invalidate [tracked]' at once
            // The push sits in the stream ahead of each of these replies; none may take it for its own.
            seen.add(cmds.get("plain"));
            seen.add(cmds.ping());
            seen.add(cmds.execute(cmd("ECHO", "echoed")));
            seen.add(cmds.get("tracked"));
            seen.add(cmds.incr("counter:push"));
            return seen;
        });
        assertThat(replies).containsExactly("v1", "p", "PONG", "echoed", "v2", 1L);
        assertThat(pushes).hasSize(1);
        PushMessage invalidation = pushes.get(0);
        assertThat(invalidation.kind()).isEqualTo("invalidate");
        assertThat(invalidation.elements().get(1)).isInstanceOfSatisfying(List.class,
                keys -> assertThat(((List<?>) keys).stream().map(PushFramesIntegrationTests::text))
                        .containsExactly("tracked"));
        // CLIENT TRACKING altered the connection: the pool destroyed it instead of handing it to someone else.
        assertThat(client.pool().stats().active()).isZero();
        assertThat(client.pool().stats().destroyed()).isEqualTo(destroyedBefore + 1);
        assertThat(client.get("tracked")).isEqualTo("v2");
    }

    @Test
    void debugProtocolPushIsHandledAndTheRealReplyFollows() {
        // Redis 7.0 has DEBUG PROTOCOL push: a push frame, then a normal reply to the same command.
        List<PushMessage> pushes = new CopyOnWriteArrayList<>();
        Object[] replies = client.withConnection(cmds -> {
            RedisConnection connection = ((ConnectionCommands<String>) cmds).connection();
            connection.onPush(pushes::add);
            try {
                return new Object[] {cmds.execute(cmd("DEBUG", "PROTOCOL", "push")), cmds.ping()};
            } finally {
                connection.onPush(null);
            }
        });
        assertThat(replies).containsExactly("Some real reply following the push reply", "PONG");
        assertThat(pushes).hasSize(1);
        assertThat(pushes.get(0).kind()).isEqualTo("server-cpu-usage");
        assertThat(pushes.get(0).elements().get(1)).isEqualTo(42L);
        assertThat(client.pool().stats().active()).isZero();
    }
}
