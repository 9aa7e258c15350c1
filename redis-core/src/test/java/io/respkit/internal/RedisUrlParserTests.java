package io.respkit.internal;

import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.pool.PoolConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Unit tests (no server): every malformed URL, query option, builder option and pool option is refused with a
 * message that says exactly what is wrong (which part, which option, what is allowed, what was given) and never
 * shows the password.
 */
class RedisUrlParserTests {

    private static final String PW = "Pw-Qz81";

    static Stream<Arguments> badUrls() {
        return Stream.of(
                // reserved characters in the user info: not "the host is missing"
                Arguments.of("redis://:pa#ss" + PW + "@host:6379", "the password contains a reserved character "
                        + "('#') that must be percent-encoded in a URL (as %23)"),
                Arguments.of("redis://:pa/ss" + PW + "@host", "the password contains a reserved character ('/') "
                        + "that must be percent-encoded in a URL (as %2F)"),
                Arguments.of("redis://user:" + PW + "?x@host/0?timeout=1", "the password contains a reserved "
                        + "character ('?') that must be percent-encoded in a URL (as %3F)"),
                Arguments.of("redis://" + PW + "/x@host", "the user info contains a reserved character ('/')"),
                Arguments.of("redis://us#er:" + PW + "@host", "the user name contains a reserved character ('#')"),
                Arguments.of("redis://:" + PW + "%zz@host", "invalid percent-escape in the password"),
                Arguments.of("redis://:" + PW + "%@host", "incomplete percent-escape in the password"),
                // numbers: what is allowed, what was given
                Arguments.of("redis://h?maxTotal=-1", "maxTotal must be between 1 and 2147483647, was -1: "
                        + "-1 (unlimited in commons-pool2) is not supported"),
                Arguments.of("redis://h?maxIdle=-1", "maxIdle must be between 0 and 2147483647, was -1: "
                        + "-1 (unlimited in commons-pool2) is not supported"),
                Arguments.of("redis://h?minIdle=-2", "minIdle must be between 0 and 2147483647, was -2"),
                Arguments.of("redis://h?maxTotal=lots", "maxTotal must be a number from 1 to 2147483647, was 'lots'"),
                Arguments.of("redis://h?maxTotal=", "maxTotal must be a number from 1 to 2147483647, but is empty"),
                Arguments.of("redis://h:-1", "port must be between 1 and 65535"),
                Arguments.of("redis://h/-3", "database must be between 0 and 2147483647, was -3"),
                Arguments.of("redis://h?db=x", "db must be a number from 0 to 2147483647, was 'x'"),
                Arguments.of("redis://h?minIdle=5&maxIdle=2", "minIdle (5) must not be above maxIdle (2)"),
                Arguments.of("redis://h?maxIdle=9&maxTotal=4", "maxIdle (9) must not be above maxTotal (4)"),
                // durations
                Arguments.of("redis://h?timeout=-1", "timeout must be positive, was -1"),
                Arguments.of("redis://h?timeout=0", "timeout must be positive, was 0 (there is no 'no timeout')"),
                Arguments.of("redis://h?connectTimeout=0ms", "connectTimeout must be positive, was 0ms"),
                Arguments.of("redis://h?maxWait=-1", "maxWait must be positive, was -1: -1 (wait forever in "
                        + "commons-pool2) is not supported"),
                Arguments.of("redis://h?timeout=soon", "timeout must be a duration such as 2, 0.5, 500ms or 2s, "
                        + "was 'soon'"),
                // booleans, enums
                Arguments.of("redis://h?retryReads=maybe", "retryReads must be true or false (or yes/no, 1/0), "
                        + "was 'maybe'"),
                Arguments.of("redis://h?multiplexed=", "multiplexed must be true or false (or yes/no, 1/0), but "
                        + "is empty"),
                Arguments.of("redis://h?protocol=4", "protocol must be resp2 or resp3 (or 2, 3), was '4'"),
                // unknown and duplicated options
                Arguments.of("redis://h?Timeout=2", "unknown option 'Timeout' (did you mean 'timeout'?)"),
                Arguments.of("redis://h?tiemout=2", "unknown option 'tiemout'; known options: timeout"),
                Arguments.of("redis://h?timeout=1&timeout=2", "option 'timeout' is given twice"),
                Arguments.of("redis://h?timeout=1&socket_timeout=2", "option 'socket_timeout' sets the same as "
                        + "'timeout', which is given too"),
                Arguments.of("redis://h/1?db=2", "option 'db' sets the database, which the path (/1) sets too"),
                Arguments.of("redis://h?maxTotal=4&max_connections=8", "option 'max_connections' sets the same "
                        + "as 'maxTotal', which is given too"),
                Arguments.of("redis://h?clientName=a%0Ab", "client name must contain only printable characters "
                        + "other than space"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUrls")
    void badUrlsSayExactlyWhatIsWrong(String url, String reason) {
        Throwable thrown = catchThrowable(() -> RedisConfig.fromUrl(url));
        assertThat(thrown).isExactlyInstanceOf(RedisUrlSyntaxException.class)
                .hasMessageStartingWith("Invalid Redis URL '")
                .hasMessageContaining(reason);
        assertThat(thrown.getMessage()).doesNotContain(PW).doesNotContain("pa#ss").doesNotContain("pa/ss");
    }

    @Test
    void reservedCharactersAfterTheUserInfoAreNotMistakenForIt() {
        // an '@' in an option value, or in the fragment of a URL whose user info is delimited, is no user info
        assertThat(RedisConfig.fromUrl("redis://host?clientName=me@x").clientName()).isEqualTo("me@x");
        assertThat(RedisConfig.fromUrl("redis://:p%23w@host/2").password()).isEqualTo("p#w");
        assertThat(RedisConfig.fromUrl("redis://:p%2Fw%3F@host").password()).isEqualTo("p/w?");
        assertThat(RedisConfig.fromUrl("redis://u:pw@host#frag@x").host()).isEqualTo("host");
    }

    static Stream<Arguments> badBuilderOptions() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().maxTotal(-1).build(),
                        "pool maxTotal must be at least 1, was -1: -1 (unlimited in commons-pool2) is not supported"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().maxTotal(0).build(),
                        "pool maxTotal must be at least 1, was 0"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().maxIdle(-1).build(),
                        "pool maxIdle must not be negative, was -1: -1 (unlimited in commons-pool2) is not "
                                + "supported"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().minIdle(-1).build(),
                        "pool minIdle must not be negative, was -1"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().maxTotal(4).maxIdle(8).build(),
                        "pool maxIdle (8) must not be above maxTotal (4)"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().maxIdle(2).minIdle(3).build(),
                        "pool minIdle (3) must not be above maxIdle (2)"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().maxWait(Duration.ofMillis(-1)).build(),
                        "pool maxWait must be positive, was -1 ms: -1 (wait forever in commons-pool2) is not "
                                + "supported"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().maxWait(Duration.ZERO).build(),
                        "pool maxWait must be positive, was 0 ms"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().validateAfterIdle(Duration.ofSeconds(-2))
                        .build(), "pool validateAfterIdle must not be negative (0 turns the check off), was -2000 ms"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().maxTotal(2).minIdle(5).build(),
                        "pool minIdle (5) must not be above maxTotal (2)"),
                Arguments.of((Supplier<Object>) () -> PoolConfig.builder().probeAfterIdle(Duration.ofMillis(-5))
                        .build(), "pool probeAfterIdle must not be negative (0 turns the probe off), was -5 ms"),
                Arguments.of((Supplier<Object>) () -> RedisConfig.builder().timeout(Duration.ZERO),
                        "timeout must be positive, was 0 ms (there is no 'no timeout')"),
                Arguments.of((Supplier<Object>) () -> RedisConfig.builder().connectTimeout(Duration.ofSeconds(-1)),
                        "connectTimeout must be positive, was -1000 ms"),
                Arguments.of((Supplier<Object>) () -> RedisConfig.builder().clientName(""),
                        "client name must not be empty (use null for none)"),
                Arguments.of((Supplier<Object>) () -> RedisConfig.builder().clientName("a b"),
                        "client name must contain only printable characters other than space, was 'a b'"),
                Arguments.of((Supplier<Object>) () -> RedisConfig.builder().clientName("a\nb"),
                        "client name must contain only printable characters other than space"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badBuilderOptions")
    void badBuilderOptionsSayExactlyWhatIsWrong(Supplier<Object> build, String reason) {
        Throwable thrown = catchThrowable(build::get);
        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
