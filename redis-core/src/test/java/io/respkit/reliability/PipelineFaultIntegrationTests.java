package io.respkit.reliability;

import io.respkit.Pipeline;
import io.respkit.PipelineOptions;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.Response;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PoolStats;
import io.respkit.test.FaultProxy;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scenario 3: pipelines under faults. An error reply in the middle leaves the pool whole and the connection healthy;
 * a pipeline whose replies are cut off mid-reply fails every unanswered command with a typed error, discards its
 * connection, and leaves the pool whole.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class PipelineFaultIntegrationTests {

    /** Each GET reply of a 1,000-byte value is {@code $1000\r\n} + 1,000 bytes + {@code \r\n}. */
    private static final int VALUE_SIZE = 1000;
    private static final int REPLY_SIZE = VALUE_SIZE + 9;
    private static final int COMMANDS = 50;

    private static ConnectionPool pool(io.respkit.connection.RedisConfig.Builder b) {
        return ConnectionPool.create(b.timeout(Duration.ofSeconds(2)).pool(PoolConfig.builder().maxTotal(2).build())
                .build());
    }

    private static String value(int i) {
        String prefix = "v" + i + "-";
        return prefix + "x".repeat(VALUE_SIZE - prefix.length());
    }

    @ParameterizedTest(name = "raiseOnError={0}")
    @ValueSource(booleans = {true, false})
    void errorReplyInTheMiddleLeavesThePoolWhole(boolean raiseOnError, RedisServer server) {
        try (ConnectionPool pool = pool(server.configBuilder()); RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("pf:string", "text");
            PoolStats before = pool.stats();
            PipelineOptions options = PipelineOptions.DEFAULT.withRaiseOnError(raiseOnError);
            if (raiseOnError) {
                assertThatThrownBy(() -> redis.pipelined(options, p -> {
                    p.set("pf:a", "1");
                    p.incr("pf:string");
                    p.get("pf:a");
                })).isInstanceOfSatisfying(RedisPipelineException.class, e -> assertThat(e.index()).isEqualTo(1));
            } else {
                List<Object> results = redis.pipelined(options, p -> {
                    p.set("pf:a", "1");
                    p.incr("pf:string");
                    p.get("pf:a");
                });
                assertThat(results).hasSize(3);
                assertThat(results.get(1)).isInstanceOf(RedisServerException.class);
                assertThat(results.get(2)).isEqualTo("1");
            }
            Leaks.assertPoolWhole(pool);
            assertThat(pool.stats().destroyed()).as("an error reply leaves the connection healthy")
                    .isEqualTo(before.destroyed());
            Leaks.assertRepliesRouted(redis, 200);
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void pipelineCutMidReplyFailsEveryUnansweredCommand(RedisServer server) {
        try (RedisClient<String> direct = RedisClient.create(server.config())) {
            for (int i = 0; i < COMMANDS; i++) {
                direct.set("pf:big:" + i, value(i));
            }
        }
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy.configBuilder());
             RedisClient<String> redis = RedisClient.create(pool)) {
            assertThat(redis.execute("PING")).isEqualTo("PONG");
            PoolStats before = pool.stats();
            int whole = 20;
            proxy.cutNextReplyAfter(whole * REPLY_SIZE + REPLY_SIZE / 2);

            List<Response<String>> responses = new ArrayList<>();
            try (Pipeline<String> p = redis.pipeline()) {
                for (int i = 0; i < COMMANDS; i++) {
                    responses.add(p.get("pf:big:" + i));
                }
                assertThatThrownBy(p::execute).isInstanceOf(RedisConnectionException.class);
            }
            for (int i = 0; i < COMMANDS; i++) {
                Response<String> r = responses.get(i);
                if (i < whole) {
                    assertThat(r.get()).as("reply %d arrived whole", i).isEqualTo(value(i));
                } else {
                    assertThat(r.failure()).as("reply %d was cut", i).isInstanceOf(RedisConnectionException.class);
                }
            }
            assertThat(pool.stats().destroyed()).isGreaterThan(before.destroyed());
            Leaks.assertPoolWhole(pool);
            Leaks.assertRepliesRouted(redis, 200);
            assertThat(redis.get("pf:big:" + (COMMANDS - 1))).isEqualTo(value(COMMANDS - 1));
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void pipelinedCutInTheFirstReplyFailsWithATypedError(RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy.configBuilder());
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("pf:small", "v");
            proxy.cutNextReplyAfter(2);
            assertThatThrownBy(() -> redis.pipelined(p -> {
                p.get("pf:small");
                p.set("pf:other", "w");
                p.get("pf:small");
            })).isInstanceOf(RedisConnectionException.class).hasMessageContaining("GET");
            Leaks.assertPoolWhole(pool);
            assertThat(redis.get("pf:small")).isEqualTo("v");
            Leaks.assertRepliesRouted(redis, 100);
        }
    }

    @Test
    void transactionCutMidReplyFailsEveryQueuedCommand(RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy.configBuilder());
             RedisClient<String> redis = RedisClient.create(pool)) {
            assertThat(redis.execute("PING")).isEqualTo("PONG");
            proxy.cutNextReplyAfter(8); // "+OK\r\n" for MULTI, then part of the first "+QUEUED\r\n"
            List<Response<?>> queued = new ArrayList<>();
            assertThatThrownBy(() -> redis.multi(tx -> {
                queued.add(tx.set("pf:tx", "1"));
                queued.add(tx.incr("pf:tx"));
            })).isInstanceOf(RedisConnectionException.class);
            assertThat(queued).allSatisfy(r -> assertThat(r.failure()).isInstanceOf(RedisConnectionException.class));
            Leaks.assertPoolWhole(pool);
            Leaks.assertRepliesRouted(redis, 100);
        }
    }
}
