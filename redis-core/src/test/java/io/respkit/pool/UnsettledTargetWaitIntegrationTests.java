package io.respkit.pool;

import io.respkit.connection.ConnectionMode;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisPoolExhaustedException;
import io.respkit.internal.connection.NodeTarget;
import io.respkit.internal.connection.PoolAccess;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A borrower waits at most the pool's {@code maxWait} in all, however long the wait for a Sentinel switch to settle
 * took of it: the settle wait and the wait for a free connection share one deadline (they used to add up to twice
 * {@code maxWait}).
 */
@ExtendWith(RedisServerExtension.class)
class UnsettledTargetWaitIntegrationTests {

    /** A target whose switch never settles: each wait for it lasts as long as it may. */
    private static NodeTarget neverSettled(RedisConfig config) {
        return new NodeTarget() {
            @Override
            public RedisConfig current() {
                return config;
            }

            @Override
            public void awaitSettled(long maxNanos) {
                long end = System.nanoTime() + maxNanos;
                for (long left = maxNanos; left > 0; left = end - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            }

            @Override
            public boolean isSettled() {
                return false;
            }
        };
    }

    @Test
    void theSettleWaitCountsAgainstMaxWait(RedisServer server) {
        Duration maxWait = Duration.ofSeconds(1);
        RedisConfig config = server.configBuilder().connectionMode(ConnectionMode.POOLED)
                .pool(PoolConfig.builder().maxTotal(1).maxIdle(1).maxWait(maxWait).build()).build();
        try (ConnectionPool pool = PoolAccess.create(neverSettled(config))) {
            try (PooledConnection held = pool.borrow()) {
                long start = System.nanoTime();
                assertThatThrownBy(pool::borrow).isInstanceOf(RedisPoolExhaustedException.class);
                long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // at least the settle wait; well short of a second maxWait (only scheduling delays on top)
                assertThat(waitedMillis).isBetween(maxWait.toMillis() - 50, maxWait.toMillis() * 2 - 100);
            }
        }
    }
}
