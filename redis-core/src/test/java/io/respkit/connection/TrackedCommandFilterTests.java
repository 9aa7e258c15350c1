package io.respkit.connection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) for the cheap filter in front of {@link RedisConnection#trackSuccess}: it must let every
 * state-changing command through, in any case, and may reject the everyday ones. Stateless.
 */
class TrackedCommandFilterTests {

    private static final List<String> TRACKED = List.of("SELECT", "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH",
            "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "HELLO", "AUTH", "RESET", "MONITOR", "CLIENT");

    @Test
    void everyStateChangingCommandPassesInAnyCase() {
        for (String name : TRACKED) {
            assertThat(ConnectionState.mayChangeState(name)).as(name).isTrue();
            assertThat(ConnectionState.mayChangeState(name.toLowerCase(Locale.ROOT))).as(name).isTrue();
            String mixed = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            assertThat(ConnectionState.mayChangeState(mixed)).as(mixed).isTrue();
        }
    }

    @Test
    void everydayCommandsAreFilteredOut() {
        for (String name : List.of("GET", "SET", "HSET", "HGETALL", "HINCRBY", "INCR", "DEL", "EXPIRE", "LPUSH",
                "ZADD", "MGET", "MSET", "PING", "EVALSHA", "", "X")) {
            assertThat(ConnectionState.mayChangeState(name)).as(name).isFalse();
        }
    }
}
