package io.respkit.internal;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.protocol.ErrorReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) for {@link Errors}: echoed arguments are stripped and error codes map to the right
 * exception type. Stateless; safe to run in parallel.
 */
class ErrorsTests {

    @Test
    void cleanStripsEchoedArguments() {
        assertThat(Errors.clean("ERR unknown command 'FOO', with args beginning with: 's3cr3t-pw' 'x' "))
                .isEqualTo("ERR unknown command 'FOO'");
        assertThat(Errors.clean("ERR unknown command 'FOO', with args beginning with: "))
                .isEqualTo("ERR unknown command 'FOO'");
        assertThat(Errors.clean("ERR unknown subcommand 'x'. Try CONFIG HELP."))
                .isEqualTo("ERR unknown subcommand 'x'. Try CONFIG HELP.");
        assertThat(Errors.clean("WRONGTYPE Operation against a key holding the wrong kind of value"))
                .isEqualTo("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThat(Errors.clean("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOAUTH Authentication required.",
        "WRONGPASS invalid username-password pair or user is disabled.",
        "NOPERM this user has no permissions to run the 'get' command"})
    void authenticationCodesMapToRedisAuthenticationExceptionsWhichAreServerExceptions(String message) {
        RedisException e = Errors.fromReply(new ErrorReply(message), "GET", "127.0.0.1:6379");
        String code = message.substring(0, message.indexOf(' '));
        Class<?> expected = switch (code) {
            case "NOAUTH" -> io.respkit.exceptions.RedisNoAuthException.class;
            case "WRONGPASS" -> io.respkit.exceptions.RedisWrongPasswordException.class;
            default -> io.respkit.exceptions.RedisNoPermissionException.class;
        };
        assertThat(e).isInstanceOf(RedisAuthenticationException.class).isExactlyInstanceOf(expected)
                .isInstanceOf(io.respkit.exceptions.RedisServerException.class);
        assertThat(((RedisAuthenticationException) e).code()).isEqualTo(code);
        assertThat(((RedisAuthenticationException) e).serverMessage()).isEqualTo(message);
        assertThat(e.getMessage()).isEqualTo(message + " (command GET on 127.0.0.1:6379)");
    }

    @Test
    void otherCodesMapToRedisServerExceptionWithTheCode() {
        RedisException e = Errors.fromReply(
                new ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value"), "INCR",
                "host:6380");
        assertThat(e).isExactlyInstanceOf(RedisServerException.class);
        RedisServerException server = (RedisServerException) e;
        assertThat(server.code()).isEqualTo("WRONGTYPE");
        assertThat(server.serverMessage()).isEqualTo("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThat(server.getMessage()).isEqualTo(
                "WRONGTYPE Operation against a key holding the wrong kind of value (command INCR on host:6380)");

        RedisServerException err = (RedisServerException) Errors.fromReply(new ErrorReply("ERR syntax error"), "SET",
                "h:1");
        assertThat(err.code()).isEqualTo("ERR");
        assertThat(((RedisServerException) Errors.fromReply(new ErrorReply("BUSYGROUP Consumer Group name already "
                + "exists"), "XGROUP CREATE", "h:1")).code()).isEqualTo("BUSYGROUP");
        assertThat(((RedisServerException) Errors.fromReply(new ErrorReply(""), "X", "h:1")).code()).isEqualTo("ERR");
    }

    @Test
    void fromReplyNeverShowsEchoedArguments() {
        RedisException e = Errors.fromReply(
                new ErrorReply("ERR unknown command 'AUTHX', with args beginning with: 'admin' 's3cr3t-pw' "),
                "AUTHX", "h:1");
        assertThat(e).isExactlyInstanceOf(RedisServerException.class);
        assertThat(e.getMessage()).isEqualTo("ERR unknown command 'AUTHX' (command AUTHX on h:1)")
                .doesNotContain("s3cr3t-pw");
        assertThat(((RedisServerException) e).serverMessage()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void lowercaseOrPrefixedCodesAreNotAuthentication() {
        assertThat(Errors.fromReply(new ErrorReply("noauth lower case"), "GET", "h:1"))
                .isExactlyInstanceOf(RedisServerException.class);
        assertThat(Errors.fromReply(new ErrorReply("NOAUTHX something"), "GET", "h:1"))
                .isExactlyInstanceOf(RedisServerException.class);
    }
}
