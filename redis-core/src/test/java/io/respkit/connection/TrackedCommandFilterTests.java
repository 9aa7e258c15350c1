package io.respkit.connection;

import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit tests (no server) for the cheap filter in front of {@link RedisConnection#trackSuccess} (the spec's
 * {@link io.respkit.commands.CommandSpec#changesConnectionState()} bit): it must let every state-changing command
 * through, in any case and also when created by its first word only, and rejects the everyday ones; and for the check
 * in front of
 * {@link RedisConnection#send}, which refuses exactly the commands whose replies no caller could read. Stateless.
 */
class TrackedCommandFilterTests {

    private static final List<String> TRACKED = List.of("SELECT", "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH",
            "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "HELLO", "AUTH", "RESET", "MONITOR", "CLIENT", "QUIT");

    private static boolean mayChangeState(String name, String... args) {
        return command(name, args).spec().changesConnectionState();
    }

    @Test
    void everyStateChangingCommandPassesInAnyCase() {
        for (String name : TRACKED) {
            String sub = name.equals("CLIENT") ? "setname" : "x";
            assertThat(mayChangeState(name, sub)).as(name).isTrue();
            assertThat(mayChangeState(name.toLowerCase(Locale.ROOT), sub)).as(name).isTrue();
            String mixed = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            assertThat(mayChangeState(mixed, sub)).as(mixed).isTrue();
        }
        assertThat(mayChangeState("client setname", "x")).isTrue();
        assertThat(mayChangeState("CLIENT", "NO-EVICT", "on")).isTrue();
        assertThat(mayChangeState("CLIENT", "LIST")).as("a CLIENT query leaves nothing").isFalse();
    }

    @Test
    void everydayCommandsAreFilteredOut() {
        for (String name : List.of("GET", "SET", "HSET", "HGETALL", "HINCRBY", "INCR", "DEL", "EXPIRE", "LPUSH",
                "ZADD", "MGET", "MSET", "PING", "EVALSHA", "X")) {
            assertThat(mayChangeState(name)).as(name).isFalse();
        }
    }

    private static Command<Object> command(String name, String... args) {
        Command<Object> c = Command.create(StringCodec.UTF8, name, ReplyDecoders.raw());
        for (String a : args) {
            c.arg(a);
        }
        return c;
    }

    @Test
    void theSubscribeFamilyIsRefusedInAnyCase() {
        for (String name : List.of("SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE",
                "SUNSUBSCRIBE")) {
            for (String spelled : List.of(name, name.toLowerCase(Locale.ROOT),
                    Character.toLowerCase(name.charAt(0)) + name.substring(1))) {
                assertThatThrownBy(() -> ConnectionState.checkSendable(command(spelled, "ch")))
                        .as(spelled).isInstanceOf(RedisUnsupportedCommandException.class)
                        .hasMessageStartingWith(name + " cannot run").hasMessageContaining("subscriber()");
            }
        }
    }

    @Test
    void clientReplyOffAndSkipAreRefusedAndOnIsNot() {
        for (String mode : List.of("OFF", "SKIP", "off", "Skip")) {
            assertThatThrownBy(() -> ConnectionState.checkSendable(command("CLIENT", "REPLY", mode)))
                    .isInstanceOf(RedisUnsupportedCommandException.class)
                    .hasMessageStartingWith("CLIENT REPLY " + mode.toUpperCase(Locale.ROOT));
            assertThatThrownBy(() -> ConnectionState.checkSendable(command("client reply", mode)))
                    .isInstanceOf(RedisUnsupportedCommandException.class);
        }
        for (Command<Object> allowed : List.of(command("CLIENT", "REPLY", "ON"), command("CLIENT", "REPLY"),
                command("CLIENT", "LIST"), command("CLIENT", "OFF", "REPLY"), command("CLIENT"))) {
            assertThatCode(() -> ConnectionState.checkSendable(allowed)).doesNotThrowAnyException();
        }
    }

    @Test
    void everythingElsePassesTheSendCheck() {
        for (String name : List.of("GET", "SET", "HGETALL", "ZREVRANGE", "HRANDFIELD", "INCRBYFLOAT", "SINTERCARD",
                "EXPIRETIME", "HINCRBYFLOAT", "ZRANGEBYSCORE", "PUBLISH", "SPUBLISH", "XSUBSCRIBE", "SUBSCRIBES",
                "PXSUBSCRIBE", "UXSUBSCRIBE", "PUXSUBSCRIBE", "XUNSUBSCRIBE", "SELECT", "QUIT", "RESET", "MONITOR")) {
            assertThatCode(() -> ConnectionState.checkSendable(command(name, "k"))).as(name)
                    .doesNotThrowAnyException();
        }
    }
}
