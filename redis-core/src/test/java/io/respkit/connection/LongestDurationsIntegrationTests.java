package io.respkit.connection;

import io.respkit.RedisClient;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PooledConnection;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every timeout, wait and interval at {@link RedisConfig#MAX_DURATION}: commands, blocking pops, pipelines and an
 * exhausted pool's wait all work, in each connection mode (no deadline overflows into the past).
 */
@ExtendWith(RedisServerExtension.class)
class LongestDurationsIntegrationTests {

    @ParameterizedTest
    @EnumSource(ConnectionMode.class)
    void theLongestDurationsWork(ConnectionMode mode, RedisServer server) {
        Duration max = RedisConfig.MAX_DURATION;
        RedisConfig config = server.configBuilder().connectionMode(mode).timeout(max).connectTimeout(max)
                .healthCheckInterval(max)
                .pool(PoolConfig.builder().maxTotal(1).maxIdle(1).maxWait(max).validateAfterIdle(max)
                        .probeAfterIdle(max).build())
                .build();
        try (RedisClient<String> redis = RedisClient.create(config)) {
            redis.set("long:k", "v");
            assertThat(redis.get("long:k")).isEqualTo("v");
            redis.rpush("long:q", "a");
            assertThat(redis.blpop(Duration.ofSeconds(1), "long:q")).isNotNull();
            assertThat(redis.blpop(Duration.ofMillis(50), "long:q")).isNull();
            assertThat(redis.pipelined(p -> p.get("long:k"))).isEqualTo(List.of("v"));
            assertThat(redis.async().get("long:k").join()).isEqualTo("v");

            // the one connection lent out: the next borrower waits for it instead of failing at once
            CompletableFuture<String> waiting;
            try (PooledConnection held = redis.pool().borrow()) {
                waiting = CompletableFuture.supplyAsync(() -> {
                    try (PooledConnection next = redis.pool().borrow()) {
                        return next.connection().address().toString();
                    }
                });
                await().until(() -> redis.pool().stats().waiters() == 1 || waiting.isDone());
                assertThat(waiting).isNotDone();
            }
            assertThat(waiting.join()).isNotEmpty();
            redis.del("long:k", "long:q");
        }
    }
}
