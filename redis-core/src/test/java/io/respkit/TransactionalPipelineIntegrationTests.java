package io.respkit;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisExecAbortException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTransactionAbortedException;

import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Transactional pipelines ({@link PipelineOptions#withTransaction(boolean)}, redis-py's default
 * {@code pipeline(transaction=True)}) against a real server over RESP2 and RESP3: what is queued goes out wrapped in
 * {@code MULTI}/{@code EXEC} in one round trip (seen by {@code MONITOR}), {@code WATCH} with immediate commands and
 * {@code multi()} as in the seeds, typed errors, and the connection given back after every {@code execute()}.
 */
@ExtendWith(RedisServerExtension.class)
class TransactionalPipelineIntegrationTests {

    private static final PipelineOptions TX = PipelineOptions.DEFAULT.withTransaction(true);

    private RedisClient<String> redis;
    private RedisClient<String> other;

    private RedisClient<String> client(RedisServer server, RespVersion protocol) {
        redis = RedisClient.create(server.configBuilder().protocol(protocol)
                .pool(PoolConfig.builder().maxTotal(2).maxWait(Duration.ofMillis(500)).build()).build());
        other = RedisClient.create(server.configBuilder().protocol(protocol).build());
        redis.execute("FLUSHALL");
        return redis;
    }

    @AfterEach
    void poolIsWholeAndClean() {
        if (redis == null) {
            return;
        }
        assertThat(redis.pool().stats().active()).as("connections still borrowed").isZero();
        redis.withConnection(r -> {
            assertThat(r.execute(Command.create(r.codec(), "CLIENT INFO", ReplyDecoders.string())))
                    .contains(" db=0 ").contains(" multi=-1 ");
            return null;
        });
        redis.close();
        other.close();
    }

    /** Watches every command the server runs, on a plain socket of its own. */
    private static final class Monitor implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;

        Monitor(RedisServer server) throws IOException {
            socket = new Socket(server.host(), server.port());
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("+OK");
        }

        /** Reads command names up to and including the first {@code stop}, skipping others' traffic. */
        List<String> commandsUntil(String stop, String marker) throws IOException {
            List<String> names = new ArrayList<>();
            while (true) {
                String line = in.readLine();
                assertThat(line).as("MONITOR line").isNotNull();
                int q = line.indexOf("] \"");
                if (q < 0) {
                    continue;
                }
                String rest = line.substring(q + 3);
                String name = rest.substring(0, rest.indexOf('"'));
                if (names.isEmpty() && !rest.contains(marker) && !name.equals("MULTI")) {
                    continue;
                }
                names.add(name);
                if (name.equalsIgnoreCase(stop)) {
                    return names;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void queuedCommandsAreWrappedInMultiExecAsMonitorShows(RespVersion protocol, RedisServer server)
            throws IOException {
        RedisClient<String> redis = client(server, protocol);
        try (Monitor monitor = new Monitor(server)) {
            Pipeline<String> pipe = redis.pipeline(TX);
            Response<Boolean> set = pipe.set("mon:k1", "v1");
            pipe.set("mon:k2", "v2");
            Response<String> get = pipe.get("mon:k1");
            assertThat(set.isDone()).as("nothing runs before execute()").isFalse();
            assertThat(pipe.execute()).containsExactly(true, true, "v1");
            assertThat(set.get()).isTrue();
            assertThat(get.get()).isEqualTo("v1");
            assertThat(monitor.commandsUntil("EXEC", "mon:")).containsExactly("MULTI", "SET", "SET", "GET", "EXEC");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void seedFormWithMultiAndTenPipelinesNeverClosedOnAPoolOfTwo(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        for (int i = 0; i < 10; i++) {
            Pipeline<String> pipe = redis.transactionalPipeline();
            pipe.multi();
            pipe.set("key1", "value" + i);
            pipe.set("key2", "value" + i);
            pipe.get("key1");
            assertThat(pipe.execute()).containsExactly(true, true, "value" + i);
            assertThat(redis.pool().stats().active()).isZero();
            // and reused, once more
            pipe.incr("counter");
            assertThat(pipe.execute()).containsExactly((long) i + 1);
        }
        assertThat(redis.pool().stats().destroyed()).isZero();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void watchConflictAbortsTheTransactionAndNothingRuns(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        redis.set("balance", "100");
        Pipeline<String> pipe = redis.transactionalPipeline();
        pipe.watch("balance");
        Response<String> read = pipe.get("balance");
        assertThat(read.isDone()).as("after watch(), commands run at once").isTrue();
        assertThat(read.get()).isEqualTo("100");
        other.set("balance", "150"); // a concurrent writer
        pipe.multi();
        Response<Boolean> write = pipe.set("balance", String.valueOf(Long.parseLong(read.get()) - 30));
        pipe.set("audit", "withdrew 30");
        assertThatThrownBy(pipe::execute).isInstanceOf(RedisTransactionAbortedException.class)
                .hasMessageContaining("watched key");
        assertThatThrownBy(write::get).isInstanceOf(RedisTransactionAbortedException.class);
        assertThat(redis.get("balance")).isEqualTo("150");
        assertThat(redis.get("audit")).isNull();
        assertThat(redis.pool().stats().active()).isZero();

        // the retry, on the same pipeline, commits
        pipe.watch("balance");
        long balance = Long.parseLong(pipe.get("balance").get());
        pipe.multi();
        pipe.set("balance", String.valueOf(balance - 30));
        assertThat(pipe.execute()).containsExactly(true);
        assertThat(redis.get("balance")).isEqualTo("120");
        assertThat(redis.pool().stats().destroyed()).isZero();
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void queueTimeErrorIsATypedExecAbortNamingTheCommand(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        Pipeline<String> pipe = redis.pipeline(TX);
        pipe.set("never", "1");
        Response<Object> bad = pipe.enqueue(Command.create(redis.codec(), "NOSUCHCOMMAND", ReplyDecoders.raw())
                .arg("x"));
        RedisExecAbortException e = catchThrowableOfType(pipe::execute, RedisExecAbortException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("EXECABORT").contains("#1").contains("NOSUCHCOMMAND");
        assertThat(bad.failure()).isInstanceOf(RedisServerException.class);
        assertThat(redis.get("never")).isNull();
        assertThat(redis.pool().stats().active()).isZero();
        assertThat(redis.pool().stats().destroyed()).as("EXECABORT leaves the connection healthy").isZero();
        pipe.set("now", "1");
        assertThat(pipe.execute()).containsExactly(true);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void runTimeErrorsRaiseOrComeBackAsValues(RespVersion protocol, RedisServer server) {
        RedisClient<String> redis = client(server, protocol);
        redis.set("str", "text");
        Pipeline<String> raising = redis.pipeline(TX);
        raising.set("a", "1");
        raising.incr("str");
        raising.incr("a");
        RedisPipelineException e = catchThrowableOfType(raising::execute, RedisPipelineException.class);
        assertThat(e).isNotNull();
        assertThat(e.index()).isEqualTo(1);
        assertThat(e.command()).isEqualTo("INCR");
        assertThat(e.results()).hasSize(3);
        assertThat(e.results().get(0)).isEqualTo(true);
        assertThat(e.results().get(2)).isEqualTo(2L);
        assertThat(redis.get("a")).as("the transaction ran despite the error").isEqualTo("2");

        Pipeline<String> values = redis.pipeline(TX.withRaiseOnError(false));
        values.incr("str");
        values.incr("a");
        List<Object> results = values.execute();
        assertThat(results.get(0)).isInstanceOfSatisfying(RedisServerException.class,
                s -> assertThat(s.getMessage()).contains("INCR"));
        assertThat(results.get(1)).isEqualTo(3L);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void multiOnAPlainPipelineMakesThatRoundTransactional(RespVersion protocol, RedisServer server)
            throws IOException {
        RedisClient<String> redis = client(server, protocol);
        try (Monitor monitor = new Monitor(server)) {
            Pipeline<String> pipe = redis.pipeline();
            pipe.multi();
            pipe.set("plain:a", "1");
            pipe.incr("plain:a");
            assertThat(pipe.execute()).containsExactly(true, 2L);
            assertThat(monitor.commandsUntil("EXEC", "plain:")).containsExactly("MULTI", "SET", "INCR", "EXEC");
            pipe.incr("plain:a");
            pipe.get("plain:a");
            assertThat(pipe.execute()).containsExactly(3L, "3");
            assertThat(monitor.commandsUntil("GET", "plain:")).containsExactly("INCR", "GET");
        }
    }

    @Test
    void misuseIsRefusedClearly(RedisServer server) {
        RedisClient<String> redis = client(server, RespVersion.RESP3);
        Pipeline<String> pipe = redis.pipeline(TX);
        pipe.multi();
        assertThatThrownBy(pipe::multi).isInstanceOf(IllegalStateException.class).hasMessageContaining("multi()");
        pipe.set("x", "1");
        assertThatThrownBy(() -> pipe.watch("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("watch()");
        pipe.reset();

        Pipeline<String> plain = redis.pipeline();
        plain.set("y", "1");
        assertThatThrownBy(plain::multi).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already queued");
        assertThatThrownBy(() -> plain.watch("y")).isInstanceOf(IllegalStateException.class);
        assertThat(plain.execute()).containsExactly(true);
        assertThatThrownBy(() -> pipe.watch()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetAfterWatchUnwatchesAndGivesTheConnectionBackClean(RedisServer server) {
        RedisClient<String> redis = client(server, RespVersion.RESP3);
        Pipeline<String> pipe = redis.transactionalPipeline();
        pipe.watch("w");
        assertThat(redis.pool().stats().active()).isEqualTo(1);
        pipe.reset();
        assertThat(redis.pool().stats().active()).isZero();
        assertThat(redis.pool().stats().destroyed()).isZero();
        // WATCH then execute() with nothing queued: ends the round the same way
        pipe.watch("w");
        assertThat(pipe.get("w").get()).isNull();
        assertThat(pipe.execute()).isEmpty();
        pipe.close();
        assertThat(redis.pool().stats().destroyed()).isZero();
    }

    @Test
    void aConnectionKilledWhileWatchingFailsTypedAndIsNeverReused(RedisServer server) {
        RedisClient<String> redis = client(server, RespVersion.RESP3);
        Pipeline<String> pipe = redis.transactionalPipeline();
        pipe.watch("k");
        long id = pipe.enqueue(Command.create(redis.codec(), "CLIENT ID", ReplyDecoders.integer())).get();
        other.execute("CLIENT", "KILL", "ID", id);
        pipe.multi();
        Response<Boolean> set = pipe.set("k", "1");
        assertThatThrownBy(pipe::execute).isInstanceOf(RedisConnectionException.class);
        assertThat(set.failure()).isInstanceOf(RedisConnectionException.class);
        assertThat(redis.pool().stats().active()).isZero();
        assertThat(redis.get("k")).isNull();
        pipe.set("k", "2");
        assertThat(pipe.execute()).containsExactly(true);
        assertThat(redis.get("k")).isEqualTo("2");
    }

    @Test
    void closingWithAQueuedTransactionalRoundRunsNothing(RedisServer server) {
        RedisClient<String> redis = client(server, RespVersion.RESP3);
        Pipeline<String> pipe = redis.transactionalPipeline();
        pipe.watch("w");
        pipe.multi();
        Response<Boolean> set = pipe.set("never", "1");
        pipe.close();
        pipe.close();
        assertThatThrownBy(set::get).isInstanceOf(RedisException.class).hasMessageContaining("discarded");
        assertThat(redis.get("never")).isNull();
        assertThat(redis.pool().stats().destroyed()).as("nothing was sent, so the connection is reused").isZero();
        assertThatThrownBy(() -> pipe.set("x", "1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anErrorInImmediateModeRaisesAtOnceAndKeepsTheWatch(RedisServer server) {
        RedisClient<String> redis = client(server, RespVersion.RESP2);
        redis.set("text", "abc");
        Pipeline<String> pipe = redis.transactionalPipeline();
        pipe.watch("text");
        assertThatThrownBy(() -> pipe.incr("text")).isInstanceOfSatisfying(RedisServerException.class,
                e -> assertThat(e.getMessage()).contains("INCR"));
        other.set("text", "changed");
        pipe.multi();
        pipe.set("text", "mine");
        assertThatThrownBy(pipe::execute).isInstanceOf(RedisTransactionAbortedException.class);
        assertThat(redis.get("text")).isEqualTo("changed");
    }
}
