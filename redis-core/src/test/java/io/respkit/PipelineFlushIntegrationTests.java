package io.respkit;

import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link Pipeline#flush()}: queued commands reach the server at once; their replies are read later, in order. */
@ExtendWith(RedisServerExtension.class)
class PipelineFlushIntegrationTests {

    @Test
    void flushSendsWithoutReadingAndExecuteStillReturnsEveryReply(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.config());
             RedisClient<String> observer = RedisClient.create(server.config());
             Pipeline<String> p = redis.pipeline()) {
            p.set("flush:a", "1");
            p.incr("flush:n");
            // buffered only: another connection does not see it yet
            assertThat(observer.get("flush:a")).isNull();
            p.flush();
            await().until(() -> "1".equals(observer.get("flush:a")));
            p.get("flush:a");
            p.flush();
            p.flush(); // nothing new queued: harmless
            List<Object> results = p.execute();
            assertThat(results).containsExactly(true, 1L, "1");
            observer.del("flush:a", "flush:n");
        }
    }

    @Test
    void flushInATransactionalRoundSendsNothingBeforeExec(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.config());
             RedisClient<String> observer = RedisClient.create(server.config());
             Pipeline<String> p = redis.transactionalPipeline()) {
            p.set("flush:tx", "1");
            p.flush();
            assertThat(observer.get("flush:tx")).isNull();
            assertThat(p.execute()).containsExactly(true);
            assertThat(observer.get("flush:tx")).isEqualTo("1");
            observer.del("flush:tx");
        }
    }
}
