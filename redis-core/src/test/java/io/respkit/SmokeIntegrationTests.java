package io.respkit;

import io.respkit.exceptions.RedisPipelineException;

import io.respkit.pubsub.Message;
import io.respkit.pubsub.PubSubMessage;
import io.respkit.pubsub.Subscriber;
import io.respkit.pubsub.SubscriptionEvent;
import io.respkit.protocol.RespVersion;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisServerExtension.class)
class SmokeIntegrationTests {

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void setGetPipelineTransactionPubSub(RespVersion protocol, RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().protocol(protocol).build())) {
            assertThat(redis.set("k1", "v1")).isTrue();
            assertThat(redis.get("k1")).isEqualTo("v1");
            assertThat(redis.get("missing")).isNull();

            List<Object> results = redis.pipelined(p -> {
                p.set("k1", "v1");
                p.set("k2", "v2");
                p.get("k1");
            });
            assertThat(results).containsExactly(true, true, "v1");

            TransactionResult tx = redis.multi(t -> {
                t.set("n", "1");
                t.incr("n");
            });
            assertThat(tx.results()).containsExactly(true, 2L);

            try (Subscriber<String> sub = redis.subscriber()) {
                sub.subscribe("fm97.5");
                PubSubMessage<String> confirm = sub.next(Duration.ofSeconds(2));
                assertThat(confirm).isEqualTo(new SubscriptionEvent<String>(SubscriptionEvent.Kind.SUBSCRIBE, "fm97.5", 1));
                assertThat(redis.execute("PUBLISH", "fm97.5", "hello")).isEqualTo(1L);
                assertThat(sub.next(Duration.ofSeconds(2))).isEqualTo(new Message<>("fm97.5", "hello"));
            }
            assertThat(redis.pool().stats().active()).isZero();
        }
    }

    @Test
    void wrongTypeInPipelineRaisesAfterReadingAll(RedisServer server) {
        try (RedisClient<String> redis = RedisClient.create(server.config())) {
            redis.set("mykey", "hello");
            assertThatThrownBy(() -> redis.pipelined(p -> {
                p.set("key1", "value1");
                p.enqueue(io.respkit.commands.Command.create(redis.codec(), "LPUSH",
                        io.respkit.commands.ReplyDecoders.integer()).key("mykey").value("item"));
                p.set("key2", "value2");
            })).isInstanceOfSatisfying(RedisPipelineException.class, e -> {
                assertThat(e.index()).isEqualTo(1);
                assertThat(e.command()).isEqualTo("LPUSH");
                assertThat(e.code()).isEqualTo("WRONGTYPE");
                assertThat(e.results()).hasSize(3);
                assertThat(e.results().get(0)).isEqualTo(true);
                assertThat(e.results().get(2)).isEqualTo(true);
            });
            assertThat(redis.get("key2")).isEqualTo("value2");
        }
    }
}
