package io.respkit.reliability;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.codec.StringCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.internal.commands.KeyDefs;
import io.respkit.internal.commands.StringDefs;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.pool.PooledConnection;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 2: a write whose reply was lost is never run again by the client, and a read is retried (once, on a fresh
 * connection) only when {@link RedisConfig.Builder#retryReads(boolean)} is on.
 */
@ExtendWith({RedisServerExtension.class, NoStrayThreads.class})
class RetryIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private static ConnectionPool pool(FaultProxy proxy, boolean retryReads) {
        return ConnectionPool.create(proxy.configBuilder().timeout(TIMEOUT).retryReads(retryReads)
                .pool(PoolConfig.builder().maxTotal(4).build()).build());
    }

    /** Opens {@code n} connections and gives them back, so that the pool holds {@code n} idle ones. */
    private static void warm(ConnectionPool pool, int n) {
        List<PooledConnection> leases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leases.add(pool.borrow());
        }
        leases.forEach(PooledConnection::close);
        assertThat(pool.stats().idle()).isEqualTo(n);
    }

    @ParameterizedTest(name = "retryReads={0}")
    @ValueSource(booleans = {false, true})
    void timedOutWriteIsNeverReplayed(boolean retryReads, RedisServer server) {
        try (RedisClient<String> direct = RedisClient.create(server.config());
             FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy, retryReads);
             RedisClient<String> redis = RedisClient.create(pool)) {
            String key = "retry:counter:" + retryReads;
            direct.del(key);
            assertThat(redis.execute("PING")).isEqualTo("PONG");

            proxy.blackhole();
            assertThatThrownBy(() -> redis.incr(key)).isInstanceOf(RedisTimeoutException.class);
            proxy.heal();
            // The INCR held in the black hole may now reach the server (once); the client must not have sent it again.
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connectionCount() == 0);
            assertThat(direct.get(key)).isIn(null, "1");
            // Later traffic on the same pool does not replay it either.
            Leaks.assertRepliesRouted(redis, 50);
            assertThat(direct.get(key)).isIn(null, "1");
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void readFailureSurfacesWhenRetryIsOff(RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy, false);
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("retry:off", "v");
            warm(pool, 1);
            proxy.resetAll();
            assertThatThrownBy(() -> redis.get("retry:off")).isInstanceOf(RedisConnectionException.class);
            Leaks.assertPoolWhole(pool);
            assertThat(redis.get("retry:off")).isEqualTo("v");
        }
    }

    @Test
    void readIsRetriedOnAFreshConnectionWhenRetryIsOn(RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy, true);
             RedisClient<String> redis = RedisClient.create(pool)) {
            redis.set("retry:on", "v");
            redis.hset("retry:hash", Map.of("f", "1"));
            warm(pool, 4);
            long created = pool.stats().created();
            proxy.resetAll();
            // Every pooled connection is dead; the first attempt fails on one, the retry opens a new one.
            assertThat(redis.get("retry:on")).isEqualTo("v");
            assertThat(pool.stats().created()).isEqualTo(created + 1);
            // The failure made the pool drop the other three dead connections instead of handing them out.
            assertThat(redis.hgetall("retry:hash")).isEqualTo(Map.of("f", "1"));
            assertThat(redis.exists("retry:on")).isEqualTo(1);
            assertThat(pool.stats().created()).isEqualTo(created + 1);
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void writeIsNotRetriedEvenWhenRetryIsOn(RedisServer server) {
        try (RedisClient<String> direct = RedisClient.create(server.config());
             FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy, true);
             RedisClient<String> redis = RedisClient.create(pool)) {
            direct.del("retry:write");
            warm(pool, 1);
            proxy.resetAll();
            assertThatThrownBy(() -> redis.incr("retry:write")).isInstanceOf(RedisConnectionException.class);
            // The proxy had already reset the server side: the INCR never reached the server, and was not resent.
            assertThat(direct.get("retry:write")).isNull();
            assertThat(redis.incr("retry:write")).isEqualTo(1);
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void aReadIsRetriedAtMostOnce(RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             ConnectionPool pool = pool(proxy, true);
             RedisClient<String> redis = RedisClient.create(pool)) {
            warm(pool, 1);
            proxy.blackhole();
            assertThatThrownBy(() -> redis.get("retry:once")).isInstanceOf(RedisTimeoutException.class);
            // The pooled connection plus exactly one fresh one for the retry; both are held by the black hole.
            assertThat(proxy.connectionCount()).isEqualTo(2);
            proxy.heal();
            Leaks.assertPoolWhole(pool);
        }
    }

    @Test
    void retryReadsIsOffByDefaultAndSetFromTheUrl() {
        assertThat(RedisConfig.builder().build().retryReads()).isFalse();
        assertThat(RedisConfig.fromUrl("redis://127.0.0.1:6379?retryReads=true").retryReads()).isTrue();
        assertThat(RedisConfig.fromUrl("redis://127.0.0.1:6379?retryReads=false").retryReads()).isFalse();
        assertThat(RedisConfig.builder().retryReads(true).build().toBuilder().build().retryReads()).isTrue();
        assertThat(StringDefs.get(StringCodec.UTF8, "k").isReadOnly()).isTrue();
        assertThat(KeyDefs.ttl(StringCodec.UTF8, "k").isReadOnly()).isTrue();
        assertThat(StringDefs.incr(StringCodec.UTF8, "k").isReadOnly()).isFalse();
        assertThat(StringDefs.set(StringCodec.UTF8, "k", "v").isReadOnly()).isFalse();
    }
}
