package io.respkit;

import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.exceptions.RedisServerException;

import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pipeline holds a pooled connection only while it has commands in flight: {@code execute()} and {@code sync()}
 * give it back, the next queued command borrows again, and a pipeline that is executed but never closed (as
 * redis-py allows) leaks nothing. Over RESP2 and RESP3 where the protocol matters.
 */
@ExtendWith(RedisServerExtension.class)
class PipelineLeaseIntegrationTests {

    private static RedisClient<String> client(RedisServer server, RespVersion protocol) {
        // maxWait short: an exhausted pool fails the test quickly instead of waiting out the default
        return RedisClient.create(server.configBuilder().protocol(protocol)
                .pool(PoolConfig.builder().maxTotal(2).maxWait(Duration.ofMillis(500)).build()).build());
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void tenPipelinesExecutedAndNeverClosedDoNotExhaustAPoolOfTwo(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = client(server, protocol)) {
            redis.execute("FLUSHALL");
            List<Pipeline<String>> neverClosed = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Pipeline<String> pipe = redis.pipeline();
                neverClosed.add(pipe);
                pipe.set("k" + i, "v" + i);
                pipe.get("k" + i);
                assertThat(pipe.execute()).containsExactly(true, "v" + i);
                assertThat(redis.pool().stats().active()).as("borrowed after execute() of pipeline %d", i).isZero();
            }
            assertThat(redis.get("k9")).isEqualTo("v9");
            assertThat(redis.pool().stats().destroyed()).isZero();
        }
    }

    @Test
    void syncGivesTheConnectionBackAndExecuteStillReturnsTheResults(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP3)) {
            Pipeline<String> pipe = redis.pipeline();
            Response<Boolean> set = pipe.set("s", "1");
            Response<Long> incr = pipe.incr("s");
            assertThat(redis.pool().stats().active()).as("queued commands hold the connection").isEqualTo(1);
            pipe.sync();
            assertThat(redis.pool().stats().active()).isZero();
            assertThat(set.get()).isTrue();
            assertThat(incr.get()).isEqualTo(2L);
            assertThat(pipe.execute()).containsExactly(true, 2L);
            assertThat(pipe.execute()).isEmpty();
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @Test
    void aPipelineWithNothingQueuedHoldsNoConnection(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP3)) {
            Pipeline<String> a = redis.pipeline();
            Pipeline<String> b = redis.pipeline();
            Pipeline<String> c = redis.pipeline();
            assertThat(redis.pool().stats().active()).isZero();
            assertThat(a.execute()).isEmpty();
            c.set("c", "1");
            assertThat(c.execute()).containsExactly(true);
            assertThat(redis.pool().stats().active()).isZero();
            b.close();
        }
    }

    @Test
    void reusedAfterExecuteTheNextCommandBorrowsAgain(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP2)) {
            redis.execute("FLUSHALL");
            Pipeline<String> pipe = redis.pipeline();
            pipe.set("r", "1");
            assertThat(pipe.execute()).containsExactly(true);
            // both connections taken by others: the pipeline's next command must wait for one
            Pipeline<String> other1 = redis.pipeline();
            Pipeline<String> other2 = redis.pipeline();
            other1.incr("r");
            other2.incr("r");
            assertThat(redis.pool().stats().active()).isEqualTo(2);
            assertThatThrownBy(() -> pipe.incr("r")).isInstanceOf(RedisPoolExhaustedException.class);
            assertThat(other1.execute()).containsExactly(2L);
            pipe.incr("r");
            pipe.get("r");
            assertThat(pipe.execute()).containsExactly(3L, "3");
            assertThat(other2.execute()).containsExactly(4L);
            assertThat(redis.pool().stats().active()).isZero();
            pipe.close();
            pipe.close();
            assertThatThrownBy(() -> pipe.get("r")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(pipe::execute).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void raiseOnErrorStillGivesTheConnectionBack(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP3)) {
            redis.execute("FLUSHALL");
            redis.set("str", "text");
            Pipeline<String> pipe = redis.pipeline();
            pipe.set("a", "1");
            pipe.incr("str");
            assertThatThrownBy(pipe::execute).isInstanceOfSatisfying(RedisPipelineException.class,
                    e -> assertThat(e.index()).isEqualTo(1));
            assertThat(redis.pool().stats().active()).isZero();
            assertThat(redis.pool().stats().destroyed()).as("an error reply leaves the connection healthy").isZero();
            pipe.get("a");
            assertThat(pipe.execute()).containsExactly("1");

            Pipeline<String> values = redis.pipeline(PipelineOptions.DEFAULT.withRaiseOnError(false));
            values.incr("str");
            values.get("a");
            List<Object> results = values.execute();
            assertThat(results.get(0)).isInstanceOf(RedisServerException.class);
            assertThat(results.get(1)).isEqualTo("1");
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @Test
    void aLongPipelineKeepsOneConnectionAcrossAutoFlushesUntilExecuted(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP3)) {
            redis.execute("FLUSHALL");
            Pipeline<String> pipe = redis.pipeline(PipelineOptions.DEFAULT.withFlushEvery(10));
            List<Response<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 95; i++) {
                pipe.incr("long");
                if (i % 10 == 0) {
                    // CLIENT ID would change if the connection were given back between auto-flushed batches
                    ids.add(pipe.enqueue(io.respkit.commands.Command.create(redis.codec(), "CLIENT ID",
                            io.respkit.commands.ReplyDecoders.integer())));
                }
                assertThat(redis.pool().stats().active()).isEqualTo(1);
            }
            List<Object> results = pipe.execute();
            assertThat(results).hasSize(95 + ids.size());
            assertThat(results.get(results.size() - 1)).isEqualTo(95L);
            assertThat(ids).extracting(Response::get).containsOnly(ids.get(0).get());
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @Test
    void closingWithQueuedCommandsDiscardsThemAndTheNextBorrowerSeesNoStrayReply(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP3)) {
            redis.execute("FLUSHALL");
            Pipeline<String> pipe = redis.pipeline();
            pipe.set("kept", "1");
            pipe.execute();
            Response<Boolean> discarded = pipe.set("discarded", "1");
            pipe.close();
            assertThat(discarded.isDone()).isTrue();
            assertThatThrownBy(discarded::get).isInstanceOf(RedisException.class).hasMessageContaining("closed");
            assertThat(redis.pool().stats().active()).isZero();
            for (int i = 0; i < 5; i++) {
                assertThat(redis.set("after", "v" + i)).isTrue();
                assertThat(redis.get("after")).isEqualTo("v" + i);
            }
            assertThat(redis.get("kept")).isEqualTo("1");
        }
    }

    @Test
    void resetDiscardsQueuedCommandsAndKeepsThePipelineUsable(RedisServer server) {
        try (RedisClient<String> redis = client(server, RespVersion.RESP3)) {
            redis.execute("FLUSHALL");
            Pipeline<String> pipe = redis.pipeline();
            Response<Boolean> dropped = pipe.set("dropped", "1");
            pipe.reset();
            assertThat(redis.pool().stats().active()).isZero();
            assertThatThrownBy(dropped::get).isInstanceOf(RedisException.class);
            pipe.set("after-reset", "1");
            assertThat(pipe.execute()).containsExactly(true);
            assertThat(redis.get("after-reset")).isEqualTo("1");
        }
    }
}
