package io.respkit.connection;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.internal.connection.SecretScrubber;
import io.respkit.protocol.ErrorReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server): the errors inside an {@code EXEC} result of a hand-written {@code MULTI} are masked with the
 * secrets of the command queued at their place, which the connection's {@link ConnectionState} remembers.
 */
class ExecResultScrubbingTests {

    private static Command<Object> cmd(String... words) {
        Command<Object> c = Command.create(StringCodec.UTF8, words[0], ReplyDecoders.raw());
        for (int i = 1; i < words.length; i++) {
            c.arg(words[i]);
        }
        return c;
    }

    @Test
    void execResultsOfAHandWrittenMultiAreScrubbedPerQueuedCommand() {
        SecretScrubber scrubber = new SecretScrubber(null);
        ConnectionState state = new ConnectionState();
        SecretScrubber.Queued queued = new SecretScrubber.Queued() {
            @Override
            public boolean credentialsQueued() {
                return state.credentialsQueued();
            }

            @Override
            public Command<?> credentialsQueuedAt(int index) {
                return state.credentialsQueuedAt(index);
            }
        };
        state.track(cmd("MULTI"));
        state.track(cmd("GET", "k"));
        state.track(cmd("ACL", "SETUSER", "bob", "<NewPw-5"));
        state.track(cmd("EVAL", "return redis.error_reply('x')", "0"));
        Object scrubbed = scrubber.scrub(cmd("EXEC"), List.of("v", new ErrorReply("ERR modifier '<NewPw-5'"),
                new ErrorReply("ERR script said 'x'")), queued);
        assertThat(scrubbed).asList().containsExactly("v", new ErrorReply("ERR modifier '****'"),
                new ErrorReply("ERR script said 'x'"));
        state.track(cmd("EXEC"));
        assertThat(state.credentialsQueued()).isFalse();
    }
}
