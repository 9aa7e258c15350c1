package io.respkit.reliability.errors;

import io.respkit.exceptions.RedisBusyException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisLoadingException;
import io.respkit.exceptions.RedisMasterDownException;
import io.respkit.exceptions.RedisMaxClientsException;
import io.respkit.exceptions.RedisOutOfMemoryException;
import io.respkit.exceptions.RedisReadOnlyException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.internal.Errors;
import io.respkit.protocol.ErrorReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) for the typed server exceptions {@link Errors} builds: each code maps to its subclass of
 * {@link RedisServerException}, which keeps the server's code and message. Stateless.
 */
class ErrorCodeMappingTests {

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("LOADING Redis is loading the dataset in memory", RedisLoadingException.class),
                Arguments.of("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
                        RedisBusyException.class),
                Arguments.of("OOM command not allowed when used memory > 'maxmemory'.",
                        RedisOutOfMemoryException.class),
                Arguments.of("READONLY You can't write against a read only replica.", RedisReadOnlyException.class),
                Arguments.of("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
                        RedisMasterDownException.class),
                Arguments.of("EXECABORT Transaction discarded because of previous errors.",
                        RedisExecAbortException.class),
                Arguments.of("ERR max number of clients reached", RedisMaxClientsException.class),
                Arguments.of("ERR syntax error", RedisServerException.class),
                Arguments.of("BUSYKEY Target key name already exists.", RedisServerException.class));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void codeMapsToItsTypeKeepingCodeAndMessage(String reply, Class<? extends RedisServerException> type) {
        RedisException e = Errors.fromReply(new ErrorReply(reply), "CMD", "h:1");
        assertThat(e).isExactlyInstanceOf(type);
        RedisServerException s = (RedisServerException) e;
        assertThat(s.code()).isEqualTo(new ErrorReply(reply).code());
        assertThat(s.serverMessage()).isEqualTo(reply);
        assertThat(s.getMessage()).isEqualTo(reply + " (command CMD on h:1)");
    }

    @Test
    void withMessageKeepsTypeAndCode() {
        RedisServerException abort = (RedisServerException) Errors.fromReply(
                new ErrorReply("EXECABORT Transaction discarded because of previous errors."), "EXEC", "h:1");
        RedisServerException copy = Errors.withMessage(abort, "more context");
        assertThat(copy).isExactlyInstanceOf(RedisExecAbortException.class).hasMessage("more context")
                .hasCause(abort);
        assertThat(copy.code()).isEqualTo("EXECABORT");
        assertThat(copy.serverMessage()).isEqualTo(abort.serverMessage());
    }
}
