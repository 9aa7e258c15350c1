package io.respkit.reliability;

import io.respkit.Pipeline;
import io.respkit.RedisClient;
import io.respkit.Response;
import io.respkit.commands.KeyValue;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking pop queued in a pipeline, a transactional pipeline or a {@code multi(...)} body whose {@link Response}
 * its caller cancelled before the reply was read still pops on the server; what it took is put back where it came
 * from, so that no item is lost, and the round's results show the cancellation instead of throwing it.
 */
@ExtendWith(RedisServerExtension.class)
class CancelledPipelinePopIntegrationTests {

    private static final Duration BLOCK = Duration.ofSeconds(3);

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aCancelledPopInAPipelinePutsWhatItTookBack(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            redis.del("cp:q", "cp:z");
            redis.rpush("cp:q", "a", "b", "c");
            redis.zadd("cp:z", java.util.Map.of("m", 2.5));
            try (Pipeline<String> pipe = redis.pipeline()) {
                Response<KeyValue<String>> right = pipe.brpop(BLOCK, "cp:q");
                Response<KeyValue<String>> left = pipe.blpop(BLOCK, "cp:q");
                Response<Long> size = pipe.llen("cp:q");
                Response<?> zpop = pipe.bzpopmin(BLOCK, "cp:z");
                right.cancel(true);
                left.cancel(true);
                zpop.cancel(true);
                List<Object> results = pipe.execute();
                assertThat(results.get(0)).isInstanceOf(CancellationException.class);
                assertThat(results.get(1)).isInstanceOf(CancellationException.class);
                assertThat(size.get()).isEqualTo(1L); // both pops did take their items on the server
            }
            assertThat(redis.lrange("cp:q", 0, -1)).containsExactly("a", "b", "c");
            assertThat(redis.zscore("cp:z", "m")).isEqualTo(2.5);
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aCancelledPopInATransactionalPipelinePutsWhatItTookBack(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            redis.del("cp:tq", "cp:dst");
            redis.rpush("cp:tq", "a", "b");
            try (Pipeline<String> pipe = redis.transactionalPipeline()) {
                Response<KeyValue<String>> popped = pipe.brpop(BLOCK, "cp:tq");
                Response<String> moved = pipe.blmove("cp:tq", "cp:dst", io.respkit.commands.ListDirection.LEFT,
                        io.respkit.commands.ListDirection.RIGHT, BLOCK);
                popped.cancel(true);
                moved.cancel(true);
                pipe.execute();
            }
            assertThat(redis.lrange("cp:tq", 0, -1)).containsExactly("a", "b");
            assertThat(redis.exists("cp:dst")).isZero();
            Leaks.assertPoolWhole(redis.pool());
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void aCancelledPopInAMultiBodyPutsWhatItTookBack(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            redis.del("cp:mq");
            redis.rpush("cp:mq", "x", "y");
            redis.multi(tx -> {
                tx.brpop(BLOCK, "cp:mq").cancel(true);
                tx.set("cp:done", "1");
            });
            assertThat(redis.lrange("cp:mq", 0, -1)).containsExactly("x", "y");
            assertThat(redis.get("cp:done")).isEqualTo("1");
            Leaks.assertPoolWhole(redis.pool());
        }
    }
}
