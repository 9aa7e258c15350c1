package io.respkit;

import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;

import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pipelines against a real server: the seed's examples, error modes, large pipelines, {@link Response} handles,
 * reuse, and that an unexecuted pipeline never leaves replies for the next borrower.
 */
@ExtendWith(RedisServerExtension.class)
class PipelineIntegrationTests {

    private static RedisClient<String> redis;

    @BeforeAll
    static void connect(RedisServer server) {
        // maxTotal 1: the next borrower always gets the pipeline's connection, if the pool kept it
        redis = RedisClient.create(server.configBuilder().pool(PoolConfig.builder().maxTotal(1).build()).build());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    private long destroyedBefore;

    @BeforeEach
    void flush() {
        redis.execute("FLUSHALL");
        destroyedBefore = redis.pool().stats().destroyed();
    }

    /** @return connections the pool destroyed during this test */
    private long destroyed() {
        return redis.pool().stats().destroyed() - destroyedBefore;
    }

    private static Command<Long> lpush(String key, String value) {
        return Command.create(redis.codec(), "LPUSH", ReplyDecoders.integer()).key(key).value(value);
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void seedExamples(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> client = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            List<Object> sets = client.pipelined(p -> {
                p.set("k1", "v1");
                p.set("k2", "v2");
                p.set("k3", "v3");
                p.set("k4", "v4");
            });
            assertThat(sets).containsExactly(true, true, true, true);

            List<Object> gets = client.pipelined(p -> {
                p.get("k1");
                p.get("k2");
                p.get("k3");
                p.get("k4");
            });
            assertThat(gets).containsExactly("v1", "v2", "v3", "v4");
            assertThat(client.pool().stats().active()).isZero();
        }
    }

    @Test
    void tryWithResourcesPipelineWithResponses() {
        try (Pipeline<String> p = redis.pipeline()) {
            Response<Boolean> set = p.set("a", "1");
            Response<Long> incr = p.incr("a");
            Response<String> get = p.get("a");
            Response<String> missing = p.get("missing");
            assertThatThrownBy(get::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("GET");
            assertThat(get.isDone()).isFalse();

            List<Object> results = p.execute();

            assertThat(results).containsExactly(true, 2L, "2", null);
            assertThat(set.get()).isTrue();
            assertThat(incr.get()).isEqualTo(2L);
            assertThat(get.get()).isEqualTo("2");
            assertThat(missing.get()).isNull();
            assertThat(get.isDone()).isTrue();
            assertThat(get.failure()).isNull();
            assertThat(get.commandName()).isEqualTo("GET");
        }
        assertThat(redis.pool().stats().active()).isZero();
        assertThat(destroyed()).isZero();
    }

    @Test
    void raiseOnErrorNamesTheFailedCommandAfterReadingEveryReply() {
        redis.set("mykey", "hello");
        RedisPipelineException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> redis.pipelined(p -> {
            p.set("key1", "value1");
            p.enqueue(lpush("mykey", "item"));
            p.set("key2", "value2");
        }), RedisPipelineException.class);

        assertThat(e).isNotNull();
        assertThat(e.index()).isEqualTo(1);
        assertThat(e.command()).isEqualTo("LPUSH");
        assertThat(e.code()).isEqualTo("WRONGTYPE");
        assertThat(e.getMessage()).contains("#1", "LPUSH", "WRONGTYPE");
        assertThat(e.results()).hasSize(3);
        assertThat(e.results().get(0)).isEqualTo(true);
        assertThat(e.results().get(1)).isInstanceOfSatisfying(RedisServerException.class,
                s -> assertThat(s.code()).isEqualTo("WRONGTYPE"));
        assertThat(e.results().get(2)).isEqualTo(true);
        assertThat(e.getCause()).isSameAs(e.results().get(1));

        assertThat(redis.get("key1")).isEqualTo("value1");
        assertThat(redis.get("key2")).isEqualTo("value2");
        assertThat(redis.get("mykey")).isEqualTo("hello");
        assertThat(destroyed()).isZero();
    }

    @Test
    void raiseOnErrorOffReturnsTheExceptionAsAValue() {
        redis.set("mykey", "hello");
        Response<?>[] failed = new Response<?>[1];
        List<Object> results = redis.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false), p -> {
            p.set("key1", "value1");
            failed[0] = p.enqueue(lpush("mykey", "item"));
            p.set("key2", "value2");
            p.get("key2");
        });
        assertThat(results).hasSize(4);
        assertThat(results.get(0)).isEqualTo(true);
        assertThat(results.get(1)).isInstanceOfSatisfying(RedisServerException.class, s -> {
            assertThat(s.code()).isEqualTo("WRONGTYPE");
            assertThat(s.getMessage()).contains("LPUSH");
        });
        assertThat(results.get(2)).isEqualTo(true);
        assertThat(results.get(3)).isEqualTo("value2");
        assertThat(failed[0].failure()).isSameAs(results.get(1));
        assertThatThrownBy(failed[0]::get).isSameAs(results.get(1));
    }

    @Test
    void hundredThousandCommandsComeBackInOrder() {
        int n = 50_000;
        List<Object> results = redis.pipelined(p -> {
            for (int i = 0; i < n; i++) {
                p.set("big:" + i, "value-" + i);
            }
            for (int i = 0; i < n; i++) {
                p.get("big:" + i);
            }
        });
        assertThat(results).hasSize(2 * n);
        for (int i = 0; i < n; i++) {
            if (!Boolean.TRUE.equals(results.get(i))) {
                assertThat(results.get(i)).as("result %d", i).isEqualTo(true);
            }
            if (!("value-" + i).equals(results.get(n + i))) {
                assertThat(results.get(n + i)).as("result %d", n + i).isEqualTo("value-" + i);
            }
        }
        assertThat(redis.execute("DBSIZE")).isEqualTo((long) n);
        assertThat(destroyed()).isZero();
    }

    @Test
    void smallFlushEveryStillReturnsEverything() {
        try (Pipeline<String> p = redis.pipeline(PipelineOptions.DEFAULT.withFlushEvery(3))) {
            Response<String> first = null;
            for (int i = 0; i < 10; i++) {
                p.set("f" + i, "v" + i);
                Response<String> r = p.get("f" + i);
                if (i == 0) {
                    first = r;
                    // flushEvery 3 already sent and answered the first batch
                }
            }
            assertThat(first.get()).isEqualTo("v0");
            List<Object> results = p.execute();
            assertThat(results).hasSize(20);
            for (int i = 0; i < 10; i++) {
                assertThat(results.get(2 * i)).isEqualTo(true);
                assertThat(results.get(2 * i + 1)).isEqualTo("v" + i);
            }
        }
    }

    @Test
    void pipelineCanBeReusedAfterExecute() {
        try (Pipeline<String> p = redis.pipeline()) {
            p.set("r", "1");
            p.incr("r");
            assertThat(p.execute()).containsExactly(true, 2L);

            p.incr("r");
            p.get("r");
            assertThat(p.execute()).containsExactly(3L, "3");

            assertThat(p.execute()).isEmpty();
        }
        assertThat(redis.get("r")).isEqualTo("3");
    }

    @Test
    void closedPipelineRefusesCommands() {
        Pipeline<String> p = redis.pipeline();
        p.close();
        p.close();
        assertThatThrownBy(() -> p.get("x")).isInstanceOf(IllegalStateException.class);
        assertThat(redis.pool().stats().active()).isZero();
    }

    @Test
    void closingAnUnexecutedPipelineLeavesNoRepliesForTheNextBorrower() {
        String big = "x".repeat(64 * 1024);
        Response<String> pending;
        try (Pipeline<String> p = redis.pipeline()) {
            // large values fill the write buffer, so these commands really reach the server and owe replies
            for (int i = 0; i < 8; i++) {
                p.set("unexecuted:" + i, big);
            }
            pending = p.get("unexecuted:0");
        }
        assertThat(pending.isDone()).isTrue();
        assertThatThrownBy(pending::get).isInstanceOf(RedisException.class).hasMessageContaining("closed");

        assertThat(destroyed()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            String value = UUID.randomUUID().toString();
            assertThat(redis.set("after-close", value)).isTrue();
            assertThat(redis.get("after-close")).isEqualTo(value);
        }
        assertThat(redis.pool().stats().active()).isZero();
    }

    @Test
    void exceptionInPipelinedBodyReturnsTheConnection() {
        assertThatThrownBy(() -> redis.pipelined(p -> {
            p.set("body", "1");
            throw new IllegalArgumentException("body failed");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(redis.pool().stats().active()).isZero();
        String value = UUID.randomUUID().toString();
        assertThat(redis.set("after-body", value)).isTrue();
        assertThat(redis.get("after-body")).isEqualTo(value);
    }
}
